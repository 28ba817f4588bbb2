from __future__ import annotations

import io
from pathlib import Path

import pytest

from flexcheck.errors import UsageError
from flexcheck.secrets.password_input import read_password_file, resolve


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"zip-pass\n", "zip-pass"),
        (b"zip-pass\r\n", "zip-pass"),
        (b"zip-pass", "zip-pass"),
        (b"zip-pass\n\n", "zip-pass\n"),
        (b" spaced \n", " spaced "),
    ],
)
def test_one_trailing_newline_is_dropped(tmp_path: Path, raw: bytes, expected: str) -> None:
    file = tmp_path / "pw"
    file.write_bytes(raw)
    assert read_password_file(str(file)).reveal() == expected


def test_stdin_dash() -> None:
    assert read_password_file("-", stdin=io.BytesIO(b"from-stdin\n")).reveal() == "from-stdin"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "is empty"),
        (b"\n", "is empty"),
        (b"a" * 5000, "more than"),
        (b"ab\x00cd", "binary"),
        (b"\xff\xfe\xfa", "not UTF-8"),
    ],
)
def test_bad_password_files_are_usage_errors(tmp_path: Path, raw: bytes, message: str) -> None:
    file = tmp_path / "pw"
    file.write_bytes(raw)
    with pytest.raises(UsageError, match=message):
        read_password_file(str(file))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        read_password_file(str(tmp_path / "absent"))
    with pytest.raises(UsageError, match="directory"):
        read_password_file(str(tmp_path))


def test_environment_is_used_when_no_file() -> None:
    secret = resolve(None, {"FLEXCHECK_ZIP_PASSWORD": "env-zip-pass"}, may_prompt=False)
    assert secret is not None
    assert secret.reveal() == "env-zip-pass"
    assert resolve(None, {}, may_prompt=False) is None
