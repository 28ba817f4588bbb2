"""terraform-credentials: which API user and password the provider will really use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checks.terraform_credentials import TerraformCredentialsCheck
from flexcheck.core.model import Deps, Result, Status
from flexcheck.secrets.secret import Secret
from flexcheck.terraform.credentials import TerraformCredentials
from tests.checks.tf_support import CANARY, USER, VARIABLES, assert_no_canary, lock, write
from tests.helpers import make_context

ENV = {"FORTIFLEX_ACCESS_USERNAME": USER, "FORTIFLEX_ACCESS_PASSWORD": CANARY}
LEGACY_ENV = {"FLEXVM_ACCESS_USERNAME": USER, "FLEXVM_ACCESS_PASSWORD": CANARY}
EMPTY_PROVIDER = 'provider "fortiflexvm" {}\n'


def run(folder: Path, env: dict[str, str] | None = None) -> Result[TerraformCredentials]:
    ctx = make_context(env=env or {}, cwd=folder, tf_dir=folder)
    result = TerraformCredentialsCheck().run(ctx, Deps({}))
    assert TerraformCredentialsCheck.id == "terraform-credentials"
    assert_no_canary(result)
    return result


def value(result: Result[Any]) -> TerraformCredentials:
    assert isinstance(result.value, TerraformCredentials)
    return result.value


def test_no_terraform_configuration_skips(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'resource "aws_instance" "a" {}\n')
    result = run(tmp_path, ENV)
    assert result.status is Status.SKIP
    assert "no Terraform configuration" in result.summary
    assert result.value is None


def test_absent_credentials_come_from_the_environment(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", EMPTY_PROVIDER)
    result = run(tmp_path, ENV)
    assert result.status is Status.PASS
    creds = value(result)
    assert creds.username == USER
    assert isinstance(creds.password, Secret)
    assert creds.password.reveal() == CANARY
    assert creds.password_source == "environment variable FORTIFLEX_ACCESS_PASSWORD"
    assert "password: environment variable FORTIFLEX_ACCESS_PASSWORD" in result.details


def test_no_credentials_anywhere_fails_like_the_provider(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", EMPTY_PROVIDER)
    result = run(tmp_path)
    assert result.status is Status.FAIL
    assert "'Error reading Username'" in result.summary
    assert "'Error reading Password'" in result.summary
    assert "FORTIFLEX_ACCESS_PASSWORD" in result.hint


def test_missing_password_only(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", f'provider "fortiflexvm" {{\n  username = "{USER}"\n}}\n')
    result = run(tmp_path)
    assert result.status is Status.FAIL
    assert "no password" in result.summary
    assert "Error reading Password" in result.summary
    assert "Username" not in result.summary


def test_implicit_provider_from_resources_only(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'data "fortiflexvm_programs_list" "all" {}\n')
    assert run(tmp_path).status is Status.FAIL
    assert run(tmp_path, ENV).status is Status.PASS


def test_literal_password_wins_over_environment(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        f'provider "fortiflexvm" {{\n  username = "{USER}"\n  password = "{CANARY}"\n}}\n',
    )
    result = run(tmp_path, {**ENV, "FORTIFLEX_ACCESS_PASSWORD": "other-env-password"})
    # Where the password comes from is this check's answer; that it is written into a file is
    # terraform-secrets' warning, not this one's.
    assert result.status is Status.PASS
    assert "the provider block, written literally (main.tf:3)" in result.summary
    assert "literal password" not in result.summary + result.hint
    creds = value(result)
    assert isinstance(creds.password, Secret)
    assert creds.password.reveal() == CANARY
    assert creds.password_source == "the provider block, written literally (main.tf:3)"
    assert creds.username_source == "the provider block, written literally (main.tf:2)"


def test_variables_from_tfvars_are_secrets(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    write(tmp_path, "terraform.tfvars", f'api_user     = "{USER}"\napi_password = "{CANARY}"\n')
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert "password: variable api_password, set in terraform.tfvars:2" in result.details
    creds = value(result)
    assert creds.username == USER
    assert isinstance(creds.password, Secret)
    assert creds.password.reveal() == CANARY
    assert creds.password_source == "variable api_password, set in terraform.tfvars:2"


def test_variables_from_tf_var_environment_pass(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    result = run(tmp_path, {"TF_VAR_api_user": USER, "TF_VAR_api_password": CANARY})
    assert result.status is Status.PASS
    creds = value(result)
    assert creds.password is not None
    assert creds.password.reveal() == CANARY
    assert creds.password_source == "variable api_password, from TF_VAR_api_password"
    assert "password: variable api_password, from TF_VAR_api_password" in result.details


def test_variable_default_is_a_literal_secret(tmp_path: Path) -> None:
    write(tmp_path, "variables.tf", f'variable "pw" {{\n  default = "{CANARY}"\n}}\n')
    write(
        tmp_path,
        "main.tf",
        f'provider "fortiflexvm" {{\n  username = "{USER}"\n  password = var.pw\n}}\n',
    )
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert "variables.tf:2" in result.summary
    creds = value(result)
    assert creds.password is not None
    assert creds.password.reveal() == CANARY
    assert creds.password_source == "variable pw, its default (variables.tf:2)"


def test_unset_variable_is_unknown_and_named(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    result = run(tmp_path, {"TF_VAR_api_user": USER})
    assert result.status is Status.PASS
    creds = value(result)
    assert creds.password is None
    assert creds.password_state == "unknown"
    assert any("No value for required variable" in d for d in result.details)


def test_var_file_only_tfvars_is_noted(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    write(tmp_path, "prod.tfvars", f'api_user = "{USER}"\n')
    result = run(tmp_path, {"TF_VAR_api_password": CANARY})
    assert value(result).username_source.endswith("(only with -var-file=prod.tfvars)")
    assert any("-var-file=prod.tfvars" in d for d in result.details)


def test_empty_literal_falls_back_to_the_environment(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'provider "fortiflexvm" {\n  username = ""\n  password = ""\n}\n')
    result = run(tmp_path, ENV)
    assert result.status is Status.PASS
    assert value(result).password_source.startswith(
        "environment variable FORTIFLEX_ACCESS_PASSWORD"
    )


def test_expression_cannot_be_evaluated(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES.replace("var.api_password", "trimspace(var.api_password)"))
    result = run(tmp_path, {"TF_VAR_api_user": USER, "TF_VAR_api_password": CANARY})
    creds = value(result)
    assert creds.password is None
    assert "cannot evaluate" in creds.password_source


def test_legacy_names_only_with_2x_fail_and_name_them(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", EMPTY_PROVIDER)
    lock(tmp_path, "2.4.3")
    result = run(tmp_path, LEGACY_ENV)
    assert result.status is Status.FAIL
    assert "FLEXVM_ACCESS_USERNAME and FLEXVM_ACCESS_PASSWORD are set, but provider 2.x" in (
        result.summary
    )


def test_legacy_names_only_warn_when_the_block_has_credentials(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    result = run(tmp_path, {**LEGACY_ENV, "TF_VAR_api_user": USER, "TF_VAR_api_password": "x"})
    assert result.status is Status.WARN
    assert "only the legacy FLEXVM_ACCESS_USERNAME/FLEXVM_ACCESS_PASSWORD" in result.summary
    assert "Rename the variables" in result.hint


def test_provider_1x_reads_the_legacy_names(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", EMPTY_PROVIDER + 'resource "fortiflexvm_vms_create" "a" {}\n')
    lock(tmp_path, "1.0.0")
    result = run(tmp_path, LEGACY_ENV)
    assert result.status is Status.PASS
    assert value(result).password_source == "environment variable FLEXVM_ACCESS_PASSWORD"


def test_provider_1x_ignores_the_2x_names(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", EMPTY_PROVIDER)
    lock(tmp_path, "1.0.0")
    result = run(tmp_path, ENV)
    assert result.status is Status.FAIL
    assert "provider 1.x ignores them" in result.summary
    assert "FLEXVM_ACCESS_PASSWORD" in result.hint


@pytest.mark.parametrize("broken", ["broken.tf", "broken.tf.json"])
def test_a_file_that_does_not_parse_warns_and_the_rest_is_used(tmp_path: Path, broken: str) -> None:
    write(tmp_path, "main.tf", EMPTY_PROVIDER)
    write(tmp_path, broken, 'resource "x" {\n  a = \n' if broken.endswith(".tf") else "{\n,\n")
    result = run(tmp_path, ENV)
    assert result.status is Status.WARN
    assert result.summary.startswith(f"{broken}:2")
    assert "the other files were read" in result.summary
    assert value(result).username == USER


def test_tfvars_json_values_resolve(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", VARIABLES)
    write(
        tmp_path,
        "secrets.auto.tfvars.json",
        f'{{"api_user": "{USER}", "api_password": "{CANARY}"}}',
    )
    result = run(tmp_path)
    creds = value(result)
    assert creds.password is not None
    assert creds.password.reveal() == CANARY
    assert result.status is Status.PASS
