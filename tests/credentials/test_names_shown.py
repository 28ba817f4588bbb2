"""How a credential file's name reaches a report: valid UTF-8, and relative to the repository."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flexcheck.credentials.fixtures import (
    generate_api_id,
    generate_api_password,
    write_credential_zip,
)
from tests.commands.cli_support import run_cli

ZIP_PASSWORD = "names-shown-zip-pw-0001"


def _zip() -> bytes:
    return write_credential_zip(generate_api_id(), generate_api_password(), ZIP_PASSWORD)


def _check(
    tmp_path: Path,
    credentials: Path,
    fmt: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> str:
    monkeypatch.setenv("FLEXCHECK_ZIP_PASSWORD", ZIP_PASSWORD)
    monkeypatch.chdir(tmp_path)
    args = ["--offline", "--credentials", str(credentials), "--format", fmt]
    return run_cli(args, capsys).out


def test_a_file_name_that_is_not_utf8_writes_no_invalid_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"API_Credential_\xff\xfe.zip")
    try:
        (tmp_path / name).write_bytes(_zip())
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    out = _check(tmp_path, tmp_path / name, "json", monkeypatch, capsys)
    out.encode("utf-8")  # strict: a lone surrogate here would be an invalid byte on stdout
    report = json.loads(out)
    located = {c["id"]: c["location"] for c in report["checks"] if c["location"]}
    assert located["zip-decrypt"]["path"] == "API_Credential_\\xff\\xfe.zip"  # as `ls -b` shows


def test_a_symlinked_credential_file_is_reported_relative_to_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "outside"
    elsewhere.mkdir()
    (elsewhere / "real.zip").write_bytes(_zip())
    repository = tmp_path / "repo"
    repository.mkdir()
    (repository / "API_Credential_link.zip").symlink_to(elsewhere / "real.zip")
    out = _check(repository, repository / "API_Credential_link.zip", "json", monkeypatch, capsys)
    locations = {c["id"]: c["location"] for c in json.loads(out)["checks"]}
    # SARIF writes only findings, so the JSON report (the same locations) shows the passing check.
    assert locations["zip-decrypt"] == {"path": "API_Credential_link.zip", "line": None}
