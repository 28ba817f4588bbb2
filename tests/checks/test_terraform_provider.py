"""terraform-provider: the pinned version, what 1.x expects, and names that do not fit it."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.terraform_provider import TerraformProvider
from flexcheck.core.model import Deps, Result, Status
from flexcheck.terraform.lockfile import ProviderVersion
from tests.checks.tf_support import lock, write
from tests.helpers import make_context

V2 = 'resource "fortiflexvm_entitlements_vm" "web" {\n  config_id = 42\n}\n'
V1 = 'resource "fortiflexvm_vms_create" "web" {\n  config_id = 42\n}\n'
REQUIRED = """terraform {
  required_providers {
    fortiflexvm = {
      source  = "fortinetdev/fortiflexvm"
      version = "%s"
    }
  }
}
"""

# Every module that uses the provider must name its source (else: hashicorp/fortiflexvm).
SOURCE_ONLY = """terraform {
  required_providers {
    fortiflexvm = {
      source = "fortinetdev/fortiflexvm"
    }
  }
}
"""


def run(folder: Path) -> Result[ProviderVersion]:
    assert TerraformProvider.id == "terraform-provider"
    ctx = make_context(cwd=folder, tf_dir=folder)
    return TerraformProvider().run(ctx, Deps({}))


def test_no_terraform_files_skip(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.status is Status.SKIP
    assert "no Terraform configuration" in result.summary


@pytest.mark.parametrize("version", ["2.0.0", "2.4.3", "3.1.0"])
def test_lock_file_2x_and_later_pass(tmp_path: Path, version: str) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V2)
    lock(tmp_path, version)
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert f"fortiflexvm {version}, locked in .terraform.lock.hcl" in result.summary
    assert result.value is not None
    assert result.value.version == version


@pytest.mark.parametrize("version", ["0.5.0", "1.0.0"])
def test_lock_file_before_2_explains_what_it_expects(tmp_path: Path, version: str) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V1)
    lock(tmp_path, version)
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert f"fortiflexvm {version}" in result.summary
    assert "FLEXVM_ACCESS_USERNAME" in result.summary
    assert "API v1" in result.summary
    assert "fortiflexvm_vms_*" in result.summary
    assert "terraform init -upgrade" in result.hint


def test_1x_with_2x_resource_names_names_them(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V2)
    lock(tmp_path, "1.0.0")
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert "it has no fortiflexvm_entitlements_vm.web (main.tf:1)" in result.summary


def test_2x_with_1_0_0_names_warns(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V1 + 'data "fortiflexvm_vms_list" "all" {}\n')
    lock(tmp_path, "2.4.3")
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert "fortiflexvm_vms_create.web (main.tf:1)" in result.summary
    assert "data.fortiflexvm_vms_list.all (main.tf:4)" in result.summary


def test_constraint_without_lock_file(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", REQUIRED % "~> 2.3")
    write(tmp_path, "main.tf", V2)
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert "fortiflexvm ~> 2.3, required in versions.tf (no lock file yet)" in result.summary


def test_constraint_1_0_0_era_configuration(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", REQUIRED % "1.0.0")
    write(tmp_path, "main.tf", V1 + 'data "fortiflexvm_vms_points" "p" {}\n')
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert "fortiflexvm 1.0.0, required in versions.tf" in result.summary
    assert "FLEXVM_ACCESS_PASSWORD" in result.summary


def test_constraint_across_majors_is_reported_as_not_fixed(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", REQUIRED % ">= 1.0")
    write(tmp_path, "main.tf", V2)
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert "major version not fixed" in result.summary


def test_nothing_pinned(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V2)
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert "no provider version pinned" in result.summary


def test_nothing_pinned_with_1_0_0_names_warns(tmp_path: Path) -> None:
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V1)
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert "1.0.0 names fortiflexvm_vms_create.web (main.tf:1)" in result.summary


def test_a_file_terraform_cannot_parse_fails_at_its_line(tmp_path: Path) -> None:
    # It used to be a detail under a pass: exit 0, "Ready", and terraform plan then refuses.
    write(tmp_path, "versions.tf", SOURCE_ONLY)
    write(tmp_path, "main.tf", V2)
    write(
        tmp_path, "broken.tf", 'variable "a" {}\n\nresource "fortiflexvm_config" "x" {\n  a = 1\n'
    )
    lock(tmp_path, "2.4.3")
    result = run(tmp_path)
    assert result.status is Status.FAIL
    assert "broken.tf:3: Unclosed configuration block" in result.summary
    assert result.location is not None
    assert (result.location.path, result.location.line) == ("broken.tf", 3)
    assert "terraform validate" in result.hint
