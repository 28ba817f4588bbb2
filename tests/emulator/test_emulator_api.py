"""The FortiFlex v2 API: envelope, token and permission checks, reads, writes and their effect."""

from __future__ import annotations

import httpx
import pytest

from flexcheck.emulator import Emulator
from tests.emulator.emulator_support import ADMIN, RO, RW, Login, bearer, login_body, users

PROGRAM = "ELAVMR0000000001"
OK = "Request processed successfully."


def call(
    client: httpx.Client, emu: Emulator, token: str, endpoint: str, body: object = None
) -> httpx.Response:
    payload = {} if body is None else body
    return client.post(emu.api_url + endpoint, json=payload, headers=bearer(token))


def test_programs_list_with_a_token(emu: Emulator, client: httpx.Client, login: Login) -> None:
    response = call(client, emu, login(RO), "programs/list")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == 0
    assert body["message"] == OK
    [program] = body["programs"]
    assert program["serialNumber"] == PROGRAM
    assert program["accountId"] == 100000
    assert program["endDate"] > program["startDate"]
    assert program["hasSupportCoverage"] is True


def test_seeded_configs_and_entitlements(emu: Emulator, client: httpx.Client, login: Login) -> None:
    token = login(RO)
    configs = call(client, emu, token, "configs/list", {"programSerialNumber": PROGRAM}).json()
    by_id = {c["id"]: c for c in configs["configs"]}
    assert by_id[101]["name"] == "web-fgt"
    assert by_id[101]["status"] == "ACTIVE"
    assert by_id[102]["status"] == "DISABLED"
    assert by_id[101]["productType"]["id"] == 1
    assert by_id[101]["programSerialNumber"] == PROGRAM
    entitlements = call(client, emu, token, "entitlements/list", {"configId": 101}).json()
    assert len(entitlements["entitlements"]) == 2
    assert {e["configId"] for e in entitlements["entitlements"]} == {101}


def test_other_read_endpoints_answer(emu: Emulator, client: httpx.Client, login: Login) -> None:
    token = login(RO)
    points = call(
        client,
        emu,
        token,
        "entitlements/points",
        {"configId": 101, "startDate": "2024-01-01", "endDate": "2024-01-31"},
    ).json()
    assert len(points["entitlements"]) == 2
    assert all(e["points"] > 0 for e in points["entitlements"])
    groups = call(client, emu, token, "groups/list").json()
    assert groups["groups"] == [{"folderPath": "My Assets", "availableTokens": 1, "usedTokens": 1}]
    nxt = call(client, emu, token, "groups/nexttoken", {"configId": 101}).json()
    assert nxt["entitlements"][0]["tokenStatus"] == "NOTUSED"
    calc = call(
        client,
        emu,
        token,
        "tools/calc",
        {"programSerialNumber": PROGRAM, "count": 2, "productTypeId": 1},
    ).json()
    assert calc["points"]["current"] > 0


def test_added_objects_are_listed(emu: Emulator, client: httpx.Client, login: Login) -> None:
    emu.add_program("ELAVMR0000000099", end_date="2020-01-01T00:00:00.000")
    emu.add_config(555, "extra", "ELAVMR0000000099", "DISABLED")
    serial = emu.add_entitlement(555, serial_number="FGVMXX0000000555")
    token = login(RO)
    programs = call(client, emu, token, "programs/list").json()["programs"]
    assert {p["serialNumber"] for p in programs} == {PROGRAM, "ELAVMR0000000099"}
    configs = call(client, emu, token, "configs/list", {"programSerialNumber": "ELAVMR0000000099"})
    assert [(c["id"], c["status"]) for c in configs.json()["configs"]] == [(555, "DISABLED")]
    listed = call(client, emu, token, "entitlements/list", {"configId": 555}).json()
    assert [e["serialNumber"] for e in listed["entitlements"]] == [serial]


def test_empty_account_lists_no_programs(client: httpx.Client) -> None:
    with Emulator(users(), seed_data=False) as emu:
        token = client.post(emu.auth_url, json=login_body(RW)).json()["access_token"]
        body = call(client, emu, token, "programs/list").json()
    assert body == {"status": 0, "message": OK, "programs": []}


