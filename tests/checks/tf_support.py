"""Terraform fixtures for the check tests, written the way Terraform documents its formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flexcheck.core.model import Result

# A unique canary in the generated-password shape: it must never reach any rendered text.
CANARY = "c4n4ry0123456789abcdef0123456789!1Aa"
USER = "6A1B2C3D-0000-4000-8000-123456789ABC"

LOCK = """# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/fortinetdev/fortiflexvm" {{
  version     = "{version}"
  constraints = "{version}"
  hashes = [
    "h1:abc=",
  ]
}}
"""


# A provider block whose credentials come from variables, shared by the Terraform check tests.
VARIABLES = """
variable "api_user" {}
variable "api_password" {
  type      = string
  sensitive = true
}
provider "fortiflexvm" {
  username = var.api_user
  password = var.api_password
}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def lock(folder: Path, version: str) -> None:
    write(folder, ".terraform.lock.hcl", LOCK.format(version=version))


def rendered(result: Result[Any]) -> str:
    """Everything a report could show of a result (the value is never rendered)."""
    return "\n".join((result.summary, result.hint, *result.details, repr(result)))


def assert_no_canary(result: Result[Any], canary: str = CANARY) -> None:
    text = rendered(result)
    assert canary not in text
    assert canary.split("!")[0] not in text


def change(
    address: str, actions: list[str], after: dict[str, Any] | None = None, mode: str = "managed"
) -> dict[str, Any]:
    kind, name = address.rsplit(".", 1)[0].split(".")[-1], address.rsplit(".", 1)[1]
    return {
        "address": address,
        "mode": mode,
        "type": kind,
        "name": name,
        "provider_name": "registry.terraform.io/fortinetdev/fortiflexvm",
        "change": {"actions": actions, "before": None, "after": after},
    }


def plan_json(*changes: dict[str, Any]) -> bytes:
    return json.dumps(
        {
            "format_version": "1.2",
            "terraform_version": "1.9.0",
            "planned_values": {},
            "resource_changes": list(changes),
        }
    ).encode()
