"""Bad command-line input is a usage error: exit 2 and one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexcheck.cli import main
from flexcheck.forticloud.url_policy import check_url, is_loopback

ZIP_CANARY = "CANARY-zip-Pa55/word+=?&"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def assert_usage_error(args: list[str], capsys: pytest.CaptureFixture[str], *phrases: str) -> str:
    code, out, err = run_cli(args, capsys)
    assert code == 2, err
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err  # one clear line, no traceback, no wrapping
    assert lines[0].startswith("flexcheck: ")
    assert "Traceback" not in err
    for phrase in phrases:
        assert phrase in lines[0]
    return lines[0]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no credential file is discovered by accident
    monkeypatch.setenv("COLUMNS", "60")  # narrow terminal: the line still must not wrap
    return tmp_path


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("not a url", "is not an http(s) URL"),
        ("https://", "is not an http(s) URL"),
        ("ftp://files.example.com/token/", "is not an http(s) URL"),
        ("customerapiauth.fortinet.com/api/v1/oauth/token/", "is not an http(s) URL"),
        ("https://[::1/token/", "is not a valid URL"),
        ("https://host:99999/token/", "is not a valid URL"),
        ("https://auth host/token/", "is not an http(s) URL"),
        ("http://auth.example.com/api/v1/oauth/token/", "plain HTTP outside this machine"),
        ("http://10.1.2.3/token/", "--allow-insecure-url"),
    ],
)
@pytest.mark.parametrize("option", ["--auth-url", "--api-url"])
def test_bad_urls_are_usage_errors(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], option: str, url: str, phrase: str
) -> None:
    assert_usage_error(["--offline", option, url], capsys, option, phrase)


def test_url_from_the_environment_is_checked_too(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLEXCHECK_API_URL", "http://api.example.com/v2/")
    assert_usage_error(["--offline"], capsys, "--api-url", "plain HTTP")


def test_credentials_in_a_url_are_refused_and_not_echoed(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = assert_usage_error(
        ["--offline", "--auth-url", "https://alice:CANARY-url-pw@auth.example.com/token/"],
        capsys,
        "user:password@",
    )
    assert "CANARY-url-pw" not in line


def test_allow_insecure_url_warns_and_runs(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        ["--offline", "--allow-insecure-url", "--api-url", "http://api.example.com/v2/"], capsys
    )
    assert code != 2
    assert "warning: --api-url http://api.example.com/v2/ uses plain HTTP" in err
    assert "Credential file" in out  # the run went on to the checks


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/token/", "http://localhost/token/", "http://[::1]:9/t/"]
)
def test_plain_http_on_loopback_needs_no_flag(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code, _, err = run_cli(["--offline", "--auth-url", url], capsys)
    assert code != 2
    assert "warning" not in err


def test_loopback_is_exactly_loopback() -> None:
    assert is_loopback("127.8.9.10")
    assert is_loopback("LOCALHOST")
    assert not is_loopback("127.0.0.1.example.com")
    assert not is_loopback("localhost.example.com")
    assert not is_loopback("10.0.0.1")
    assert check_url("https://example.com/", "--auth-url", allow_insecure=False) is None


@pytest.mark.parametrize("flag", ["--check", "--skip"])
def test_unknown_check_id_is_a_usage_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    assert_usage_error(
        ["--offline", flag, "no-such-check"], capsys, "unknown check id: no-such-check"
    )


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "is empty"),
        (b"\n", "is empty"),
        (ZIP_CANARY.encode() * 100, "more than 1024 bytes"),
        (b"\x00\x01" + ZIP_CANARY.encode(), "is binary"),
        (b"\xff\xfe" + ZIP_CANARY.encode(), "is not UTF-8 text"),
    ],
)
def test_bad_password_file_is_a_usage_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], content: bytes, phrase: str
) -> None:
    password_file = in_tmp / "zip-password"
    password_file.write_bytes(content)
    line = assert_usage_error(
        ["--offline", "--zip-password-file", str(password_file)], capsys, phrase
    )
    assert ZIP_CANARY not in line


def test_password_file_that_is_missing_or_a_folder(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_usage_error(["--zip-password-file", "nope"], capsys, "no such file")
    assert_usage_error(["--zip-password-file", str(in_tmp)], capsys, "is a directory")
