"""The warm-up opens the run's first connection early, sends nothing, and the login reuses it."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator

import httpx
import pytest
import trustme

from flexcheck.emulator import EmulatedUser, Emulator
from flexcheck.forticloud.api import Endpoints
from flexcheck.forticloud.http import HttpClient
from flexcheck.forticloud.warmup import Warmup

USER = EmulatedUser("8A3F2C11-0000-4000-8000-0000000000AA", "W4rmupPassw0rd!")


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(params=["http", "https"])
def emulator_and_trust(
    request: pytest.FixtureRequest, ca: trustme.CA
) -> Iterator[tuple[Emulator, ssl.SSLContext]]:
    client_context = ssl.create_default_context()
    server_context = None
    if request.param == "https":
        server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(server_context)
        ca.configure_trust(client_context)
    with Emulator([USER], ssl_context=server_context) as emulator:
        yield emulator, client_context


def _client(emulator: Emulator, trust: ssl.SSLContext) -> HttpClient:
    endpoints = Endpoints(emulator.auth_url, emulator.api_url)
    return HttpClient(allow=endpoints.allows, verify=trust, trust_env=False)


def _pool_connections(http: HttpClient, url: str) -> list[object]:
    client = http.client_for(httpx.URL(url))
    transport = client._transport_for_url(httpx.URL(url))
    return list(transport._pool.connections)  # type: ignore[attr-defined]


def test_the_warm_connection_carries_the_first_request(
    emulator_and_trust: tuple[Emulator, ssl.SSLContext],
) -> None:
    emulator, trust = emulator_and_trust
    http = _client(emulator, trust)
    warmup = Warmup(http, emulator.auth_url).start()
    http.add_hook(warmup)
    try:
        deadline = time.monotonic() + 5
        while not warmup.connected and time.monotonic() < deadline:
            time.sleep(0.01)
        assert warmup.connected
        assert emulator.requests == []  # connecting is not a request
        warm = _pool_connections(http, emulator.auth_url)
        assert len(warm) == 1
        body = {
            "username": USER.username,
            "password": USER.password,
            "client_id": "flexvm",
            "grant_type": "password",
        }
        response = http.post_json(emulator.auth_url, body)
        assert response.status_code == 200
        assert _pool_connections(http, emulator.auth_url) == warm  # reused, not a second one
        assert [r.path for r in emulator.requests] == ["/api/v1/oauth/token/"]
        assert len(http.log.records()) == 1
    finally:
        http.close()


def test_a_host_that_refuses_leaves_the_request_to_report_it() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the socket closes
    url = f"http://127.0.0.1:{port}/api/v1/oauth/token/"
    endpoints = Endpoints(url, f"http://127.0.0.1:{port}/ES/api/fortiflex/v2/")
    http = HttpClient(allow=endpoints.allows, verify=ssl.create_default_context(), trust_env=False)
    warmup = Warmup(http, url).start()
    try:
        warmup.before(httpx.URL(url))  # waits for the attempt to end
        assert not warmup.connected
        assert _pool_connections(http, url) == []
    finally:
        http.close()
