"""Conformance to the real provider: groups (v1 and v2), next token, login, and refused writes."""

from __future__ import annotations

import httpx
import pytest

from flexcheck.emulator import Emulator
from flexcheck.emulator.endpoints.routes import WRITES
from tests.emulator import provider_decoding as decode
from tests.emulator.emulator_support import RO, RW, Login, login_body, users
from tests.emulator.provider_decoding import Api
from tests.helpers import system_trust

V1_GROUPS = "/ES/api/flexvm/v1/groups/list"


@pytest.fixture
def api(emu: Emulator, client: httpx.Client, login: Login) -> Api:
    return Api(client, emu.base_url, login(RW))


def _group_fields(group: dict[str, object]) -> None:
    assert isinstance(group["folderPath"], str)
    assert decode.is_int(group["availableTokens"])
    assert decode.is_int(group["usedTokens"])


def test_groups_list_on_the_v1_path_without_an_account(api: Api) -> None:
    groups = decode.envelope(api.post(V1_GROUPS, {}))["groups"]
    assert groups
    for group in groups:
        _group_fields(group)
        assert "accountId" not in group  # the provider's docs: account_id then reads as 0


def test_groups_list_on_the_v2_path_with_an_account(api: Api) -> None:
    groups = decode.envelope(api.v2("groups/list", {"accountId": 100000}))["groups"]
    assert groups
    for group in groups:
        _group_fields(group)
        assert group["accountId"] == 100000
    other = decode.envelope(api.v2("groups/list", {"accountId": 424242}))["groups"]
    assert other == []


def test_nexttoken_takes_a_status_list_and_finds_a_pending_vm(api: Api, emu: Emulator) -> None:
    emu.add_config(140, "tokens")
    serial = emu.add_entitlement(140, status="PENDING")
    body = {"configId": 140, "status": ["ACTIVE", "PENDING"]}
    found = decode.single(decode.envelope(api.v2("groups/nexttoken", body)), "entitlements")
    assert found["serialNumber"] == serial
    assert isinstance(found["token"], str)
    assert found["token"]


def test_nexttoken_without_a_free_token_is_an_error_not_an_empty_list(
    api: Api, emu: Emulator
) -> None:
    # The ephemeral resource takes element 0 without a length check: [] would crash it.
    emu.add_config(141, "spent")
    emu.add_entitlement(141, token_status="USED")
    response = api.v2("groups/nexttoken", {"configId": 141})
    assert decode.refusal(response)["status"] == -1


def test_login_answers_a_string_access_token(emu: Emulator, client: httpx.Client) -> None:
    answer = client.post(emu.auth_url, json=login_body(RW)).json()
    assert isinstance(answer["access_token"], str)
    assert answer["access_token"]


@pytest.mark.parametrize("endpoint", sorted(WRITES))
def test_every_write_is_refused_for_a_read_only_user_the_same_way(
    emu: Emulator, client: httpx.Client, login: Login, endpoint: str
) -> None:
    before = emu.state_digest()
    response = Api(client, emu.base_url, login(RO)).v2(endpoint, {"serialNumber": "X", "id": 101})
    assert response.json() == {"status": -1, "message": "Authorization denied"}
    assert emu.state_digest() == before


@pytest.mark.parametrize("deny", [403, 200])
def test_deny_style_changes_only_the_http_status(deny: int) -> None:
    with (
        Emulator(users(), denied_http_status=deny) as emu,
        httpx.Client(verify=system_trust()) as client,
    ):
        token = client.post(emu.auth_url, json=login_body(RO)).json()["access_token"]
        response = Api(client, emu.base_url, token).v2("configs/update", {"id": 0})
    assert response.status_code == deny
    assert response.json() == {"status": -1, "message": "Authorization denied"}


def test_v1_prefix_serves_only_groups_list(api: Api) -> None:
    assert api.post("/ES/api/flexvm/v1/configs/list", {}).status_code == 404
    assert api.post("/ES/api/fortiflex/v2/v1:groups/list", {}).status_code == 404
