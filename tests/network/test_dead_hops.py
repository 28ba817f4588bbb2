"""Known-dead hops short-circuit: once a network check finds a host's route dead, the login
stops waiting for it, and the whole run ends within one connect timeout plus 2 s."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flexcheck.core.model import Status
from flexcheck.core.verdict import ExitCode
from flexcheck.emulator import Emulator
from flexcheck.emulator.handlers import API_PREFIX, LOGIN_PATH
from flexcheck.forticloud.http import Timeouts
from tests.network.world import Run, options_for, run

CONNECT = 0.5
TIMEOUTS = Timeouts(connect=CONNECT, read=3.0)
SILENT_NAME = "forticloud.silent.test"


@pytest.fixture
def black_hole() -> Iterator[int]:
    """A loopback port that drops SYNs: listen(0) with its one backlog slot taken, so the
    kernel silently drops every further connection attempt (as a firewall DROP rule does)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = int(listener.getsockname()[1])
    filler = socket.create_connection(("127.0.0.1", port), timeout=1)
    probe = socket.socket()
    probe.settimeout(0.1)
    with pytest.raises(TimeoutError):  # proves the hole is black before relying on it
        probe.connect(("127.0.0.1", port))
    probe.close()
    yield port
    filler.close()
    listener.close()


@pytest.fixture
def silent_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A DNS server on loopback that reads queries and never answers; the resolver is injected
    at the process's seam (socket.getaddrinfo, which both flexcheck's DNS hop and httpx call)
    for one name only, so /etc/resolv.conf is never touched."""
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("127.0.0.1", 0))
    address = server.getsockname()
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host != SILENT_NAME:
            return real(host, *args, **kwargs)
        query = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
        query += b"".join(bytes([len(p)]) + p.encode() for p in SILENT_NAME.split(".")) + b"\0"
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
            client.settimeout(30)  # what a resolver whose server never answers costs
            client.sendto(query + b"\x00\x01\x00\x01", address)
            with contextlib.suppress(OSError):
                client.recv(512)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
    server.close()


def _timed_run(folder: Path, base: str) -> tuple[Run, float]:
    """A whole run with auth and API on `base`, and the seconds it took to its verdict."""
    with Emulator() as emulator:
        options = options_for(
            emulator, folder, auth_url=base + LOGIN_PATH, api_url=base + API_PREFIX
        )
        started = time.monotonic()
        result = run(options, timeouts=TIMEOUTS)
        return result, time.monotonic() - started


def test_black_holed_host_gives_its_verdict_within_one_connect_timeout_plus_2_s(
    tmp_path: Path, black_hole: int
) -> None:
    result, elapsed = _timed_run(tmp_path, f"https://127.0.0.1:{black_hole}")
    assert result["network-auth-host"].summary.startswith("TCP connect hop failed")
    login = result["api-login"]
    assert login.status is Status.FAIL
    assert login.blocked_by in ("network-auth-host", "network-api-host")
    assert "the cause is reported once, under network-" in login.summary
    assert result["api-read"].status is Status.SKIP
    assert result.code is ExitCode.UNREACHABLE
    assert elapsed < CONNECT + 2, f"the verdict took {elapsed:.1f} s"


def test_silent_dns_server_points_the_login_to_the_dns_hop_at_once(
    tmp_path: Path, silent_dns: None
) -> None:
    result, elapsed = _timed_run(tmp_path, f"https://{SILENT_NAME}")
    host = result["network-auth-host"]
    assert host.summary.startswith("DNS hop failed")
    assert f"the resolver gave no answer for {SILENT_NAME}" in host.summary
    login = result["api-login"]
    assert login.status is Status.FAIL  # not "timeout ... within 30 s"
    assert "(DNS hop)" in login.summary
    assert result.code is ExitCode.UNREACHABLE
    assert elapsed < CONNECT + 2, f"the verdict took {elapsed:.1f} s"