@pytest.mark.parametrize("header", [None, "Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer"])
def test_invalid_token(emu: Emulator, client: httpx.Client, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    response = client.post(emu.api_url + "programs/list", json={}, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"status": -1, "message": "Invalid security token."}


@pytest.mark.parametrize("status", [200, 401, 403])
def test_bad_token_status_is_configurable(client: httpx.Client, status: int) -> None:
    with Emulator(users(), bad_token_http_status=status) as emu:
        response = call(client, emu, "not-a-token", "configs/disable", {"id": 101})
        assert response.status_code == status
        assert response.json()["message"] == "Invalid security token."


def test_read_only_write_is_denied_before_validation(
    emu: Emulator, client: httpx.Client, login: Login
) -> None:
    token = login(RO)
    before = emu.state_digest()
    for body in ({"id": 101}, {}, {"id": 999999}):
        response = call(client, emu, token, "configs/disable", body)
        assert response.status_code == 403
        assert response.json() == {"status": -1, "message": "Authorization denied"}
    assert emu.state_digest() == before


@pytest.mark.parametrize("status", [200, 401, 403])
def test_denied_status_is_configurable(client: httpx.Client, status: int) -> None:
    with Emulator(users(), denied_http_status=status) as emu:
        token = client.post(emu.auth_url, json=login_body(RO)).json()["access_token"]
        response = call(client, emu, token, "entitlements/stop", {"serialNumber": "X"})
        assert response.status_code == status
        assert response.json()["message"] == "Authorization denied"


@pytest.mark.parametrize(
    ("endpoint", "body", "message"),
    [
        ("configs/disable", {"id": 999999}, "Config not found."),
        ("configs/update", {"id": 999999, "name": "x"}, "Config not found."),
        ("entitlements/vm/create", {"configId": 999999, "count": 1}, "Config not found."),
        ("entitlements/stop", {"serialNumber": "NOPE0000"}, "Entitlement not found."),
        ("entitlements/vm/token", {"serialNumber": "NOPE0000"}, "Entitlement not found."),
        (
            "configs/create",
            {"programSerialNumber": "NOPE", "name": "n", "productTypeId": 1},
            "Program not found.",
        ),
    ],
)
def test_write_on_missing_object_is_404_and_changes_nothing(
    emu: Emulator, client: httpx.Client, login: Login, endpoint: str, body: object, message: str
) -> None:
    token = login(RW)
    before = emu.state_digest()
    response = call(client, emu, token, endpoint, body)
    assert response.status_code == 404
    assert response.json() == {"status": -1, "message": message}
    assert emu.state_digest() == before


@pytest.mark.parametrize(
    ("endpoint", "body", "message"),
    [
        ("configs/disable", {}, "id is required."),
        ("configs/disable", {"id": "abc"}, "id is invalid."),
        ("entitlements/list", {}, "configId is required."),
        ("configs/list", {}, "programSerialNumber is required."),
        ("entitlements/stop", {}, "serialNumber is required."),
    ],
)
def test_missing_field_is_400(
    emu: Emulator, client: httpx.Client, login: Login, endpoint: str, body: object, message: str
) -> None:
    response = call(client, emu, login(ADMIN), endpoint, body)
    assert response.status_code == 400
    assert response.json() == {"status": -1, "message": message}


def test_write_on_existing_config_changes_state(
    emu: Emulator, client: httpx.Client, login: Login
) -> None:
    token = login(RW)
    before = emu.state_digest()
    response = call(client, emu, token, "configs/disable", {"id": 101})
    assert response.status_code == 200
    assert response.json()["configs"]["status"] == "DISABLED"
    assert emu.state_digest() != before
    listed = call(client, emu, token, "configs/list", {"programSerialNumber": PROGRAM}).json()
    assert {c["id"]: c["status"] for c in listed["configs"]}[101] == "DISABLED"


def test_entitlement_writes_take_effect(emu: Emulator, client: httpx.Client, login: Login) -> None:
    token = login(ADMIN)
    created = call(client, emu, token, "entitlements/vm/create", {"configId": 101, "count": 2})
    serials = [e["serialNumber"] for e in created.json()["entitlements"]]
    assert len(serials) == 2
    stopped = call(client, emu, token, "entitlements/stop", {"serialNumber": serials[0]})
    assert stopped.json()["entitlements"][0]["status"] == "STOPPED"
    listed = call(client, emu, token, "entitlements/list", {"configId": 101}).json()
    statuses = {e["serialNumber"]: e["status"] for e in listed["entitlements"]}
    assert statuses[serials[0]] == "STOPPED"
    assert statuses[serials[1]] == "PENDING"  # new VMs wait for their token
    assert len(statuses) == 4


def test_create_on_disabled_config_is_refused(
    emu: Emulator, client: httpx.Client, login: Login
) -> None:
    before = emu.state_digest()
    response = call(client, emu, login(RW), "entitlements/vm/create", {"configId": 102})
    assert response.status_code == 400
    assert response.json()["message"] == "Config is disabled."
    assert emu.state_digest() == before


def test_reads_never_change_the_digest(emu: Emulator, client: httpx.Client, login: Login) -> None:
    before = emu.state_digest()
    token = login(ADMIN)
    call(client, emu, token, "programs/list")
    call(client, emu, token, "configs/list", {"programSerialNumber": PROGRAM})
    call(client, emu, token, "groups/nexttoken", {"configId": 101})
    client.post(emu.revoke_url, json={"client_id": "flexvm", "token": token})
    assert emu.state_digest() == before


def test_unknown_endpoint_is_404(emu: Emulator, client: httpx.Client, login: Login) -> None:
    response = call(client, emu, login(RW), "programs/delete")
    assert response.status_code == 404
    assert response.json() == {"status": -1, "message": "Not found"}
    assert client.post(emu.base_url + "/nowhere", json={}).status_code == 404


def test_get_is_405(emu: Emulator, client: httpx.Client, login: Login) -> None:
    response = client.get(emu.api_url + "programs/list", headers=bearer(login(RW)))
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert client.get(emu.auth_url).status_code == 405


def test_api_body_that_is_not_json_is_400(
    emu: Emulator, client: httpx.Client, login: Login
) -> None:
    response = client.post(
        emu.api_url + "programs/list", content=b"{not json", headers=bearer(login(RW))
    )
    assert response.status_code == 400
    assert response.json() == {"status": -1, "message": "Invalid JSON body."}
