"""Two downloads in one folder: flexcheck says which is the newer, and that the older is dead."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from checks.credentials_file import CredentialsFile
from flexcheck.core.model import Deps, Result, Status
from flexcheck.credentials.fixtures import default_member_name
from tests.helpers import make_context


def run_check_in(folder: Path) -> Result[object]:
    return CredentialsFile().run(make_context(cwd=folder, tf_dir=folder), Deps({}))  # type: ignore[return-value]


def _zip(folder: Path, name: str, mtime: float) -> Path:
    path = folder / name
    path.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    path.chmod(0o600)
    os.utime(path, (mtime, mtime))
    return path


def test_the_date_in_fortinets_name_decides_before_the_file_time(tmp_path: Path) -> None:
    older = default_member_name("ABCD1234", day=datetime.date(2026, 3, 1)).replace(".txt", ".zip")
    newer = default_member_name("ABCD1234", day=datetime.date(2026, 11, 30)).replace(".txt", ".zip")
    _zip(tmp_path, newer, 1_000_000)  # copied later or earlier: the name's date wins
    _zip(tmp_path, older, 2_000_000)
    result = run_check_in(tmp_path)
    assert result.status is Status.FAIL
    assert f"The newest is {newer} (dated 2026-11-30 in its name)" in result.hint
    assert f"older: {older} (dated 2026-03-01 in its name)" in result.hint
    assert "password stopped working when the newer one was downloaded" in result.hint


def test_without_dates_in_the_names_the_file_time_decides(tmp_path: Path) -> None:
    _zip(tmp_path, "old-credentials.zip", 1_700_000_000)
    _zip(tmp_path, "new-credentials.zip", 1_750_000_000)
    result = run_check_in(tmp_path)
    assert "The newest is new-credentials.zip (file time 2025-06-15" in result.hint
    assert "older: old-credentials.zip" in result.hint
