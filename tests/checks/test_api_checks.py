"""api-login and api-read: how each reads FortiCloud's answer.

The transport is mocked on purpose: every test here is about reading an answer's body (pure
parsing); the same checks against a real server on loopback, with its sockets, pools and
timeouts, are in tests/integration and tests/forticloud/test_http_loopback.py.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from checks.api_login import ApiLogin, Session
from checks.api_read import ApiRead
from checks.zip_decrypt import ZipDecrypt
from flexcheck.core.model import Deps, Status
from flexcheck.credentials.api_user import ApiCredentials
from flexcheck.forticloud.api import Token
from flexcheck.secrets.secret import Secret
from tests.helpers import json_response, make_context

CREDS = ApiCredentials(
    "1B3C5D7E-0000-1111-2222-ABCDEF123456", Secret("pw-canary-77!1Aa"), "the credential file"
)
SESSION = Session(Token(Secret("token-canary-77"), 3600, "read write"), CREDS)


def read_with(body: dict[str, Any], status: int = 200) -> Any:
    ctx = make_context(handler=lambda request: json_response(status, body))
    return ApiRead().run(ctx, Deps({ApiLogin.id: SESSION}))


def test_programs_are_counted() -> None:
    result = read_with({"status": 0, "programs": [{"serialNumber": "A"}, {"serialNumber": "B"}]})
    assert result.status is Status.PASS
    assert result.summary == "2 programs visible"


def test_empty_program_list_is_a_warning_not_a_failure() -> None:
    result = read_with({"status": 0, "message": "Request processed successfully.", "programs": []})
    assert result.status is Status.WARN
    assert "MSSP" in result.hint


@pytest.mark.parametrize("http_status", [200, 401])
def test_invalid_security_token_fails(http_status: int) -> None:
    result = read_with({"status": -1, "message": "Invalid security token."}, http_status)
    assert result.status is Status.FAIL
    assert "Invalid security token." in result.summary


def test_rate_limit_is_a_retryable_failure() -> None:
    result = read_with({"status": -10, "message": "Too many requests"})
    assert result.status is Status.FAIL
    assert result.network


def test_login_reports_lifetime_and_registers_revoke() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path.endswith("/token/"):
            return json_response(200, {"access_token": "tok-canary-88", "expires_in": 3660})
        return json_response(200, {"status": "success"})

    ctx = make_context(handler=handler)
    result = ApiLogin().run(ctx, Deps({ZipDecrypt.id: CREDS}))
    assert result.status is Status.PASS
    assert "valid 61 min" in result.summary
    assert "1B3C…3456" in result.summary
    assert CREDS.username not in result.summary
    for cleanup in ctx.take_cleanups():
        cleanup()
    assert seen == ["/api/v1/oauth/token/", "/api/v1/oauth/revoke_token/"]


def test_login_rejection_hint_names_the_reset() -> None:
    ctx = make_context(
        handler=lambda request: json_response(
            400, {"error": "invalid_grant", "error_description": "bad user"}
        )
    )
    result = ApiLogin().run(ctx, Deps({ZipDecrypt.id: CREDS}))
    assert result.status is Status.FAIL
    assert not result.network
    assert "HTTP 400, bad user" in result.summary
    assert "resets the API password" in result.hint
    assert ctx.take_cleanups() == []
