"""A complete, throw-away FortiFlex world: an emulated account, a credential zip and a plan."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from flexcheck.credentials.locate import ENV_PASSWORD, ENV_USERNAME
from flexcheck.secrets.secret import Secret

if TYPE_CHECKING:  # `demo --help` needs only the scenarios, not the emulator or pyzipper
    from flexcheck.emulator import Emulator


class Scenario(StrEnum):
    HEALTHY = "healthy"
    READ_ONLY = "read-only"
    WRONG_ZIP_PASSWORD = "wrong-zip-password"
    STALE_PASSWORD = "stale-password"


SCENARIO_STORIES: dict[Scenario, str] = {
    Scenario.HEALTHY: "a ReadWrite API user with a fresh credential download",
    Scenario.READ_ONLY: "an API user whose permission profile is ReadOnly, with a plan that writes",
    Scenario.WRONG_ZIP_PASSWORD: "the zip password given is not the one set at download",
    Scenario.STALE_PASSWORD: "the credentials were downloaded again elsewhere, so this zip's "
    "API password no longer works",
}


@dataclass(frozen=True)
class DemoWorld:
    emulator: Emulator
    credentials: Path
    zip_password: Secret
    plan: Path
    terraform_env: dict[str, str]  # FORTIFLEX_ACCESS_* for the run's environment, never printed


def demo_plan() -> dict[str, object]:
    """A plan as `terraform show -json` prints it, creating one VM entitlement."""
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "resource_changes": [
            {
                "address": "fortiflexvm_entitlements_vm.web",
                "mode": "managed",
                "type": "fortiflexvm_entitlements_vm",
                "name": "web",
                "provider_name": "registry.terraform.io/fortinetdev/fortiflexvm",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": {"config_id": 101, "description": "demo"},
                },
            },
            {
                "address": "data.fortiflexvm_configs_list.all",
                "mode": "data",
                "type": "fortiflexvm_configs_list",
                "name": "all",
                "provider_name": "registry.terraform.io/fortinetdev/fortiflexvm",
                "change": {"actions": ["read"], "before": None, "after": {}},
            },
        ],
    }


DEMO_CONFIGURATION = """\
terraform {
  required_providers {
    fortiflexvm = {
      source  = "fortinetdev/fortiflexvm"
      version = "~> 2.4"
    }
  }
}

# The API user and password come from FORTIFLEX_ACCESS_USERNAME and FORTIFLEX_ACCESS_PASSWORD.
provider "fortiflexvm" {}

data "fortiflexvm_configs_list" "all" {
  program_serial_number = "ELAVMR0000000001"
}

resource "fortiflexvm_entitlements_vm" "web" {
  config_id   = 101
  description = "demo"
}
"""

DEMO_LOCK_FILE = """\
provider "registry.terraform.io/fortinetdev/fortiflexvm" {
  version     = "2.4.3"
  constraints = "~> 2.4"
}
"""


def build_world(
    scenario: Scenario, folder: Path, emulator: Emulator, *, with_terraform: bool = False
) -> DemoWorld:
    """Create the user, the download and the plan for `scenario` in `folder`; with_terraform
    adds a configuration, a lock file and the provider's variables, as a pipeline would have."""
    from flexcheck.credentials.fixtures import (
        generate_api_id,
        generate_api_password,
        write_credential_zip,
    )
    from flexcheck.emulator import Access, EmulatedUser

    api_id, api_password = generate_api_id(), generate_api_password()
    access = Access.READ_ONLY if scenario is Scenario.READ_ONLY else Access.READ_WRITE
    emulator.add_user(EmulatedUser(api_id, api_password, access))
    zip_password = Secret(secrets.token_urlsafe(12))
    Secret(api_password)  # registered for redaction before anything can print it
    data = write_credential_zip(api_id, api_password, zip_password.reveal())
    credentials = folder / f"API_Credential_{api_id[:8]}_demo.zip"
    credentials.write_bytes(data)
    credentials.chmod(0o600)
    if scenario is Scenario.STALE_PASSWORD:
        emulator.reset_password(api_id)
    given = zip_password
    if scenario is Scenario.WRONG_ZIP_PASSWORD:
        given = Secret(secrets.token_urlsafe(12))
    plan = folder / "plan.json"
    plan.write_text(json.dumps(demo_plan(), indent=2), encoding="utf-8")
    terraform_env: dict[str, str] = {}
    if with_terraform:
        (folder / "main.tf").write_text(DEMO_CONFIGURATION, encoding="utf-8")
        (folder / ".terraform.lock.hcl").write_text(DEMO_LOCK_FILE, encoding="utf-8")
        # As a pipeline exports them for terraform: the Terraform checks then have work to do.
        terraform_env = {ENV_USERNAME: api_id, ENV_PASSWORD: api_password}
    return DemoWorld(emulator, credentials, given, plan, terraform_env)
