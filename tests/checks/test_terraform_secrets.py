"""terraform-secrets: passwords written into .tf and .tfvars files, named by place, not value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.terraform_secrets import TerraformSecrets
from flexcheck.core.model import Deps, Location, Result, Status
from tests.checks.tf_support import CANARY, USER, VARIABLES, assert_no_canary, lock, write
from tests.helpers import make_context


def run(folder: Path, env: dict[str, str] | None = None) -> Result[Any]:
    ctx = make_context(env=env or {}, cwd=folder, tf_dir=folder)
    result = TerraformSecrets().run(ctx, Deps({}))
    assert TerraformSecrets.id == "terraform-secrets"
    assert_no_canary(result)
    return result


def test_a_literal_password_in_the_provider_block_warns_with_its_place(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        f'provider "fortiflexvm" {{\n  username = "{USER}"\n  password = "{CANARY}"\n}}\n',
    )
    # The environment holds another password: the literal still lands in version control.
    result = run(tmp_path, {"FORTIFLEX_ACCESS_PASSWORD": "other-env-password"})
    assert result.status is Status.WARN
    assert result.summary == "main.tf:3: provider block 'password' is a literal password"
    assert "version control" in result.hint
    assert "FORTIFLEX_ACCESS_PASSWORD" in result.hint
    assert result.location == Location("main.tf", 3)


def test_tfvars_value_and_variable_default_are_each_named(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    write(tmp_path, "terraform.tfvars", f'api_user     = "{USER}"\napi_password = "{CANARY}"\n')
    write(tmp_path, "variables.tf", f'variable "db_password" {{\n  default = "{CANARY}"\n}}\n')
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert result.summary == (
        "terraform.tfvars:2: variable value 'api_password' is a literal password (and 1 more)"
    )
    assert result.details == (
        "variables.tf:2: variable default 'db_password' is a literal password",
    )
    assert result.location == Location("terraform.tfvars", 2)


def test_a_tfvars_json_value_is_found(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    write(tmp_path, "secrets.auto.tfvars.json", f'{{"api_password": "{CANARY}"}}')
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert "secrets.auto.tfvars.json" in result.summary
    assert "'api_password'" in result.summary


def test_the_pinned_1x_provider_is_told_its_own_variable(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", f'provider "fortiflexvm" {{\n  password = "{CANARY}"\n}}\n')
    lock(tmp_path, "1.0.0")
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert "FLEXVM_ACCESS_PASSWORD" in result.hint


def test_no_written_password_passes_and_counts_the_files(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    write(tmp_path, "terraform.tfvars", f'api_user = "{USER}"\n')
    result = run(tmp_path, {"TF_VAR_api_password": CANARY})
    assert result.status is Status.PASS
    assert result.summary == f"no password written in the 2 Terraform files in {tmp_path}"


def test_an_empty_provider_password_holds_none(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'provider "fortiflexvm" {\n  password = ""\n}\n')
    assert run(tmp_path).status is Status.PASS


def test_an_unreadable_file_is_not_vouched_for(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'provider "fortiflexvm" {}\n')
    write(tmp_path, "broken.tf", 'resource "x" {\n  a = \n')
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert result.summary.endswith(f"in the 1 Terraform file in {tmp_path} (1 could not be read)")
    assert result.details[0].startswith("could not read broken.tf:2")


def test_a_folder_without_terraform_files_skips(tmp_path: Path) -> None:
    write(tmp_path, "README.md", f"password = {CANARY}\n")
    result = run(tmp_path)
    assert result.status is Status.SKIP
    assert result.summary == f"no Terraform files in {tmp_path}"


def test_a_folder_that_cannot_be_listed_skips(tmp_path: Path) -> None:
    result = run(tmp_path / "missing")
    assert result.status is Status.SKIP
    assert result.summary.startswith(f"cannot list {tmp_path / 'missing'}")
