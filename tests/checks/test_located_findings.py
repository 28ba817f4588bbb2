"""Each problem a check finds is a located finding of its own: file, line, status and message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from checks.credentials_git import CredentialsGit
from checks.terraform_provider import TerraformProvider
from checks.terraform_secrets import TerraformSecrets
from checks.terraform_values import TerraformValues
from flexcheck.core.model import Deps, LocatedFinding, Location, Result, Status
from flexcheck.terraform.plan import read_plan
from tests.checks.test_credentials_git import ZIP, git
from tests.checks.test_terraform_provider import SOURCE_ONLY, V1, V2
from tests.checks.tf_support import CANARY, VARIABLES, assert_no_canary, lock, write
from tests.helpers import make_context

# Two values FortiFlex refuses, in two files, at lines 5 and 8; and one it cannot know yet.
A_TF = """resource "fortiflexvm_config" "fgt" {
  product_type          = "FGT_VM_Bundle"
  program_serial_number = "ELAVMS0000003536"
  fgt_vm_bundle {
    cpu_size    = 128
    service_pkg = "ATP"
  }
}
"""
B_TF = """# the second configuration

resource "fortiflexvm_config" "fgt2" {
  product_type          = "FGT_VM_Bundle"
  program_serial_number = "ELAVMS0000003536"
  fgt_vm_bundle {
    cpu_size    = 2
    service_pkg = "UTM"
    vdom_num    = var.vdoms
  }
}

