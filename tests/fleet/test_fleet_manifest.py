"""A bad manifest is a usage error (exit 2) with one clear line, and nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexcheck.core.context import Need
from flexcheck.fleet.manifest import load_manifest
from tests.fleet.fleet_support import run_fleet_cli

GOOD = (
    '[[entry]]\nname = "a"\ncredentials = "a.zip"\nzip_password_env = "A_ZIP"\nrequire = "read"\n'
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[[entry]\nname = 1", "is not valid TOML"),
        ("title = 'x'\n", "unknown top-level key 'title'"),
        ("", "lists no [[entry]]"),
        ('[[entry]]\ncredentials = "a.zip"\nrequire = "read"\n', "has no name"),
        (GOOD + GOOD, "two entries are named 'a'"),
        (GOOD.replace('zip_password_env = "A_ZIP"', 'zip_password = "hunter22"'), "secret"),
        (GOOD.replace('require = "read"', 'password = "hunter22"'), "password_env"),
        (GOOD.replace('require = "read"', 'colour = "red"'), "unknown key 'colour'"),
        (GOOD.replace('require = "read"\n', ""), 'require = "read" or "write"'),
        (GOOD.replace('require = "read"', 'require = "admin"'), "not 'admin'"),
        (GOOD.replace('require = "read"', 'require = "read"\nplan = "p.json"'), "one of the two"),
        (GOOD.replace('credentials = "a.zip"', ""), "say where the credentials are"),
        (GOOD + 'username_env = "U"\n', "not both"),
        ('[[entry]]\nname = "b"\nusername_env = "U"\nrequire = "read"\n', "go together"),
        (GOOD.replace('"A_ZIP"', '"not a name!"'), "name of an environment variable"),
        (GOOD.replace('"A_ZIP"', '"A_ZIP"\nzip_password_file = "z"'), "not both"),
        (GOOD.replace('credentials = "a.zip"', "credentials = 7"), "non-empty string"),
    ],
)
def test_bad_manifest_is_one_line_usage_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    said: str,
) -> None:
    manifest = tmp_path / "fleet.toml"
    manifest.write_text(text, encoding="utf-8")
    result = run_fleet_cli(capsys, monkeypatch, manifest)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("flexcheck: fleet manifest")
    assert said in lines[0]
    assert "hunter22" not in result.err


def test_missing_manifest_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_fleet_cli(capsys, monkeypatch, tmp_path / "nowhere.toml")
    assert result.code == 2
    assert "no such file" in result.err


def test_paths_are_relative_to_the_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "sub" / "fleet.toml"
    manifest.parent.mkdir()
    manifest.write_text(
        GOOD + '\n[[entry]]\nname = "b"\nusername_env = "B_USER"\npassword_env = "B_PASSWORD"\n'
        'plan = "/abs/plan.json"\n',
        encoding="utf-8",
    )
    first, second = load_manifest(manifest)
    assert first.credentials == tmp_path / "sub" / "a.zip"
    assert first.require is Need.READ
    assert first.zip_password_env == "A_ZIP"
    assert second.plan == Path("/abs/plan.json")
    assert second.user_key != first.user_key
