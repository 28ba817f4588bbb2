"""The network checks run beside the login: a healthy run waits for no extra round trip."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from flexcheck.core.model import Status
from flexcheck.core.verdict import ExitCode
from flexcheck.emulator import Emulator
from flexcheck.emulator.handlers import API_PREFIX
from flexcheck.forticloud.http import Timeouts
from tests.network.world import options_for, run

LATENCY = 0.3  # per answer: login, then read and probe together, then revoke
NETWORK_CHECKS = ["network-auth-host", "network-api-host", "proxy-parity", "clock-skew"]


def test_network_checks_add_no_sequential_round_trip(tmp_path: Path) -> None:
    with Emulator(latency=LATENCY) as emulator:
        started = time.monotonic()
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        without = run(options_for(emulator, tmp_path / "a"), skip=NETWORK_CHECKS)
        chain = time.monotonic() - started
        started = time.monotonic()
        full = run(options_for(emulator, tmp_path / "b"))
        elapsed = time.monotonic() - started
    assert without.code is ExitCode.OK
    assert full.code is ExitCode.OK
    assert all(full[c].status is Status.PASS for c in NETWORK_CHECKS)
    assert chain >= 3 * LATENCY  # the login -> (read, probe) -> revoke chain really was measured
    # One more sequential round trip would add a whole LATENCY; allow scheduling noise only.
    assert elapsed < chain + LATENCY / 2, (elapsed, chain)


def test_a_hung_handshake_elsewhere_does_not_hold_up_the_login(
    tmp_path: Path, corp_ca_file: Path, tls_emulator: Emulator
) -> None:
    # truststore locks its context for a whole handshake: a shared context would make the login
    # wait for the network check stuck on the API host.
    with socket.create_server(("127.0.0.1", 0), backlog=8) as silent:
        api_url = f"https://127.0.0.1:{silent.getsockname()[1]}{API_PREFIX}"
        options = options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file, api_url=api_url)
        result = run(options, only=["api-login", "network-api-host"], timeouts=Timeouts(1.5, 1.5))
    assert result["network-api-host"].status is Status.FAIL
    assert result["api-login"].status is Status.PASS
    assert result["api-login"].duration_ms < 1000
