"""The auth host: login, rejection, revoke, password reset, token expiry."""

from __future__ import annotations

import httpx
import pytest

from flexcheck.emulator import EmulatedUser, Emulator
from tests.emulator.emulator_support import ADMIN, RO, RW, Login, bearer, login_body
from tests.helpers import system_trust


def test_login_success_has_the_documented_shape(emu: Emulator, client: httpx.Client) -> None:
    response = client.post(emu.auth_url, json=login_body(RW))
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 14400
    assert body["scope"] == "read write"
    assert body["status"] == "success"
    assert body["message"] == "successfully authenticated"
    assert len(body["access_token"]) >= 20
    assert body["refresh_token"] != body["access_token"]
    assert emu.issued_tokens() == 1
    assert emu.active_tokens() == 1


def test_each_login_gets_a_new_token(emu: Emulator, login: Login) -> None:
    assert login(ADMIN) != login(ADMIN)
    assert emu.issued_tokens() == 2


def test_token_lifetime_is_reported() -> None:
    with (
        Emulator([RW], token_lifetime=3660) as emu,
        httpx.Client(verify=system_trust(), trust_env=False) as c,
    ):
        assert c.post(emu.auth_url, json=login_body(RW)).json()["expires_in"] == 3660


@pytest.mark.parametrize(
    "body",
    [
        login_body(RW, password="wrong-password"),
        login_body(RW, username="NO-SUCH-USER"),
        login_body(RW, password=""),
    ],
)
def test_bad_credentials_are_401_invalid_grant(
    emu: Emulator, client: httpx.Client, body: dict[str, object]
) -> None:
    response = client.post(emu.auth_url, json=body)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_grant"
    assert response.json()["status"] == "error"
    assert emu.issued_tokens() == 0


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ({"client_id": "fortigate"}, "invalid_client"),
        ({"client_id": None}, "invalid_client"),
        ({"grant_type": "client_credentials"}, "unsupported_grant_type"),
        ({"username": None}, "invalid_request"),
    ],
)
def test_malformed_login_is_400(
    emu: Emulator, client: httpx.Client, override: dict[str, object], error: str
) -> None:
    response = client.post(emu.auth_url, json=login_body(RW, **override))
    assert response.status_code == 400
    assert response.json()["error"] == error


def test_login_body_that_is_not_json_is_400(emu: Emulator, client: httpx.Client) -> None:
    response = client.post(emu.auth_url, content=b"username=x&password=y")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_revoke_stops_the_token(emu: Emulator, client: httpx.Client, login: Login) -> None:
    token = login(RW)
    programs = emu.api_url + "programs/list"
    assert client.post(programs, json={}, headers=bearer(token)).json()["status"] == 0
    revoked = client.post(emu.revoke_url, json={"client_id": "flexvm", "token": token})
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "success"
    after = client.post(programs, json={}, headers=bearer(token))
    assert after.json() == {"status": -1, "message": "Invalid security token."}
    assert emu.active_tokens() == 0
    assert emu.issued_tokens() == 1


def test_revoke_needs_a_token_and_the_flexvm_client(emu: Emulator, client: httpx.Client) -> None:
    assert client.post(emu.revoke_url, json={"client_id": "flexvm"}).status_code == 400
    bad_client = client.post(emu.revoke_url, json={"client_id": "x", "token": "t"})
    assert bad_client.status_code == 400
    unknown = client.post(emu.revoke_url, json={"client_id": "flexvm", "token": "never-issued"})
    assert unknown.status_code == 200


def test_reset_password_makes_the_old_one_fail(emu: Emulator, client: httpx.Client) -> None:
    new = emu.reset_password(RW.username)
    assert new != RW.password
    assert new.endswith("!1Aa")
    assert len(new) == 36
    assert client.post(emu.auth_url, json=login_body(RW)).status_code == 401
    fresh = client.post(emu.auth_url, json=login_body(RW, password=new))
    assert fresh.status_code == 200


def test_reset_password_changes_the_digest(emu: Emulator) -> None:
    before = emu.state_digest()
    emu.reset_password(RO.username)
    assert emu.state_digest() != before


def test_expired_token_is_invalid(emu: Emulator, client: httpx.Client, login: Login) -> None:
    token = login(RW)
    emu.expire_tokens()
    response = client.post(emu.api_url + "programs/list", json={}, headers=bearer(token))
    assert response.json()["message"] == "Invalid security token."
    assert emu.active_tokens() == 0


def test_user_added_while_running_can_log_in(emu: Emulator, client: httpx.Client) -> None:
    late = EmulatedUser("LATE-USER", "late-password")
    assert client.post(emu.auth_url, json=login_body(late)).status_code == 401
    emu.add_user(late)
    assert client.post(emu.auth_url, json=login_body(late)).status_code == 200