variable "vdoms" {}
"""


def two_bad_values(folder: Path) -> Path:
    """A Terraform folder `infra` under `folder` with the two refused values above."""
    infra = folder / "infra"
    infra.mkdir()
    write(infra, "a.tf", A_TF)
    write(infra, "b.tf", B_TF)
    return infra


def places(result: Result[Any]) -> list[tuple[Status, str, int | None]]:
    return [(f.status, f.location.path, f.location.line) for f in result.findings]


def test_terraform_values_places_every_refused_value_and_not_the_unknown_one(
    tmp_path: Path,
) -> None:
    two_bad_values(tmp_path)
    ctx = make_context(cwd=tmp_path, tf_dir=tmp_path / "infra")
    result = TerraformValues().run(ctx, Deps({}))
    assert result.status is Status.FAIL
    assert places(result) == [
        (Status.FAIL, "infra/a.tf", 5),
        (Status.FAIL, "infra/b.tf", 8),
    ]
    first, second = (f.message for f in result.findings)
    assert first.startswith("infra/a.tf:5: fortiflexvm_config.fgt: fgt_vm_bundle.cpu_size = 128")
    assert "allowed: 1-96" in first
    assert second.startswith("infra/b.tf:8: fortiflexvm_config.fgt2: fgt_vm_bundle.service_pkg")
    assert "allowed: FC, UTP, ENT, ATP" in second
    # The value not known before apply is a detail, never a finding; the wording stays as it was.
    assert not any("vdom_num" in f.message for f in result.findings)
    assert any("vdom_num not checked" in d for d in result.details)
    assert result.summary == f"{first} (and 1 more)"
    assert result.location == Location("infra/a.tf", 5)


def test_a_warning_among_failures_keeps_its_own_status(tmp_path: Path) -> None:
    write(tmp_path, "a.tf", A_TF)
    write(
        tmp_path,
        "b.tf",
        'resource "fortiflexvm_entitlements_vm" "vm" {\n  config_id    = 42\n'
        "  skip_pending = true\n}\n",
    )
    result = TerraformValues().run(make_context(cwd=tmp_path, tf_dir=tmp_path), Deps({}))
    assert result.status is Status.FAIL
    assert places(result) == [(Status.FAIL, "a.tf", 5), (Status.WARN, "b.tf", 3)]


def test_a_planned_value_carries_its_plan_address(tmp_path: Path) -> None:
    plan = {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": 'fortiflexvm_config.fgt["eu"]',
                "mode": "managed",
                "type": "fortiflexvm_config",
                "name": "fgt",
                "index": "eu",
                "change": {
                    "actions": ["create"],
                    "after": {
                        "product_type": "FGT_VM_Bundle",
                        "program_serial_number": "ELAVMS0000003536",
                        "fgt_vm_bundle": [{"cpu_size": 200, "service_pkg": "ATP"}],
                    },
                },
            }
        ],
    }
    raw = json.dumps(plan).encode()
    (tmp_path / "plan.json").write_bytes(raw)
    ctx = make_context(
        cwd=tmp_path,
        tf_dir=tmp_path,
        plan=tmp_path / "plan.json",
        plan_document=read_plan(raw, "plan.json"),
    )
    result = TerraformValues().run(ctx, Deps({}))
    assert result.status is Status.FAIL
    assert [f.location for f in result.findings] == [Location("plan.json")]
    assert 'fortiflexvm_config.fgt["eu"]' in result.findings[0].message
    assert "cpu_size = 200" in result.findings[0].message


def test_terraform_secrets_places_every_literal_password(tmp_path: Path) -> None:
    infra = tmp_path / "infra"
    infra.mkdir()
    write(infra, "main.tf", VARIABLES)
    write(infra, "terraform.tfvars", f'api_user     = "u"\napi_password = "{CANARY}"\n')
    write(infra, "variables.tf", f'variable "db_password" {{\n  default = "{CANARY}"\n}}\n')
    ctx = make_context(cwd=tmp_path, tf_dir=infra)
    result = TerraformSecrets().run(ctx, Deps({}))
    assert_no_canary(result)
    assert places(result) == [
        (Status.WARN, "infra/terraform.tfvars", 2),
        (Status.WARN, "infra/variables.tf", 2),
    ]
    assert [f.message for f in result.findings] == [
        "infra/terraform.tfvars:2: variable value 'api_password' is a literal password",
        "infra/variables.tf:2: variable default 'db_password' is a literal password",
    ]
    assert CANARY not in repr(result.findings)
    # The human report's words stay as they were: relative to the Terraform folder.
    assert result.details == (
        "variables.tf:2: variable default 'db_password' is a literal password",
    )


def test_a_plan_leak_places_every_json_path_at_the_plan_and_keeps_the_files_findings(
    tmp_path: Path,
) -> None:
    write(tmp_path, "main.tf", f'provider "fortiflexvm" {{\n  password = "{CANARY}"\n}}\n')
    plan = {
        "format_version": "1.2",
        "resource_changes": [],
        "variables": {"a_password": {"value": CANARY}, "b_password": {"value": CANARY + "2"}},
        "configuration": {
            "root_module": {
                "variables": {"a_password": {"sensitive": True}, "b_password": {"sensitive": True}}
            }
        },
    }
    raw = json.dumps(plan).encode()
    (tmp_path / "plan.json").write_bytes(raw)
    ctx = make_context(
        cwd=tmp_path,
        tf_dir=tmp_path,
        plan=tmp_path / "plan.json",
        plan_document=read_plan(raw, "plan.json"),
    )
    result = TerraformSecrets().run(ctx, Deps({}))
    assert result.status is Status.WARN
    leaks = [f for f in result.findings if f.location == Location("plan.json")]
    assert [f.message for f in leaks] == [
        "plan.json holds a secret in clear at variables.a_password.value: sensitive variable "
        "'a_password', in clear",
        "plan.json holds a secret in clear at variables.b_password.value: sensitive variable "
        "'b_password', in clear",
    ]
    assert result.findings[len(leaks) :] == (
        LocatedFinding(
            Status.WARN,
            "main.tf:2: provider block 'password' is a literal password",
            Location("main.tf", 2),
        ),
    )
    assert CANARY not in repr(result.findings)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_credentials_git_places_every_exposed_file(tmp_path: Path) -> None:
    repo = tmp_path / "infra"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ZIP).write_bytes(b"PK\x05\x06" + b"\0" * 18)
    write(repo, "main.tf", 'variable "p" {}\nprovider "fortiflexvm" {\n  password = var.p\n}\n')
    write(repo, "secret.auto.tfvars", f'p = "{CANARY}"\n')
    git(repo, "add", "secret.auto.tfvars")
    git(repo, "commit", "-qm", "config")
    ctx = make_context(credentials=repo / ZIP, cwd=repo, tf_dir=repo)
    result = CredentialsGit().run(ctx, Deps({}))
    assert result.status is Status.WARN
    assert [(f.status, f.location) for f in result.findings] == [
        (Status.WARN, Location("secret.auto.tfvars")),  # tracked: the worse exposure first
        (Status.WARN, Location(ZIP)),  # one `git add .` away
    ]
    assert "secret.auto.tfvars is tracked by git" in result.findings[0].message
    assert f"{ZIP} lies in a git work tree and is not ignored" in result.findings[1].message
    assert result.findings[0].message == result.summary
    assert CANARY not in repr(result.findings)


def test_terraform_provider_places_every_file_terraform_cannot_read(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V2)
    write(tmp_path, "broken.tf", 'variable "a" {}\n\nresource "fortiflexvm_config" "x" {\n')
    write(tmp_path, "other.tf", "locals {\n  a = \n}\n")
    lock(tmp_path, "2.4.3")
    result = TerraformProvider().run(make_context(cwd=tmp_path, tf_dir=tmp_path), Deps({}))
    assert result.status is Status.FAIL
    assert {(f.status, f.location.path) for f in result.findings} == {
        (Status.FAIL, "broken.tf"),
        (Status.FAIL, "other.tf"),
    }
    by_file = {f.location.path: f for f in result.findings}
    assert by_file["broken.tf"].location.line == 3
    assert by_file["broken.tf"].message.startswith("broken.tf:3: ")
    assert by_file["other.tf"].location.line is not None


def test_terraform_provider_places_every_block_the_pinned_release_lacks(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V1 + 'data "fortiflexvm_vms_list" "all" {}\n')
    lock(tmp_path, "2.4.3")
    result = TerraformProvider().run(make_context(cwd=tmp_path, tf_dir=tmp_path), Deps({}))
    assert result.status is Status.WARN
    assert places(result) == [(Status.WARN, "main.tf", 1), (Status.WARN, "main.tf", 4)]
    assert result.findings[0].message == (
        "main.tf:1: fortiflexvm_vms_create.web: a 1.0.0 name the pinned fortiflexvm 2.4.3 does "
        "not have"
    )
    assert result.findings[1].message.startswith("main.tf:4: data.fortiflexvm_vms_list.all: ")


def test_a_check_with_nothing_wrong_has_no_findings(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V2)
    lock(tmp_path, "2.4.3")
    ctx = make_context(cwd=tmp_path, tf_dir=tmp_path)
    for check in (TerraformProvider, TerraformSecrets, TerraformValues):
        result = check().run(ctx, Deps({}))
        assert result.status in (Status.PASS, Status.SKIP), result.summary
        assert result.findings == ()
