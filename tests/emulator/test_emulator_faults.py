"""Scripted faults and latency: each one breaks exactly the requests it was aimed at."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from flexcheck.emulator import Emulator, Fault
from tests.emulator.emulator_support import RW, login_body, users

PROGRAMS = "/ES/api/fortiflex/v2/programs/list"


def post_programs(client: httpx.Client, emu: Emulator) -> httpx.Response:
    return client.post(emu.api_url + "programs/list", json={})


def test_status_fault_with_retry_after(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("status", status=429, retry_after="7"))
    response = post_programs(client, emu)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.json()["status"] == -1
    # used up: the next request is handled normally (no token here, so the token message)
    assert post_programs(client, emu).json()["message"] == "Invalid security token."


def test_status_fault_without_retry_after(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("status", status=502))
    response = post_programs(client, emu)
    assert response.status_code == 502
    assert "Retry-After" not in response.headers


def test_fault_count_and_path(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("status", path="/api/v1/oauth/", count=2, status=503))
    assert post_programs(client, emu).status_code == 401  # other path: untouched
    assert client.post(emu.auth_url, json=login_body(RW)).status_code == 503
    assert client.post(emu.auth_url, json=login_body(RW)).status_code == 503
    assert client.post(emu.auth_url, json=login_body(RW)).status_code == 200
    assert emu.pending_faults() == 0


def test_faults_are_used_in_order(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("status", status=500))
    emu.add_fault(Fault("status", status=502))
    assert [post_programs(client, emu).status_code for _ in range(3)] == [500, 502, 401]


def test_drop_closes_without_answer(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("drop"))
    with pytest.raises(httpx.RemoteProtocolError):
        post_programs(client, emu)
    assert emu.requests[-1].status == 0
    assert post_programs(client, emu).status_code == 401


def test_html_fault_is_a_proxy_page(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("html"))
    response = client.post(emu.auth_url, json=login_body(RW))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Access Denied - Corporate Proxy" in response.text
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_truncated_fault_is_honest_but_not_json(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("truncated"))
    response = post_programs(client, emu)
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len(response.content) > 0
    assert response.text.startswith('{"status": 0')
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_empty_fault(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("empty"))
    response = post_programs(client, emu)
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["Content-Length"] == "0"


def test_redirect_fault_points_at_a_login_page(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("redirect"))
    response = post_programs(client, emu)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert "programs%2Flist" in response.headers["Location"]


def test_hang_for_some_seconds_then_close(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("hang", seconds=0.1))  # a drop without the hang takes milliseconds
    started = time.monotonic()
    with pytest.raises(httpx.RemoteProtocolError):
        post_programs(client, emu)
    assert time.monotonic() - started >= 0.1
    assert [r.status for r in emu.requests] == [0]
    assert post_programs(client, emu).status_code == 401


def test_hang_forever_times_out_the_client_and_stop_is_prompt(client: httpx.Client) -> None:
    emu = Emulator(users()).start()
    emu.add_fault(Fault("hang"))
    with pytest.raises(httpx.ReadTimeout):
        client.post(emu.api_url + "programs/list", json={}, timeout=0.1)
    started = time.monotonic()
    emu.stop()
    assert time.monotonic() - started < 1.0


def test_stop_wakes_the_server_at_once_instead_of_at_its_next_poll(client: httpx.Client) -> None:
    # A suite starts and stops hundreds of emulators. With a server loop that only looked for
    # the stop at its next 10 ms poll (socketserver's way), these 40 took 0.43 s; now about 15 ms.
    started = time.monotonic()
    for _ in range(40):
        with Emulator(users()) as emu:
            pass
    assert time.monotonic() - started < 0.2
    # It still served, and stopping left nothing listening.
    with Emulator(users()) as emu:
        assert client.post(emu.api_url + "programs/list", json={}).status_code == 401
        port = emu.port
    with pytest.raises(httpx.ConnectError):
        client.post(f"http://127.0.0.1:{port}/", json={}, timeout=1)


def test_stop_is_prompt_while_a_request_hangs(client: httpx.Client) -> None:
    emu = Emulator(users()).start()
    emu.add_fault(Fault("hang"))
    errors: list[Exception] = []

    def hanging() -> None:
        try:
            client.post(emu.api_url + "programs/list", json={}, timeout=10)
        except httpx.HTTPError as error:
            errors.append(error)

    thread = threading.Thread(target=hanging)
    thread.start()
    while not emu.requests:
        time.sleep(0.01)
    started = time.monotonic()
    emu.stop()
    thread.join(timeout=5)
    assert time.monotonic() - started < 1.0
    assert len(errors) == 1
    assert isinstance(errors[0], httpx.RemoteProtocolError | httpx.ReadError)


def test_latency_is_settable_at_runtime(emu: Emulator, client: httpx.Client) -> None:
    started = time.monotonic()
    post_programs(client, emu)
    assert time.monotonic() - started < 0.2
    emu.latency = 0.2
    started = time.monotonic()
    response = post_programs(client, emu)
    assert time.monotonic() - started >= 0.2
    assert response.status_code == 401


def test_latency_from_the_constructor_applies_before_faults(client: httpx.Client) -> None:
    with Emulator(users(), latency=0.1) as emu:  # a 503 without it takes milliseconds
        emu.add_fault(Fault("status", status=503))
        started = time.monotonic()
        assert post_programs(client, emu).status_code == 503
        assert time.monotonic() - started >= 0.1


def test_faulted_requests_are_recorded(emu: Emulator, client: httpx.Client) -> None:
    emu.add_fault(Fault("status", status=503))
    client.post(emu.auth_url, json=login_body(RW))
    [entry] = emu.requests
    assert entry.status == 503
    assert entry.user == RW.username
    assert entry.path == "/api/v1/oauth/token/"


def test_bad_fault_definitions_are_rejected() -> None:
    with pytest.raises(ValueError, match="count"):
        Fault("drop", count=0)
    with pytest.raises(ValueError, match="kind"):
        Fault("explode")  # type: ignore[arg-type]
