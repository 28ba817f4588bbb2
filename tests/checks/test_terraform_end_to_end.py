"""The Terraform checks through the real CLI, against the loopback FortiCloud emulator."""

from __future__ import annotations

import json
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flexcheck.cli import app
from flexcheck.emulator import Access, EmulatedUser, Emulator
from tests.checks.tf_support import CANARY, USER, change, plan_json, write

PROGRAM = "ELAVMR0000000077"
NEW_CHECKS = {
    "terraform-credentials": "checks.terraform_credentials:TerraformCredentialsCheck",
    "terraform-secrets": "checks.terraform_secrets:TerraformSecrets",
    "terraform-provider": "checks.terraform_provider:TerraformProvider",
    "terraform-log-leak": "checks.terraform_log_leak:TerraformLogLeak",
    "credentials-match": "checks.credentials_match:CredentialsMatch",
    "plan-references": "checks.plan_references:PlanReferences",
}


def test_the_checks_are_declared_as_entry_points() -> None:
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text())["project"]["entry-points"]["flexcheck.checks"]
    assert {k: declared.get(k) for k in NEW_CHECKS} == NEW_CHECKS


def test_plan_with_a_disabled_config_and_a_stale_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = {ep.name for ep in entry_points(group="flexcheck.checks")}
    if not set(NEW_CHECKS) <= installed:
        pytest.skip("the installed metadata predates these checks: pip install -e again")
    monkeypatch.chdir(tmp_path)
    creds = write(tmp_path, "creds.txt", f"apiId:{USER}\npassword:{CANARY}\n")
    creds.chmod(0o600)
    write(
        tmp_path,
        "main.tf",
        'provider "fortiflexvm" {}\n'
        'resource "fortiflexvm_entitlements_vm" "web" {\n  config_id = 4201\n}\n',
    )
    plan = tmp_path / "plan.json"
    plan.write_bytes(
        plan_json(
            change("fortiflexvm_entitlements_vm.web", ["create"], {"config_id": 4201}),
            change("fortiflexvm_entitlements_vm.old", ["update"], {"config_id": 4202}),
        )
    )
    env = {
        "FORTIFLEX_ACCESS_USERNAME": USER,
        "FORTIFLEX_ACCESS_PASSWORD": CANARY.split("!")[0],  # bash ate "!1Aa"
        "TF_LOG": "DEBUG",
    }
    with Emulator([EmulatedUser(USER, CANARY, Access.READ_WRITE)]) as emulator:
        emulator.add_program(PROGRAM)
        emulator.add_config(4201, "web", PROGRAM, "ACTIVE")
        emulator.add_config(4202, "old", PROGRAM, "DISABLED")
        result = CliRunner().invoke(
            app,
            [
                "check",
                "--format",
                "json",
                "--credentials",
                str(creds),
                "--plan",
                str(plan),
                "--tf-dir",
                str(tmp_path),
                "--auth-url",
                emulator.auth_url,
                "--api-url",
                emulator.api_url,
            ],
            env=env,
        )
    assert CANARY not in result.output
    report = json.loads(result.output)
    checks = {c["id"]: c for c in report["checks"]}
    assert result.exit_code == 1
    assert checks["api-login"]["status"] == "pass"
    assert checks["terraform-credentials"]["status"] == "pass"
    assert checks["terraform-secrets"]["status"] == "pass"
    assert checks["terraform-log-leak"]["status"] == "warn"
    assert "TF_LOG=DEBUG" in checks["terraform-log-leak"]["summary"]
    assert checks["credentials-match"]["status"] == "fail"
    assert "shell quoting" in checks["credentials-match"]["summary"]
    references = checks["plan-references"]
    assert references["status"] == "fail"
    assert (
        "configuration 4202 (used by fortiflexvm_entitlements_vm.old) is DISABLED"
        in (references["summary"])
    )
    assert checks["write-permission"]["status"] == "pass"
    assert "fortiflexvm_entitlements_vm.web: create" in checks["write-permission"]["summary"]
