"""Conformance to the real provider: entitlement calls, the lists it reads, its status changes."""

from __future__ import annotations

import httpx
import pytest

from flexcheck.emulator import Emulator
from tests.emulator import provider_decoding as decode
from tests.emulator.emulator_support import RW, Login
from tests.emulator.provider_decoding import Api, Json


@pytest.fixture
def api(emu: Emulator, client: httpx.Client, login: Login) -> Api:
    return Api(client, emu.base_url, login(RW))


def one(api: Api, endpoint: str, body: Json) -> Json:
    return decode.entitlement(
        decode.single(decode.envelope(api.v2(endpoint, body)), "entitlements")
    )


def test_new_vm_is_pending_and_skip_pending_makes_it_active(api: Api) -> None:
    new = one(api, "entitlements/vm/create", {"configId": 101, "count": 1})
    assert (new["status"], new["tokenStatus"]) == ("PENDING", "NOTUSED")
    assert new["token"]
    skipped = one(api, "entitlements/vm/create", {"configId": 101, "count": 1, "skipPending": True})
    assert skipped["status"] == "ACTIVE"


def test_reactivating_a_pending_vm_succeeds_but_keeps_it_pending(api: Api, emu: Emulator) -> None:
    # The provider warns "Unable to change status from PENDING to ACTIVE" and still calls it.
    new = one(api, "entitlements/vm/create", {"configId": 101, "count": 1})
    kept = one(api, "entitlements/reactivate", {"serialNumber": new["serialNumber"]})
    assert kept["status"] == "PENDING"
    emu.use_vm_token(new["serialNumber"])
    stopped = one(api, "entitlements/stop", {"serialNumber": new["serialNumber"]})
    assert stopped["status"] == "STOPPED"
    back = one(api, "entitlements/reactivate", {"serialNumber": new["serialNumber"]})
    assert (back["status"], back["tokenStatus"]) == ("ACTIVE", "USED")


def test_list_takes_config_id_as_a_string_and_filters_by_serial(api: Api) -> None:
    new = one(api, "entitlements/vm/create", {"configId": 101, "count": 1})
    body = {"configId": "101", "serialNumber": new["serialNumber"]}
    listed = decode.envelope(api.v2("entitlements/list", body))["entitlements"]
    assert [decode.entitlement(e)["serialNumber"] for e in listed] == [new["serialNumber"]]


def test_list_is_an_empty_list_not_null(api: Api, emu: Emulator) -> None:
    emu.add_config(130, "empty")
    assert decode.envelope(api.v2("entitlements/list", {"configId": 130}))["entitlements"] == []


@pytest.mark.parametrize(
    ("key", "value"), [("status", "STOPPED"), ("tokenStatus", "USED"), ("description", "db")]
)
def test_list_applies_the_data_source_filters(
    api: Api, emu: Emulator, key: str, value: str
) -> None:
    emu.add_config(131, "filtered")
    emu.add_entitlement(131)
    wanted = emu.add_entitlement(131, status="STOPPED", token_status="USED")
    emu.state.entitlements[wanted].description = "db"
    listed = decode.envelope(api.v2("entitlements/list", {"configId": 131, key: value}))
    assert [e["serialNumber"] for e in listed["entitlements"]] == [wanted]


def test_hardware_create_has_no_vm_token(api: Api) -> None:
    body = {"configId": 101, "serialNumbers": ["FGT60FTK20000001"], "endDate": "2030-01-01"}
    made = one(api, "entitlements/hardware/create", body)
    assert made["serialNumber"] == "FGT60FTK20000001"
    assert (made["token"], made["tokenStatus"]) == ("", "")


def test_cloud_create_returns_one_item(api: Api) -> None:
    made = one(api, "entitlements/cloud/create", {"configId": 101, "count": 1})
    assert made["configId"] == 101


def test_update_moves_config_clears_description_and_takes_the_users_date(
    api: Api, emu: Emulator
) -> None:
    emu.add_config(132, "other")
    new = one(api, "entitlements/vm/create", {"configId": 101, "description": "web"})
    body = {
        "serialNumber": new["serialNumber"],
        "configId": 132,
        "description": "",
        "endDate": "2031-11-12T00:00:00",
    }
    moved = one(api, "entitlements/update", body)
    assert (moved["configId"], moved["description"]) == (132, "")
    assert moved["endDate"].startswith("2031-11-12")


@pytest.mark.parametrize("endpoint", ["entitlements/stop", "entitlements/vm/token"])
def test_status_and_token_answers_carry_an_end_date(api: Api, endpoint: str) -> None:
    new = one(api, "entitlements/vm/create", {"configId": 101})
    answered = one(api, endpoint, {"serialNumber": new["serialNumber"]})
    assert answered["endDate"]


def test_points_items(api: Api) -> None:
    body = {"configId": 101, "startDate": "2023-11-25", "endDate": "2023-11-30"}
    points = decode.envelope(api.v2("entitlements/points", body))["entitlements"]
    assert points
    for item in points:
        assert isinstance(item["serialNumber"], str)
        assert isinstance(item["points"], int | float)
        assert decode.is_int(item["accountId"])
