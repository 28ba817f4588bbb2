"""The command line's inputs become Options in one place, with one set of rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexcheck.core.context import Need
from flexcheck.errors import UsageError
from flexcheck.forticloud.api import DEFAULT_API_URL, DEFAULT_AUTH_URL
from flexcheck.run.config import load
from flexcheck.run.run_request import RunRequest, prepare


def request(**changes: object) -> RunRequest:
    fields: dict[str, object] = {
        "credentials": None,
        "zip_password_file": None,
        "plan": None,
        "tf_dir": None,
        "require": None,
        "auth_url": DEFAULT_AUTH_URL,
        "api_url": DEFAULT_API_URL,
        "ca_bundle": None,
        "offline": False,
        "skip": (),
        "no_write_probe": False,
    }
    fields.update(changes)
    return RunRequest(**fields)  # type: ignore[arg-type]


def test_plain_http_outside_loopback_is_refused_for_every_command(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--auth-url"):
        prepare(
            request(auth_url="http://auth.example.com/api/v1/oauth/token/"),
            load(tmp_path),
            {},
            tmp_path,
        )
    allowed = prepare(
        request(auth_url="http://auth.example.com/api/v1/oauth/token/", allow_insecure_url=True),
        load(tmp_path),
        {},
        tmp_path,
    )
    assert allowed.warnings


def test_missing_inputs_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"--credentials .*no such file"):
        prepare(request(credentials=tmp_path / "nope.zip"), load(tmp_path), {}, tmp_path)
    with pytest.raises(UsageError, match="--tf-dir"):
        prepare(request(tf_dir=tmp_path / "nope"), load(tmp_path), {}, tmp_path)
    binary_plan = tmp_path / "plan.tfplan"
    binary_plan.write_bytes(b"PK\x03\x04")
    with pytest.raises(UsageError, match="terraform show -json"):
        prepare(request(plan=binary_plan), load(tmp_path), {}, tmp_path)


def test_config_file_fills_what_the_command_line_left_open(tmp_path: Path) -> None:
    (tmp_path / "flexcheck.toml").write_text(
        'require = "write"\noffline = true\nskip = ["clock-skew"]\n'
    )
    prepared = prepare(request(skip=("api-read",)), load(tmp_path), {}, tmp_path)
    assert prepared.options.require is Need.WRITE
    assert prepared.options.offline
    patterns = [s if isinstance(s, str) else s.pattern for s in prepared.skips]
    assert patterns == ["api-read", "clock-skew"]


def test_discovered_download_is_named_and_password_read_from_environment(tmp_path: Path) -> None:
    found = tmp_path / "API_Credential_X.zip"
    found.write_bytes(b"PK\x03\x04")
    prepared = prepare(
        request(), load(tmp_path), {"FLEXCHECK_ZIP_PASSWORD": "zip-pw-abc"}, tmp_path
    )
    assert prepared.credential_file == found
    assert prepared.options.zip_password is not None
    assert prepared.options.zip_password.reveal() == "zip-pw-abc"
