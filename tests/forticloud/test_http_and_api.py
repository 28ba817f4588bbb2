"""The FortiFlex client's requests and how answers are read.

The transport is mocked here on purpose: these tests are about the bodies flexcheck sends and
how it parses what comes back (pure parsing). Retries, timeouts, Retry-After, refused
connections and the request ledger run against a real server on loopback, in
test_http_loopback.py.
"""

from __future__ import annotations

import httpx
import pytest

from flexcheck.core.context import Options
from flexcheck.errors import LoginRejected, RequestRefused, UnexpectedAnswer
from flexcheck.forticloud import api as fortiflex
from flexcheck.forticloud.api import ApiAnswer
from flexcheck.forticloud.http import retry_after_seconds
from flexcheck.forticloud.probe import Access, classify
from flexcheck.secrets.secret import Secret
from tests.helpers import http_client, json_response

ENDPOINTS = Options().endpoints
TOKEN_BODY = {
    "access_token": "tok-abcdef-123456",
    "expires_in": 3660,
    "scope": "read write",
    "token_type": "Bearer",
    "status": "success",
}


def test_login_sends_password_grant_and_reads_lifetime() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(200, TOKEN_BODY)

    token = fortiflex.login(http_client(handler), ENDPOINTS, "USER-1", Secret("pw-123456!1Aa"))
    assert token.expires_in == 3660
    assert token.access.reveal() == "tok-abcdef-123456"
    body = seen[0].read().decode()
    assert '"client_id":"flexvm"' in body.replace(" ", "")
    assert '"grant_type":"password"' in body.replace(" ", "")
    assert str(seen[0].url) == fortiflex.DEFAULT_AUTH_URL


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_rejected_login_is_never_retried(status: int) -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return json_response(
            status, {"error": "invalid_grant", "error_description": "Invalid credentials given."}
        )

    with pytest.raises(LoginRejected) as caught:
        fortiflex.login(http_client(handler), ENDPOINTS, "U", Secret("pw-abcdef"))
    assert caught.value.status == status
    assert str(caught.value) == "Invalid credentials given."
    assert calls == [1]


def test_allow_list_refuses_before_sending() -> None:
    client = http_client()
    token = fortiflex.Token(Secret("tok-abcdefgh"), 10, None)
    with pytest.raises(RequestRefused):
        fortiflex.call(client, ENDPOINTS, "configs/create", {}, token)
    with pytest.raises(RequestRefused):
        fortiflex.call(client, ENDPOINTS, "entitlements/stop", {}, token)
    assert client.log.records() == ()


def test_allowed_endpoints_are_reads_plus_the_probe() -> None:
    allowed = {url.rsplit("v2/", 1)[-1] for url in ENDPOINTS.allowed if "v2/" in url}
    assert allowed == set(fortiflex.READ_ENDPOINTS) | {fortiflex.PROBE_ENDPOINT}
    assert fortiflex.write_probe_body() == {"id": 0}


@pytest.mark.parametrize(
    ("body", "headers", "expected"),
    [
        (
            "<html><head><title>Blocked by Corp</title></head></html>",
            {"Content-Type": "text/html"},
            'HTML page titled "Blocked by Corp"',
        ),
        ('{"status": 0, "progr', {"Content-Type": "application/json"}, "cut off or malformed"),
        ("", {}, "empty answer"),
        ("[1, 2]", {"Content-Type": "application/json"}, "not an object"),
    ],
)
def test_unexpected_answers_are_named(body: str, headers: dict[str, str], expected: str) -> None:
    client = http_client(lambda request: httpx.Response(200, text=body, headers=headers))
    token = fortiflex.Token(Secret("tok-abcdefgh"), 10, None)
    with pytest.raises(UnexpectedAnswer, match=expected):
        fortiflex.call(client, ENDPOINTS, "programs/list", {}, token)


def test_redirect_is_named() -> None:
    client = http_client(lambda request: httpx.Response(302, headers={"Location": "/login"}))
    token = fortiflex.Token(Secret("tok-abcdefgh"), 10, None)
    with pytest.raises(UnexpectedAnswer, match="redirected to /login"):
        fortiflex.call(client, ENDPOINTS, "programs/list", {}, token)


def test_retry_after_accepts_http_dates() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("soon") is None


@pytest.mark.parametrize(
    ("http_status", "status", "message", "access"),
    [
        (200, -1, "Authorization denied", Access.READ_ONLY),
        (403, None, "", Access.READ_ONLY),
        (401, -1, "Unauthorized", Access.READ_ONLY),
        (200, -1, "Config not found.", Access.READ_WRITE),
        (404, -1, "Config not found.", Access.READ_WRITE),
        (400, -1, "name is required.", Access.READ_WRITE),
        (200, -1, "Invalid security token.", Access.UNKNOWN),
        (401, -1, "Invalid security token.", Access.UNKNOWN),
        (200, 0, "Request processed successfully.", Access.UNKNOWN),
        (200, -10, "Too many requests", Access.UNKNOWN),
        (500, -1, "Internal error", Access.UNKNOWN),
    ],
)
def test_probe_classification(
    http_status: int, status: int | None, message: str, access: Access
) -> None:
    reading = classify(ApiAnswer(http_status, status, message, {}))
    assert reading.access is access


# Pure parsing of an answer already read: a mocked transport is enough here, no socket involved.
@pytest.mark.parametrize(
    ("http_status", "message", "error"),
    [
        (401, "The access token provided has expired", "invalid_token"),
        (401, "", "invalid_token"),
        (200, "The access token provided has expired.", ""),
        (403, "Access token is invalid", ""),
        (400, "Expired token", ""),
    ],
)
def test_a_token_error_is_a_token_problem_not_read_only(
    http_status: int, message: str, error: str
) -> None:
    payload = {"error": error, "error_description": message} if error else {"message": message}
    reading = classify(ApiAnswer(http_status, None, message, payload))
    assert reading.access is Access.UNKNOWN
    assert "token" in reading.evidence


@pytest.mark.parametrize(
    "message", ["Config id 0 is not allowed", "Not allowed: id 0", "configId 0: permission denied"]
)
def test_a_refusal_of_config_id_0_is_not_read_only(message: str) -> None:
    reading = classify(ApiAnswer(403, -1, message, {"message": message}))
    assert reading.access is Access.UNKNOWN
    assert "config id" in reading.evidence


def test_a_plain_denial_still_reads_as_read_only() -> None:
    for message in ("Authorization denied", "Permission denied for id 10"):
        assert classify(ApiAnswer(403, -1, message, {})).access is Access.READ_ONLY
