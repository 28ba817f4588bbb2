"""The HTTP layer against a real server on loopback: retries, timeouts, headers, the ledger.

A mocked transport cannot show these: a read timeout, a held connection, a header as the wire
carries it, a request a thread sends after the run. The emulator can.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from flexcheck.core.context import Context, Options
from flexcheck.core.model import Check, Deps, Result, ok
from flexcheck.emulator import EmulatedUser, Emulator, Fault
from flexcheck.errors import LoginRejected, NetworkError, RequestRefused, UnexpectedAnswer
from flexcheck.forticloud import api as fortiflex
from flexcheck.forticloud.http import HttpClient, RetryPolicy, Timeouts
from flexcheck.forticloud.ledger import UNANSWERED
from flexcheck.run import pipeline
from flexcheck.secrets.secret import Secret
from tests.helpers import loopback_client

LOGIN = "/api/v1/oauth/token/"
USER, PASSWORD = "LOOPBACK-USER-0001", "loopback-password-0f3a!1Aa"


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as running:
        running.add_user(EmulatedUser(USER, PASSWORD))
        yield running


def client_for(emulator: Emulator, **changes: object) -> HttpClient:
    return loopback_client(Options(auth_url=emulator.auth_url, api_url=emulator.api_url), **changes)


def login(emulator: Emulator, http: HttpClient) -> fortiflex.Token:
    endpoints = Options(auth_url=emulator.auth_url, api_url=emulator.api_url).endpoints
    return fortiflex.login(http, endpoints, USER, Secret(PASSWORD))


def posts(emulator: Emulator) -> list[int]:
    return [r.status for r in emulator.requests if r.path == LOGIN]


@pytest.mark.parametrize("status", [502, 504])
def test_a_bad_gateway_or_gateway_timeout_is_retried(emulator: Emulator, status: int) -> None:
    emulator.add_fault(Fault("status", path=LOGIN, status=status))
    http = client_for(emulator)
    login(emulator, http)
    assert posts(emulator) == [status, 200]
    assert [r.status for r in http.log.records()] == [status, 200]


class WindsDownFirst:
    """A request hook that winds the client down as the first attempt goes out (Ctrl-C)."""

    def __init__(self, http: HttpClient) -> None:
        self.http = http

    def before(self, url: object) -> None:
        self.http.wind_down()

    def after(self, url: object, response: object) -> None:
        pass


def test_no_retry_once_the_run_winds_down_with_a_request_in_flight(emulator: Emulator) -> None:
    emulator.add_fault(Fault("status", path=LOGIN, status=503, count=2))
    http = client_for(emulator)
    http.add_hook(WindsDownFirst(http))
    with pytest.raises(UnexpectedAnswer, match="HTTP 503"):
        login(emulator, http)
    assert posts(emulator) == [503]  # the 503 would have been retried twice


def test_no_retry_when_the_run_winds_down_during_the_back_off(emulator: Emulator) -> None:
    emulator.add_fault(Fault("drop", path=LOGIN, count=2))
    waits: list[float] = []
    http = client_for(emulator, sleep=lambda s: (waits.append(s), http.wind_down()))
    with pytest.raises(NetworkError):
        login(emulator, http)
    assert len(waits) == 1  # the back-off began, and Ctrl-C came during it
    assert len([r for r in emulator.requests if r.path == LOGIN]) == 1


def test_no_retry_after_a_read_timeout(emulator: Emulator) -> None:
    emulator.add_fault(Fault("hang", path=LOGIN, seconds=2.0))
    http = client_for(emulator, timeouts=Timeouts(connect=2.0, read=0.1))
    with pytest.raises(NetworkError):
        login(emulator, http)
    assert len(posts(emulator)) == 1  # sent once: a retry would triple a slow wait
    assert len(http.log.records()) == 1


@pytest.mark.parametrize("value", ["²", "٣", "1e9", "-5", "Mon, 99 Foo 99999 99:99:99 GMT"])
def test_any_retry_after_a_server_sends_is_survived(emulator: Emulator, value: str) -> None:
    emulator.add_fault(Fault("status", path=LOGIN, status=429, retry_after=value))
    waits: list[float] = []
    http = client_for(emulator, sleep=waits.append, retry=RetryPolicy(max_retry_after=10.0))
    login(emulator, http)  # no crash: an unreadable value means the usual back-off
    assert posts(emulator) == [429, 200]
    assert len(waits) == 1
    assert 0 <= waits[0] <= 10


def test_a_closed_client_sends_nothing_more(emulator: Emulator) -> None:
    http = client_for(emulator)
    login(emulator, http)
    http.close()
    with pytest.raises(RequestRefused, match="already ended"):
        login(emulator, http)
    assert len(posts(emulator)) == 1


def test_a_request_in_flight_is_in_the_ledger_before_its_answer(emulator: Emulator) -> None:
    emulator.add_fault(Fault("hang", path=LOGIN))  # held until the emulator stops
    http = client_for(emulator, timeouts=Timeouts(connect=2.0, read=3.0))
    failures: list[NetworkError] = []

    def send() -> None:
        try:
            login(emulator, http)
        except NetworkError as error:  # the retries find the emulator stopped
            failures.append(error)

    sender = threading.Thread(target=send)
    sender.start()
    deadline = time.monotonic() + 5
    while not posts(emulator):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    (record,) = http.log.records()  # however long this look takes, the request is still held
    assert record.error == UNANSWERED
    assert record.method == "POST"
    emulator.stop()  # the hang ends: the connection drops without an answer
    sender.join(5)
    assert not sender.is_alive()
    assert len(failures) == 1
    assert http.log.records()[0].error not in (None, UNANSWERED)  # the entry completed


class LateSender(Check[None]):
    """A check that goes on past its time limit and then sends a request."""

    id = "late-sender"
    title = "late sender"
    network = True
    timeout = 0.05
    run_over = threading.Event()  # set by the test once the run has returned
    sent = threading.Event()

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        self.run_over.wait(5)
        try:
            fortiflex.login(ctx.http, ctx.options.endpoints, USER, Secret(PASSWORD))
        finally:
            self.sent.set()
        return ok("too late")


def test_a_check_past_its_time_sends_nothing_after_the_run(emulator: Emulator) -> None:
    options = Options(auth_url=emulator.auth_url, api_url=emulator.api_url)
    LateSender.run_over.clear()
    LateSender.sent.clear()
    result = pipeline.run(options, {}, checks=[LateSender], trust_env=False)
    LateSender.run_over.set()  # the check goes on, and sends, only now
    assert LateSender.sent.wait(5)
    # The emulator records a request before it answers it: one sent is already in its list.
    # Either nothing was sent, or what was sent is in the report's list of requests.
    assert len(posts(emulator)) == len([r for r in result.requests if r.method == "POST"])
    assert posts(emulator) == []


def test_503_twice_then_success_is_retried_and_each_attempt_recorded(emulator: Emulator) -> None:
    emulator.add_fault(Fault("status", path=LOGIN, status=503, count=2))
    http = client_for(emulator)
    login(emulator, http)
    assert [r.status for r in http.log.records()] == [503, 503, 200]
    assert posts(emulator) == [503, 503, 200]


def test_429_honours_retry_after(emulator: Emulator) -> None:
    emulator.add_fault(Fault("status", path=LOGIN, status=429, retry_after="2"))
    waits: list[float] = []
    login(emulator, client_for(emulator, sleep=waits.append))
    assert waits == [2.0]


def test_a_retry_after_too_long_is_not_waited_for(emulator: Emulator) -> None:
    emulator.add_fault(Fault("status", path=LOGIN, status=429, retry_after="3600"))
    http = client_for(emulator)
    with pytest.raises(UnexpectedAnswer, match="HTTP 429"):
        login(emulator, http)
    assert len(http.log.records()) == 1
    assert posts(emulator) == [429]


def test_a_refused_connection_is_retried_then_named() -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))  # bound, never listening: the port refuses
        port = placeholder.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        options = Options(auth_url=f"{base}/api/v1/oauth/token/", api_url=f"{base}/ES/api/")
        http = loopback_client(options, retry=RetryPolicy(attempts=2))
        with pytest.raises(NetworkError) as caught:
            fortiflex.login(http, options.endpoints, USER, Secret(PASSWORD))
    assert caught.value.hop == "connect"
    assert "127.0.0.1" in str(caught.value)
    assert [r.status for r in http.log.records()] == [None, None]


def test_a_rejected_login_is_sent_once(emulator: Emulator) -> None:
    endpoints = Options(auth_url=emulator.auth_url, api_url=emulator.api_url).endpoints
    with pytest.raises(LoginRejected):
        fortiflex.login(client_for(emulator), endpoints, USER, Secret("not-the-password-0001"))
    assert len(posts(emulator)) == 1  # repeated bad logins risk a lockout
