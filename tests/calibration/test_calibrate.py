"""The calibration kit against the emulator: its steps, its findings, no secret in its output."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flexcheck.calibration.findings import findings
from flexcheck.calibration.session import ApiUser, calibrate
from flexcheck.calibration.transcript import Transcript, scrub_message
from flexcheck.emulator import Access, EmulatedUser, Emulator
from flexcheck.forticloud.api import Endpoints
from flexcheck.forticloud.http import HttpClient
from flexcheck.forticloud.trust import build_ssl_context
from flexcheck.secrets.secret import Secret
from tests.runtime import FLEXCHECK

RO_ID, RW_ID = "2C1B6E0A-7D54-4F3B-9A61-0E5D2C8B1A01", "9F0E8D7C-6B5A-4932-8170-FEDCBA987602"
RO_PASSWORD, RW_PASSWORD = "CANARYro5e1a9c0b2d4f6e8a!1Aa", "CANARYrw7d3b1f9e5c2a4b6d!1Aa"


def _emulator(**switches: Any) -> Emulator:
    return Emulator(
        [
            EmulatedUser(RO_ID, RO_PASSWORD, Access.READ_ONLY),
            EmulatedUser(RW_ID, RW_PASSWORD, Access.READ_WRITE),
        ],
        **switches,
    )


def _run(emu: Emulator) -> tuple[Transcript, str]:
    endpoints = Endpoints(emu.auth_url, emu.api_url)
    http = HttpClient(
        allow=endpoints.allows,
        allow_body=endpoints.allows_body,
        verify=build_ssl_context(None, {}),
        trust_env=False,
    )
    users = [
        ApiUser("read-only", RO_ID, Secret(RO_PASSWORD)),
        ApiUser("read-write", RW_ID, Secret(RW_PASSWORD)),
    ]
    try:
        transcript = calibrate(http, endpoints, users)
    finally:
        http.close()
    transcript.findings = findings(transcript)
    return transcript, json.dumps(transcript.as_json())


def _identifying(emu: Emulator) -> list[str]:
    state = emu.state
    values = [RO_ID, RW_ID, RO_PASSWORD, RW_PASSWORD, *state.tokens]
    values += [t.refresh_token for t in state.tokens.values()]
    values += [*state.programs, *state.entitlements, str(100000)]
    values += [e.token for e in state.entitlements.values()]
    return values


@pytest.fixture
def permission_first() -> Iterator[tuple[Emulator, Transcript, str]]:
    with _emulator() as emu:
        transcript, text = _run(emu)
        yield emu, transcript, text


def test_every_step_for_both_users_then_a_refused_login(
    permission_first: tuple[Emulator, Transcript, str],
) -> None:
    _, transcript, _ = permission_first
    steps = [(s.role, s.step) for s in transcript.steps]
    expected = ["login", "programs/list", "configs/list", "entitlements/list", "groups/list"]
    expected += ["write-probe", "revoke", "after-revoke"]
    for role in ("read-only", "read-write"):
        assert [step for r, step in steps if r == role] == expected
    assert steps[-1] == ("unknown-user", "login")
    assert all(s.answer is not None for s in transcript.steps)


def test_no_id_password_or_token_in_the_transcript(
    permission_first: tuple[Emulator, Transcript, str],
) -> None:
    emu, _, text = permission_first
    for value in _identifying(emu):
        assert value not in text, value


def test_answers_keep_statuses_envelopes_and_shapes(
    permission_first: tuple[Emulator, Transcript, str],
) -> None:
    _, transcript, _ = permission_first
    by_step = {(s.role, s.step): s.answer for s in transcript.steps}
    login = by_step["read-write", "login"]
    assert login is not None
    assert login.http_status == 200
    assert login.envelope["status"] == "success"
    assert login.envelope["expires_in"] == 14400
    assert login.shape["access_token"] == "str"  # type: ignore[index]
    configs = by_step["read-write", "configs/list"]
    assert configs is not None
    item = configs.shape["configs"]["items"][0]  # type: ignore[index]
    assert item["id"] == "int"
    assert item["parameters"]["items"][0] == {"id": "int", "value": "str"}
    denied = by_step["read-only", "write-probe"]
    assert denied is not None
    assert (denied.http_status, denied.envelope) == (
        403,
        {"status": -1, "message": "Authorization denied"},
    )
    assert by_step["read-write", "write-probe"].http_status == 404  # type: ignore[union-attr]
    assert by_step["unknown-user", "login"].http_status == 401  # type: ignore[union-attr]


def test_findings_name_the_matching_emulator_switches(
    permission_first: tuple[Emulator, Transcript, str],
) -> None:
    _, transcript, _ = permission_first
    found = transcript.findings
    assert str(found["check_order"]).startswith("permission first")
    assert found["probe_classification_read_only"] == "read-only"
    assert found["probe_classification_read_write"] == "read-write"
    assert found["revoke_takes_effect"] is True
    assert found["emulator_command"] == "flexcheck emulator --reject-status 401 --deny-style 403"


@pytest.mark.parametrize(
    ("switches", "command", "order"),
    [
        ({"validate_first": True}, "--reject-status 401 --validate-first", "content first"),
        ({"denied_http_status": 200}, "--reject-status 401 --deny-style 200", "permission first"),
        ({"login_reject_http_status": 400}, "--reject-status 400 --deny-style 403", "permission"),
    ],
)
def test_each_unknown_world_is_recognised(
    switches: dict[str, Any], command: str, order: str
) -> None:
    with _emulator(**switches) as emu:
        transcript, text = _run(emu)
        assert transcript.findings["emulator_command"] == f"flexcheck emulator {command}"
        assert str(transcript.findings["check_order"]).startswith(order)
        for value in _identifying(emu):
            assert value not in text


def test_messages_lose_identifying_values() -> None:
    # Values never registered as secrets: the patterns alone must catch them.
    said = scrub_message(
        "User 0D5C4B3A-2918-4766-A5B4-C3D2E1F0A9B8 has no access to program ELAVMR0000004242 "
        "(account 1234567), "
        "token 3vJb0xZq9VnM2kLp8sTq1wYe7R"
    )
    assert said == "User <id> has no access to program <serial> (account <number>), token <token>"


def _cli(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "PYTHONPATH", "LANG")}
    return subprocess.run(
        [*FLEXCHECK, "calibrate", *env.pop("ARGS", "").split()],
        env={**base, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_command_writes_a_private_transcript(tmp_path: Path) -> None:
    with _emulator() as emu:
        done = _cli(
            tmp_path,
            {
                "ARGS": f"--auth-url {emu.auth_url} --api-url {emu.api_url}",
                "FLEXCHECK_CALIBRATE_RO_USERNAME": RO_ID,
                "FLEXCHECK_CALIBRATE_RO_PASSWORD": RO_PASSWORD,
                "FLEXCHECK_CALIBRATE_RW_USERNAME": RW_ID,
                "FLEXCHECK_CALIBRATE_RW_PASSWORD": RW_PASSWORD,
            },
        )
        secrets = _identifying(emu)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "flexcheck-calibration.json"
    assert written.stat().st_mode & 0o777 == 0o600
    document = json.loads(written.read_text())
    assert document["findings"]["emulator_command"].startswith("flexcheck emulator")
    assert "emulator_command: flexcheck emulator --reject-status 401" in done.stdout
    for value in secrets:
        assert value not in done.stdout + done.stderr + written.read_text()


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "FLEXCHECK_CALIBRATE_RO_USERNAME"),
        ({"FLEXCHECK_CALIBRATE_RW_USERNAME": RW_ID}, "set both"),
        ({"CI": "true", "FLEXCHECK_CALIBRATE_RW_USERNAME": RW_ID}, "not for CI"),
    ],
)
def test_usage_errors_send_nothing(tmp_path: Path, env: dict[str, str], said: str) -> None:
    with _emulator() as emu:
        done = _cli(tmp_path, {"ARGS": f"--auth-url {emu.auth_url}", **env})
        assert emu.requests == []
    assert done.returncode == 2
    assert said in done.stderr
    assert not (tmp_path / "flexcheck-calibration.json").exists()
