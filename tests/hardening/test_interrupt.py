"""Ctrl-C or SIGTERM mid-request: the request is dropped, the token revoked, the report printed."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from flexcheck.emulator import Emulator, Fault
from tests.runtime import FLEXCHECK, PYTHON

from .world import World

API_READ_PATH = "/ES/api/fortiflex/v2/programs/list"
LOGIN_PATH = "/api/v1/oauth/token/"
# How long flexcheck waits at Ctrl-C for a login in flight (checks/api_login.py says 3 s), in the
# one run below that hangs its login: that login outlives any grace (it is held until the
# emulator stops), so what the run proves does not depend on the grace's length, and the real
# 3 s would only be waited out.
LOGIN_GRACE = 0.3


def wait_for_request(emulator: Emulator, path: str, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while not any(r.path == path and r.method == "POST" for r in emulator.requests):
        assert time.monotonic() < deadline, f"flexcheck never asked for {path}"
        time.sleep(0.02)


def flexcheck_with_login_grace(seconds: float) -> list[str]:
    """`python -m flexcheck`, the same module run the same way, with the login's grace changed."""
    code = (
        "import runpy; from checks.api_login import ApiLogin; "
        f"ApiLogin.grace = {seconds!r}; "
        "runpy.run_module('flexcheck', run_name='__main__', alter_sys=True)"
    )
    return [PYTHON, "-c", code]


def interrupt_during(
    world: World, path: str, sig: signal.Signals, output: str, command: list[str] = FLEXCHECK
) -> tuple[int, bytes, bytes, float]:
    """Start flexcheck, send `sig` while the emulator holds the request to `path`."""
    # Held until the emulator stops; POST only, so the network checks' HEAD does not take it.
    world.emulator.add_fault(Fault("hang", path=path, method="POST"))
    args = [*world.check_args(), "--format", output, "--require", "read"]
    process = subprocess.Popen(
        [*command, *args],
        env=world.env(),
        cwd=world.home,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_request(world.emulator, path)
        sent = time.monotonic()
        process.send_signal(sig)
        stdout, stderr = process.communicate(timeout=15)
        return process.returncode, stdout, stderr, time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
@pytest.mark.parametrize("output", ["human", "json"])
def test_interrupt_mid_request_revokes_token_and_prints_report(
    tmp_path: Path, sig: signal.Signals, output: str
) -> None:
    with Emulator() as emulator:
        world = World(tmp_path, emulator).build()
        code, stdout, stderr, took = interrupt_during(world, API_READ_PATH, sig, output)
        assert code == 130, stderr.decode(errors="replace")
        assert took < 5  # the hung request was abandoned, not waited for (read timeout: 15 s)
        assert emulator.issued_tokens() == 1
        assert emulator.active_tokens() == 0  # revoked on the way out
        assert any(r.path.endswith("revoke_token/") for r in emulator.requests)
    assert b"Traceback" not in stderr
    if output == "json":
        report = json.loads(stdout)
        statuses = {c["id"]: c["status"] for c in report["checks"]}
        assert report["exit_code"] == 130
        assert statuses["api-login"] == "pass"  # the report so far
        assert statuses["api-read"] == "skip"
        api_read = next(c for c in report["checks"] if c["id"] == "api-read")
        assert "interrupted" in api_read["summary"]
        posts = [r for r in report["requests"] if r["method"] == "POST"]
        assert [r["url"].rsplit("/", 2)[-2] for r in posts][-1] == "revoke_token"
    else:
        text = stdout.decode()
        assert "FortiFlex API login succeeds" in text
        assert "interrupted before it finished" in text
        assert "Interrupted: the report above is incomplete." in text


def test_interrupt_during_login_needs_no_revoke(tmp_path: Path) -> None:
    command = flexcheck_with_login_grace(LOGIN_GRACE)
    with Emulator() as emulator:
        world = World(tmp_path, emulator).build()
        code, stdout, stderr, took = interrupt_during(
            world, LOGIN_PATH, signal.SIGINT, "json", command
        )
        assert code == 130, stderr.decode(errors="replace")
        assert emulator.issued_tokens() == 0
        # The one login, never retried, and no revoke: there is no token to revoke.
        assert [r.path for r in emulator.requests if r.method == "POST"] == [LOGIN_PATH]
    assert took >= LOGIN_GRACE  # the login in flight was waited for, for its grace
    assert took < 2.5  # and no longer: the shortened grace, not the real 3 s, was in force
    assert b"Traceback" not in stderr
    statuses = {c["id"]: c["status"] for c in json.loads(stdout)["checks"]}
    assert statuses["zip-decrypt"] == "pass"
    assert statuses["api-login"] == "skip"
    assert statuses["api-read"] == "skip"
