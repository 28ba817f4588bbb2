"""Whitespace and shell damage are named on every credential source, never showing the value."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from checks.credentials_match import shell_damage
from flexcheck.core.context import Need, Options
from flexcheck.core.model import Status
from flexcheck.credentials import damage
from flexcheck.credentials.fixtures import generate_api_id, write_credential_zip
from flexcheck.emulator import Access, EmulatedUser, Emulator
from flexcheck.secrets.password_input import read_password_file, resolve
from flexcheck.secrets.secret import Secret
from tests.network.world import run

NETWORK_CHECKS = ("network-auth-host", "network-api-host", "proxy-parity", "clock-skew")


def _fortiflex_password() -> str:
    return secrets.token_hex(16) + "!1Aa"


@pytest.mark.parametrize(
    ("damaged", "named"),
    [
        (lambda p: p[:32], "cut at '!'"),
        (lambda p: p[:32] + "Aa", "removed '!1'"),
        (lambda p: p[:32] + "ls -la /tmpAa", "a line of your shell history"),
        (lambda p: p[:32] + "\\!1Aa", "backslash before '!'"),
    ],
)
def test_every_bash_form_is_recognised_from_the_shape_alone(damaged: object, named: str) -> None:
    password = _fortiflex_password()
    seen = damaged(password)  # type: ignore[operator]
    found = damage.damaged_shape(Secret(seen))
    assert found is not None
    assert named in found
    assert seen not in found


def test_a_whole_fortiflex_password_has_no_damaged_shape() -> None:
    assert damage.damaged_shape(Secret(_fortiflex_password())) is None
    assert damage.damaged_shape(Secret("not-a-fortiflex-password")) is None


def test_removed_and_replaced_bang_are_recognised_against_the_file() -> None:
    original = _fortiflex_password()
    removed = shell_damage(Secret(original[:32] + "Aa"), Secret(original))
    replaced = shell_damage(Secret(original[:32] + "echo helloAa"), Secret(original))
    assert removed is not None
    assert "removed '!1'" in removed
    assert replaced is not None
    assert "line of your history" in replaced
    assert shell_damage(Secret(original[:32] + "!2Ab"), Secret(original)) is None


def test_one_trailing_line_break_rule_for_the_file_and_the_variable(tmp_path: Path) -> None:
    file = tmp_path / "zip-password"
    file.write_bytes(b"horse-battery\n")
    assert read_password_file(str(file)).reveal() == "horse-battery"
    from_env = resolve(None, {"FLEXCHECK_ZIP_PASSWORD": "horse-battery\n"}, may_prompt=False)
    assert from_env is not None
    assert from_env.reveal() == "horse-battery"


def _world(tmp_path: Path, emulator: Emulator, zip_password_bytes: bytes) -> Options:
    api_id, password, zip_password = generate_api_id(), _fortiflex_password(), "zip-pass-7f3a"
    emulator.add_user(EmulatedUser(api_id, password, Access.READ_WRITE))
    archive = tmp_path / "API_Credential.zip"
    archive.write_bytes(write_credential_zip(api_id, password, zip_password))
    archive.chmod(0o600)
    secret_file = tmp_path / "zip-password"
    secret_file.write_bytes(zip_password.encode() + zip_password_bytes)
    return Options(
        credentials=archive,
        zip_password=read_password_file(str(secret_file)),
        require=Need.READ,
        auth_url=emulator.auth_url,
        api_url=emulator.api_url,
        cwd=tmp_path,
        tf_dir=tmp_path,
    )


def test_zip_password_file_ending_in_a_blank_line_is_named(tmp_path: Path) -> None:
    with Emulator() as emulator:
        result = run(_world(tmp_path, emulator, b"\n\n"), skip=NETWORK_CHECKS)
    unzip = result["zip-decrypt"]
    assert unzip.status is Status.FAIL
    assert "the zip password given ends with a line break" in unzip.summary
    assert "download" not in unzip.hint.lower()
    assert "zip-pass-7f3a" not in result.text()


def test_environment_damage_is_named_before_and_at_the_login(tmp_path: Path) -> None:
    api_id, password = generate_api_id(), _fortiflex_password()
    with Emulator([EmulatedUser(api_id, password, Access.READ_WRITE)]) as emulator:
        options = Options(
            require=Need.READ, auth_url=emulator.auth_url, api_url=emulator.api_url,
            cwd=tmp_path, tf_dir=tmp_path,
        )  # fmt: skip
        env = {
            "FORTIFLEX_ACCESS_USERNAME": api_id,
            "FORTIFLEX_ACCESS_PASSWORD": password[:32] + "Aa",
        }
        damaged = run(options, env, skip=NETWORK_CHECKS)
        spaced_env = {
            "FORTIFLEX_ACCESS_USERNAME": api_id + "\n",
            "FORTIFLEX_ACCESS_PASSWORD": password,
        }
        spaced = run(options, spaced_env, skip=NETWORK_CHECKS)
    found = damaged["credentials-file"]
    assert found.status is Status.WARN
    assert (
        "FORTIFLEX_ACCESS_PASSWORD ends in 'Aa' where FortiFlex passwords end in '!1Aa'"
        in found.summary
    )
    login = damaged["api-login"]
    assert login.status is Status.FAIL
    assert "removed '!1'" in login.summary
    assert "single quotes" in login.hint
    assert password[:32] not in damaged.text()
    assert "FORTIFLEX_ACCESS_USERNAME ends with a line break" in spaced["credentials-file"].summary
    assert "\n" not in spaced["api-login"].summary  # the report's layout survives
    assert "+ '\\n'" in spaced["api-login"].summary


def _tfvars_world(tmp_path: Path, user: str, password: str) -> Options:
    from tests.checks.tf_support import VARIABLES, write

    write(tmp_path, "main.tf", VARIABLES)
    write(tmp_path, "terraform.tfvars", f'api_user     = "{user}"\napi_password = "{password}"\n')
    return Options(require=Need.READ, cwd=tmp_path, tf_dir=tmp_path, offline=True)


def test_tfvars_password_with_a_damaged_shape_gets_the_quoting_hint(tmp_path: Path) -> None:
    password = _fortiflex_password()
    env = {"FORTIFLEX_ACCESS_USERNAME": generate_api_id(), "FORTIFLEX_ACCESS_PASSWORD": password}
    result = run(_tfvars_world(tmp_path, generate_api_id(), password[:32]), env)
    match = result["credentials-match"]
    assert match.status is Status.WARN  # no credential file to compare with: the shape tells
    assert "variable api_password, set in terraform.tfvars:2" in match.summary
    assert "cut at '!'" in match.summary
    assert "single quotes" in match.hint
    assert password[:32] not in result.text()


def test_tfvars_username_with_a_trailing_space_is_named(tmp_path: Path) -> None:
    password = _fortiflex_password()
    env = {"FORTIFLEX_ACCESS_USERNAME": generate_api_id(), "FORTIFLEX_ACCESS_PASSWORD": password}
    result = run(_tfvars_world(tmp_path, generate_api_id() + " ", password), env)
    match = result["credentials-match"]
    assert match.status is Status.FAIL
    assert "ends with a space or tab" in match.summary
