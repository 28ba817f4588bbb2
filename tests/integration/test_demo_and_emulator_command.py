"""`flexcheck demo` and `flexcheck emulator`, run as a user runs them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.integration.support import World
from tests.runtime import FLEXCHECK

EXPECTED = {
    "healthy": (0, {}),
    "read-only": (1, {"write-permission": "fail"}),
    "wrong-zip-password": (1, {"zip-decrypt": "fail", "api-login": "skip"}),
    "stale-password": (1, {"api-login": "fail"}),
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_demo_scenarios(world: World, scenario: str) -> None:
    code, statuses = EXPECTED[scenario]
    run = world.flexcheck("demo", "--scenario", scenario, "--json")
    assert run.code == code, run.stderr
    report = json.loads(run.stdout)
    found = {c["id"]: c["status"] for c in report["checks"]}
    for check_id, status in statuses.items():
        assert found[check_id] == status
    if scenario == "healthy":
        assert set(found.values()) <= {"pass", "skip"}
        assert found["write-permission"] == "pass"
        # The demo brings a configuration and the provider's variables: nothing is skipped.
        assert set(found.values()) == {"pass"}
        assert found["credentials-match"] == "pass"


def test_demo_human_report_explains_itself(world: World) -> None:
    run = world.flexcheck("demo")
    assert run.code == 0
    assert "FortiCloud emulator on http://127.0.0.1:" in run.stdout
    assert "Requests made" in run.stdout
    assert "Ready:" in run.stdout


def test_emulator_command_serves_a_checkable_account(tmp_path: Path) -> None:
    out = tmp_path / "emu"
    server = subprocess.Popen(
        [*FLEXCHECK, "emulator", "--port", "0", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(5)]
        command = lines[3].split()
        assert "FortiCloud emulator listening on http://127.0.0.1:" in lines[0]
        assert command[0] == "flexcheck"
        run = subprocess.run(
            [*FLEXCHECK, *command[1:], "--format", "json"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=tmp_path,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert json.loads(run.stdout)["ok"] is True
        password = (out / "zip-password.txt").read_text().strip()
        assert password not in "".join(lines)
        assert re.search(r"zip password is in .*zip-password.txt", "".join(lines))
    finally:
        server.terminate()
        server.wait(timeout=10)
