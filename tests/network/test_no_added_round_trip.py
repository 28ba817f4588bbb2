"""The network checks run beside the login: a healthy run waits for no extra round trip."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import trustme

from flexcheck.core.model import CheckOutcome, Status
from flexcheck.core.verdict import ExitCode
from flexcheck.emulator import Emulator
from flexcheck.emulator.handlers import API_PREFIX, LOGIN_PATH
from flexcheck.forticloud.http import Timeouts
from tests.network.world import options_for, run, server_context

# Per answer: login, then read and probe together, then the configs list, then revoke.
LATENCY = 0.15
# What scheduling may add to a whole run's wall time on a loaded machine: the margin this test
# has always had (half of its former 0.3 s latency).
NOISE = 0.15
HELD_NAME = "auth.held.test"
NETWORK_CHECKS = ["network-auth-host", "network-api-host", "proxy-parity", "clock-skew"]


def request_span(emulator: Emulator) -> float:
    """Seconds from the first request the emulator received to the last: the run's round trips,
    without the work around them (reading the zip and the plan, building the report), which is
    where a loaded machine's noise lies."""
    received = [r.at for r in emulator.requests]
    return max(received) - min(received)


def test_network_checks_add_no_sequential_round_trip(tmp_path: Path) -> None:
    with Emulator(latency=LATENCY) as emulator:
        started = time.monotonic()
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        without = run(options_for(emulator, tmp_path / "a"), skip=NETWORK_CHECKS)
        chain = time.monotonic() - started
        chain_span = request_span(emulator)
        emulator.clear_requests()
        started = time.monotonic()
        full = run(options_for(emulator, tmp_path / "b"))
        elapsed = time.monotonic() - started
        full_span = request_span(emulator)
    assert without.code is ExitCode.OK
    assert full.code is ExitCode.OK
    assert all(full[c].status is Status.PASS for c in NETWORK_CHECKS)
    assert chain_span >= 3 * LATENCY  # the chain of answers after the login really was measured
    # One more sequential round trip would add a whole LATENCY between the first request (the
    # network checks' HEADs go out first) and the revoke; allow scheduling noise only.
    assert full_span < chain_span + LATENCY / 2, (full_span, chain_span)
    # Nor does anything outside the requests hold the run up, before or after them.
    assert elapsed < chain + NOISE, (elapsed, chain)


def test_a_hung_handshake_elsewhere_does_not_hold_up_the_login(
    tmp_path: Path, corp_ca: trustme.CA, corp_ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # truststore locks its context for a whole handshake: a shared context would make the login
    # wait for the network check stuck on the API host. flexcheck's context is truststore's when
    # the run names no CA; truststore reads SSL_CERT_FILE from the process (the run's own
    # environment names none), so the emulator's CA is trusted there. A --ca-bundle would give
    # a plain context, which has no lock to share.
    monkeypatch.setenv("SSL_CERT_FILE", str(corp_ca_file))
    hello = threading.Event()  # the network check's handshake has begun: its context is locked
    held: list[socket.socket] = []

    def hold(listener: socket.socket) -> None:
        """Read the network check's TLS hello and never answer it."""
        conn, _ = listener.accept()
        held.append(conn)
        if conn.recv(1):
            hello.set()

    # The auth host's name resolves only once that handshake has begun: the warm-up, which
    # otherwise opens the login's connection before the network checks start, and the login
    # then handshake while the other context is locked, as when the auth host is the slower.
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == HELD_NAME:
            hello.wait(5)
            host = "127.0.0.1"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    def release(outcome: CheckOutcome) -> None:
        # Once the login is done the hang has proved its point; left alone, it would last the
        # network check's whole 1.5 s timeout. A login that waited for it cannot be done before.
        if outcome.id == "api-login":
            for conn in held:
                conn.close()

    with (
        Emulator(ssl_context=server_context(corp_ca, HELD_NAME)) as emulator,
        socket.create_server(("127.0.0.1", 0), backlog=8) as silent,
    ):
        threading.Thread(target=hold, args=(silent,), daemon=True).start()
        auth_url = f"https://{HELD_NAME}:{emulator.port}{LOGIN_PATH}"
        api_url = f"https://127.0.0.1:{silent.getsockname()[1]}{API_PREFIX}"
        options = options_for(emulator, tmp_path, auth_url=auth_url, api_url=api_url)
        result = run(
            options,
            only=["api-login", "network-api-host"],
            timeouts=Timeouts(1.5, 1.5),
            on_done=release,
        )
    assert hello.is_set()  # the two handshakes did overlap
    assert result["network-api-host"].status is Status.FAIL
    assert result["api-login"].status is Status.PASS
    assert result["api-login"].duration_ms < 1000
