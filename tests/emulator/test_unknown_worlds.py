"""What flexcheck says in each world the emulator's switches rehearse (the real one is unknown)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from flexcheck.emulator import Access, Emulator
from tests.emulator.emulator_support import RO, RW, bearer, login_body, users
from tests.helpers import system_trust
from tests.integration.support import Run, World
from tests.runtime import FLEXCHECK


def _world(tmp_path: Path, **switches: Any) -> Iterator[World]:
    with Emulator(**switches) as emulator:
        yield World(tmp_path, emulator)


def _check(world: World, need: str) -> Run:
    zip_path, password_file = world.write_zip(), world.write_zip_password()
    return world.check_json(
        f"--credentials={zip_path}", f"--zip-password-file={password_file}", f"--require={need}"
    )


def _probe_verdict(world: World, access: Access) -> tuple[int, dict[str, object]]:
    world.add_user(access)
    run = _check(world, "write")
    return run.code, run.check("write-permission")


@pytest.fixture
def validate_first(tmp_path: Path) -> Iterator[World]:
    yield from _world(tmp_path, validate_first=True)


@pytest.fixture
def deny_200(tmp_path: Path) -> Iterator[World]:
    yield from _world(tmp_path, denied_http_status=200)


def test_validate_first_read_only_is_not_called_read_write(validate_first: World) -> None:
    code, check = _probe_verdict(validate_first, Access.READ_ONLY)
    assert check["status"] == "warn"
    assert "could not determine write access" in str(check["summary"])
    assert "confirmed" not in str(check["summary"])
    assert "Step 1" in str(check["hint"])
    assert code == 0  # a warning: no --fail-on warn here


def test_validate_first_read_write_is_not_confirmed_either(validate_first: World) -> None:
    # Same answer as for a read-only user: flexcheck must say the same thing to both.
    _, check = _probe_verdict(validate_first, Access.READ_WRITE)
    assert check["status"] == "warn"
    assert "refused for its form" in str(check["summary"])


def test_permission_first_read_write_is_confirmed(tmp_path: Path) -> None:
    for world in _world(tmp_path):
        code, check = _probe_verdict(world, Access.READ_WRITE)
        assert (code, check["status"]) == (0, "pass")
        assert "write access is likely" in str(check["summary"])


def test_deny_style_200_still_reads_as_read_only(deny_200: World) -> None:
    code, check = _probe_verdict(deny_200, Access.READ_ONLY)
    assert (code, check["status"]) == (1, "fail")
    assert "HTTP 200" in str(check["summary"])
    assert "Authorization denied" in str(check["summary"])


def test_deny_style_403_reads_as_read_only(tmp_path: Path) -> None:
    for world in _world(tmp_path, denied_http_status=403):
        code, check = _probe_verdict(world, Access.READ_ONLY)
        assert (code, check["status"]) == (1, "fail")
        assert "HTTP 403" in str(check["summary"])


@pytest.mark.parametrize("reject", [400, 401, 403])
def test_reject_status_sets_the_refused_login_status(reject: int) -> None:
    with (
        Emulator(users(), login_reject_http_status=reject) as emu,
        httpx.Client(verify=system_trust()) as client,
    ):
        refused = client.post(emu.auth_url, json=login_body(RW, password="wrong!1Aa"))
        accepted = client.post(emu.auth_url, json=login_body(RW))
    assert refused.status_code == reject
    assert refused.json()["error"] == "invalid_grant"
    assert accepted.status_code == 200


def test_rejected_login_status_is_what_flexcheck_reports(tmp_path: Path) -> None:
    for world in _world(tmp_path, login_reject_http_status=400):
        world.add_user()
        world.emulator.reset_password(world.api_id)  # the zip now holds a stale password
        login = _check(world, "read").check("api-login")
        assert login["status"] == "fail"
        assert "HTTP 400" in str(login["summary"])


def test_validate_first_refuses_forms_to_everyone_and_denies_the_rest() -> None:
    with (
        Emulator(users(), validate_first=True) as emu,
        httpx.Client(verify=system_trust()) as client,
    ):
        tokens = {
            u.username: client.post(emu.auth_url, json=login_body(u)).json()["access_token"]
            for u in (RO, RW)
        }
        before = emu.state_digest()

        def write(user: str, endpoint: str, body: object) -> httpx.Response:
            return client.post(emu.api_url + endpoint, json=body, headers=bearer(tokens[user]))

        probe = {u: write(u, "configs/update", {"id": 0}) for u in tokens}
        assert {r.status_code for r in probe.values()} == {400}
        assert {r.json()["message"] for r in probe.values()} == {"id is invalid."}
        bad = write(RO.username, "configs/update", {"id": 101, "parameters": [{"id": 10}]})
        assert bad.status_code == 400
        assert bad.json()["message"] == "Parameter id 10 must be an integer."
        # A well-formed write, even naming a config that is missing, meets the permission check.
        missing = write(RO.username, "configs/update", {"id": 999999})
        valid = write(RO.username, "configs/update", {"id": 101, "name": "renamed"})
        for refused in (missing, valid):
            assert (refused.status_code, refused.json()) == (
                403,
                {"status": -1, "message": "Authorization denied"},
            )
        assert emu.state_digest() == before  # the rehearsed write left nothing behind


def test_the_command_line_switches_reach_the_emulator(tmp_path: Path) -> None:
    args = ["--port", "0", "--out", str(tmp_path), "--reject-status", "400"]
    args += ["--deny-style", "200", "--validate-first", "--read-only"]
    server = subprocess.Popen(
        [*FLEXCHECK, "emulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(6)]
        assert "refused login HTTP 400, read-only write HTTP 200" in lines[5]
        assert "form checked before permission" in lines[5]
        base = re.search(r"listening on (http://\S+) ", lines[0])
        assert base is not None
        with httpx.Client(verify=system_trust()) as client:
            refused = client.post(
                base.group(1) + "/api/v1/oauth/token/",
                json=login_body(RW, username="nobody"),
            )
        assert refused.status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=10)
