"""credentials-match: the credential file against what Terraform will use, in constant time."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.credentials_match import CredentialsMatch, shell_damage
from checks.terraform_credentials import TerraformCredentialsCheck
from checks.zip_decrypt import ZipDecrypt
from flexcheck.core.model import Deps, Location, Result, Status
from flexcheck.core.runner import run_checks
from flexcheck.credentials.api_user import ApiCredentials
from flexcheck.secrets.secret import Secret
from flexcheck.terraform.credentials import TerraformCredentials
from tests.checks.tf_support import CANARY, USER, assert_no_canary, write
from tests.helpers import make_context

OTHER_USER = "7B2C3D4E-1111-4000-8000-CBA987654321"
SOURCE = "environment variable FORTIFLEX_ACCESS_PASSWORD"


def terraform(password: str | None, user: str | None = USER) -> TerraformCredentials:
    state = "known" if password is not None else "unknown"
    return TerraformCredentials(
        user,
        Secret(password) if password is not None else None,
        "environment variable FORTIFLEX_ACCESS_USERNAME",
        SOURCE,
        "known",
        state,
    )


def run(
    tf: TerraformCredentials,
    file_password: str = CANARY,
    file_user: str = USER,
    origin: str = "the credential file",
) -> Result[None]:
    assert CredentialsMatch.id == "credentials-match"
    assert set(CredentialsMatch.requires) == {ZipDecrypt, TerraformCredentialsCheck}
    deps = Deps(
        {
            "zip-decrypt": ApiCredentials(
                file_user, Secret(file_password), origin, from_file=origin == "the credential file"
            ),
            "terraform-credentials": tf,
        }
    )
    result = CredentialsMatch().run(make_context(), deps)
    assert_no_canary(result)
    return result


def test_same_credentials_pass() -> None:
    result = run(terraform(CANARY))
    assert result.status is Status.PASS
    assert "API user and password match" in result.summary


def test_stale_password_is_named_with_step_3() -> None:
    result = run(terraform("0000000000000000ffffffffffffffff!1Aa"))
    assert result.status is Status.FAIL
    assert "password (from environment variable FORTIFLEX_ACCESS_PASSWORD) differs" in (
        result.summary
    )
    assert "stale" in result.hint
    assert "Step 3" in result.hint


def test_other_user_is_named() -> None:
    result = run(terraform(CANARY, OTHER_USER))
    assert result.status is Status.FAIL
    assert "API user differs" in result.summary
    assert "password" not in result.summary.split("(")[0]


def test_both_differ() -> None:
    result = run(terraform("something-else-entirely", OTHER_USER))
    assert result.status is Status.FAIL
    assert "API user and password both differ" in result.summary


@pytest.mark.parametrize("seen", [CANARY.split("!")[0], "abc"])
def test_history_expansion_damage_is_named(seen: str) -> None:
    file_password = CANARY if seen != "abc" else "abc!1Aa"
    result = run(terraform(seen), file_password=file_password)
    assert result.status is Status.FAIL
    assert "lost its '!' and everything after it" in result.summary
    assert "shell quoting" in result.summary
    assert "single quotes" in result.hint
    assert_no_canary(result, file_password)


def test_stray_backslash_is_named() -> None:
    result = run(terraform(CANARY.replace("!", "\\!")))
    assert result.status is Status.FAIL
    assert "backslash before '!'" in result.summary
    assert "single quotes" in result.hint


def test_damage_needs_an_exclamation_mark() -> None:
    assert shell_damage(Secret("abc"), Secret("abcdef")) is None
    assert shell_damage(Secret("abc!x"), Secret("abc!1Aa")) is None


def test_environment_credentials_leave_nothing_to_compare() -> None:
    result = run(
        terraform(CANARY), origin="FORTIFLEX_ACCESS_USERNAME and FORTIFLEX_ACCESS_PASSWORD"
    )
    assert result.status is Status.SKIP
    assert "no credential file to compare" in result.summary


def test_unknown_terraform_password_skips() -> None:
    result = run(terraform(None))
    assert result.status is Status.SKIP
    assert "nothing to compare offline" in result.summary


def test_user_unknown_compares_the_password_only() -> None:
    result = run(terraform(CANARY, None))
    assert result.status is Status.PASS
    assert "password match" in result.summary


def test_skipped_when_no_terraform_configuration(tmp_path: Path) -> None:
    write(tmp_path, "creds.txt", f"apiId:{USER}\npassword:{CANARY}\n")
    ctx = make_context(cwd=tmp_path, tf_dir=tmp_path, credentials=tmp_path / "creds.txt")
    from checks.credentials_file import CredentialsFile

    checks = [CredentialsFile, ZipDecrypt, TerraformCredentialsCheck, CredentialsMatch]
    outcomes = {o.id: o for o in run_checks(checks, ctx).outcomes}
    assert outcomes["zip-decrypt"].status in (Status.PASS, Status.WARN)
    assert outcomes["terraform-credentials"].status is Status.SKIP
    assert outcomes["credentials-match"].status is Status.SKIP
    assert outcomes["credentials-match"].blocked_by == "terraform-credentials"


def test_end_to_end_offline_catches_a_stale_tfvars_password(tmp_path: Path) -> None:
    from checks.credentials_file import CredentialsFile

    write(tmp_path, "creds.txt", f"apiId:{USER}\npassword:{CANARY}\n")
    write(
        tmp_path,
        "main.tf",
        'variable "pw" {}\nprovider "fortiflexvm" {\n'
        f'  username = "{USER}"\n  password = var.pw\n}}\n',
    )
    ctx = make_context(
        cwd=tmp_path,
        tf_dir=tmp_path,
        credentials=tmp_path / "creds.txt",
        env={"TF_VAR_pw": CANARY[:-4]},
    )
    checks = [CredentialsFile, ZipDecrypt, TerraformCredentialsCheck, CredentialsMatch]
    outcomes = {o.id: o for o in run_checks(checks, ctx).outcomes}
    match = outcomes["credentials-match"]
    assert match.status is Status.FAIL
    assert "shell quoting" in match.summary
    assert "TF_VAR_pw" in match.summary
    assert match.guide_step == 3  # the report links the guide's download step
    assert CANARY not in repr(outcomes)


def test_a_mismatch_is_located_where_terraforms_password_is_written(tmp_path: Path) -> None:
    from checks.credentials_file import CredentialsFile

    write(tmp_path, "creds.txt", f"apiId:{USER}\npassword:{CANARY}\n")
    (tmp_path / "infra").mkdir()
    write(
        tmp_path / "infra",
        "provider.tf",
        f'provider "fortiflexvm" {{\n  username = "{USER}"\n  password = "Old-Pw-0ld-1"\n}}\n',
    )
    ctx = make_context(cwd=tmp_path, tf_dir=tmp_path / "infra", credentials=tmp_path / "creds.txt")
    checks = [CredentialsFile, ZipDecrypt, TerraformCredentialsCheck, CredentialsMatch]
    outcomes = {o.id: o for o in run_checks(checks, ctx).outcomes}
    match = outcomes["credentials-match"]
    assert match.status is Status.FAIL
    assert match.location == Location("infra/provider.tf", 3)


def test_another_user_with_a_damaged_password_is_another_user() -> None:
    # Shell damage is only named when the user is the same: another user is the finding.
    result = run(terraform(CANARY.split("!")[0], OTHER_USER))
    assert result.status is Status.FAIL
    assert "API user and password both differ" in result.summary
    assert "shell quoting" not in result.summary
