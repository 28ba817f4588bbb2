"""What every answer carries: TLS, keep-alive, the Date clock, and a log without secrets."""

from __future__ import annotations

import email.utils
import socket
import ssl
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import trustme

from flexcheck.emulator import Emulator
from tests.emulator.emulator_support import ADMIN, RO, RW, Login, bearer, login_body, users
from tests.helpers import system_trust


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_emu(ca: trustme.CA) -> Iterator[Emulator]:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_context)
    with Emulator(users(), ssl_context=server_context) as emulator:
        yield emulator


def test_tls_with_a_trusted_ca(tls_emu: Emulator, ca: trustme.CA) -> None:
    assert tls_emu.base_url.startswith("https://127.0.0.1:")
    context = ssl.create_default_context()
    ca.configure_trust(context)
    with httpx.Client(verify=context, trust_env=False, timeout=5) as client:
        login = client.post(tls_emu.auth_url, json=login_body(RW))
        assert login.status_code == 200
        token = login.json()["access_token"]
        programs = client.post(tls_emu.api_url + "programs/list", json={}, headers=bearer(token))
        assert programs.json()["status"] == 0


def test_tls_untrusted_client_fails_and_server_survives(tls_emu: Emulator, ca: trustme.CA) -> None:
    untrusting = httpx.Client(verify=ssl.create_default_context(), trust_env=False)
    with untrusting, pytest.raises(httpx.ConnectError) as caught:
        untrusting.post(tls_emu.auth_url, json=login_body(RW))
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)
    context = ssl.create_default_context()
    ca.configure_trust(context)
    with httpx.Client(verify=context, trust_env=False) as trusting:
        assert trusting.post(tls_emu.auth_url, json=login_body(RW)).status_code == 200


def test_plain_http_to_the_tls_port_fails(tls_emu: Emulator) -> None:
    url = tls_emu.auth_url.replace("https://", "http://")
    with httpx.Client(trust_env=False, timeout=2) as client, pytest.raises(httpx.HTTPError):
        client.post(url, json=login_body(RW))


def _date(response: httpx.Response) -> float:
    parsed = email.utils.parsedate_to_datetime(response.headers["Date"])
    return parsed.timestamp()


@pytest.mark.parametrize("offset", [0.0, -600.0, 3600.0])
def test_date_header_follows_the_clock_offset(client: httpx.Client, offset: float) -> None:
    with Emulator(users(), clock_offset=offset) as emu:
        for response in (
            client.post(emu.auth_url, json=login_body(RW)),
            client.post(emu.api_url + "programs/list", json={}),
            client.post(emu.base_url + "/nowhere"),
        ):
            assert abs(_date(response) - (time.time() + offset)) < 3


def test_clock_offset_is_settable_at_runtime(emu: Emulator, client: httpx.Client) -> None:
    emu.clock_offset = -7200
    response = client.post(emu.auth_url, json=login_body(RW))
    assert abs(_date(response) - (time.time() - 7200)) < 3


def test_keep_alive_serves_two_requests_on_one_connection(emu: Emulator) -> None:
    body = b'{"client_id": "flexvm", "token": "x"}'
    request = (
        b"POST /api/v1/oauth/revoke_token/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    )
    with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as sock:
        stream = sock.makefile("rb")
        for _ in range(2):
            sock.sendall(request)
            status = stream.readline()
            assert status.startswith(b"HTTP/1.1 200")
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert b'"success"' in stream.read(length)


def test_chunked_request_body_is_read(emu: Emulator) -> None:
    body = b'{"client_id": "flexvm", "token": "x"}'
    request = (
        b"POST /api/v1/oauth/revoke_token/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    )
    with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as sock:
        sock.sendall(request)
        answer = sock.makefile("rb").read()
    assert answer.startswith(b"HTTP/1.1 200")
    assert emu.requests[-1].body == {"client_id": "flexvm", "token": "***"}


def test_recording_never_holds_a_password_or_token(
    emu: Emulator, client: httpx.Client, login: Login
) -> None:
    token = login(RW)
    client.post(emu.auth_url, json=login_body(RO, password="wrong-password-xyz"))
    client.post(emu.api_url + "programs/list", json={}, headers=bearer(token))
    client.post(emu.revoke_url, json={"client_id": "flexvm", "token": token})
    log = emu.requests
    dump = repr(log)
    for secret in (RW.password, "wrong-password-xyz", token):
        assert secret not in dump
    assert log[0].body == {
        "username": RW.username,
        "password": "***",
        "client_id": "flexvm",
        "grant_type": "password",
    }
    assert [(r.user, r.status) for r in log] == [
        (RW.username, 200),
        (RO.username, 401),
        (RW.username, 200),
        (None, 200),
    ]
    assert log[2].method == "POST"
    assert log[2].path == "/ES/api/fortiflex/v2/programs/list"
    assert log[0].at <= log[1].at <= log[2].at


def test_requests_is_a_copy(emu: Emulator, login: Login) -> None:
    login(ADMIN)
    snapshot = emu.requests
    snapshot.clear()
    assert len(emu.requests) == 1
    emu.clear_requests()
    assert emu.requests == []


def test_urls_need_a_started_emulator() -> None:
    emu = Emulator()
    with pytest.raises(RuntimeError, match="start"):
        _ = emu.base_url
    with emu:
        assert emu.auth_url == emu.base_url + "/api/v1/oauth/token/"
        assert emu.revoke_url == emu.base_url + "/api/v1/oauth/revoke_token/"
        assert emu.api_url == emu.base_url + "/ES/api/fortiflex/v2/"
        assert emu.base_url == f"http://127.0.0.1:{emu.port}"


def test_stop_closes_idle_keep_alive_connections(client: httpx.Client) -> None:
    emu = Emulator(users()).start()
    url = emu.auth_url
    client.post(url, json=login_body(RW))  # leaves a pooled keep-alive connection
    started = time.monotonic()
    emu.stop()
    assert time.monotonic() - started < 1.0
    with pytest.raises(httpx.TransportError):
        client.post(url, json=login_body(RW))


def test_concurrent_logins_are_all_served(emu: Emulator) -> None:
    def one(_: int) -> int:
        with httpx.Client(verify=system_trust(), trust_env=False, timeout=5) as c:
            return c.post(emu.auth_url, json=login_body(RW)).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(one, range(32)))
    assert statuses == [200] * 32
    assert emu.issued_tokens() == 32
    assert len(emu.requests) == 32


def test_an_emulator_bug_is_a_500_and_a_traceback(
    emu: Emulator,
    client: httpx.Client,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(*args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr("flexcheck.emulator.server.handle", broken)
    response = client.post(emu.auth_url, json=login_body(RW))
    assert response.status_code == 500
    assert emu.requests[-1].status == 500
    assert "KeyError: 'boom'" in capsys.readouterr().err
