"""The provider's docs examples, replayed as the calls (and bodies) the provider would send.

No provider binary is available to the tests, so each example is the sequence its resource code
sends (resource_*.go), checked at every step with the provider's own type assertions.
"""

from __future__ import annotations

import httpx
import pytest

from flexcheck.emulator import Emulator
from tests.emulator import provider_decoding as decode
from tests.emulator.emulator_support import RW, Login
from tests.emulator.provider_decoding import Api, Json

PROGRAM = "ELAVMR0000000001"


@pytest.fixture
def api(emu: Emulator, client: httpx.Client, login: Login) -> Api:
    return Api(client, emu.base_url, login(RW))


def item(api: Api, endpoint: str, body: Json) -> Json:
    answer = decode.envelope(api.v2(endpoint, body))
    return decode.entitlement(decode.single(answer, "entitlements"))


def by_serial(api: Api, serial: str, config_id: int) -> Json:
    """getEntitlementFromId: configId as the string half of the resource id."""
    body = {"configId": str(config_id), "serialNumber": serial}
    listed = decode.envelope(api.v2("entitlements/list", body))["entitlements"]
    return decode.entitlement(next(e for e in listed if f"{e['serialNumber']}" == serial))


def test_config_create_then_import_and_update_then_destroy(api: Api) -> None:
    create = {
        "programSerialNumber": PROGRAM,
        "name": "tf-fgt",
        "productTypeId": 1,
        "parameters": [
            {"id": 1, "value": "2"},
            {"id": 2, "value": "FC"},
            {"id": 10, "value": 0},
            {"id": 43, "value": "NONE"},
            {"id": 44, "value": "NONE"},
            {"id": 45, "value": "NONE"},
        ],
    }
    made = decode.config(
        decode.single(decode.envelope(api.v2("configs/create", create)), "configs")
    )
    config_id = str(made["id"])
    # import_and_update: list, maybe a status op, then the second apply's configs/update
    listed = decode.envelope(api.v2("configs/list", {"programSerialNumber": PROGRAM}))["configs"]
    assert any(f"{c['id']}" == config_id for c in listed)
    disabled = decode.envelope(api.v2("configs/disable", {"id": config_id}))
    assert decode.config(decode.single(disabled, "configs"))["status"] == "DISABLED"
    update = {"id": config_id, "name": "tf-fgt-2", "parameters": create["parameters"]}
    decode.config(decode.single(decode.envelope(api.v2("configs/update", update)), "configs"))
    decode.envelope(api.v2("configs/enable", {"id": config_id}))


def test_vm_create_with_status_active_then_destroy(api: Api) -> None:
    new = item(api, "entitlements/vm/create", {"configId": 101, "count": 1, "description": "a"})
    assert new["status"] == "PENDING"
    # status = "ACTIVE" in the config differs from PENDING: the provider calls reactivate
    after = item(api, "entitlements/reactivate", {"serialNumber": new["serialNumber"]})
    resource_id = f"{after['serialNumber']}.{after['configId']}"
    serial, config = resource_id.split(".")
    assert by_serial(api, serial, int(config))["status"] == "PENDING"
    # destroy: list, stop (not STOPPED yet), then vm/token (refresh_token_when_destroy)
    assert item(api, "entitlements/stop", {"serialNumber": serial})["status"] == "STOPPED"
    assert item(api, "entitlements/vm/token", {"serialNumber": serial})["tokenStatus"] == "NOTUSED"


def test_vm_import_by_serial_moves_it_to_another_config(api: Api, emu: Emulator) -> None:
    emu.add_config(150, "target")
    serial = emu.add_entitlement(101, status="STOPPED")
    # "config_id = 42  # New config_id value or unchanged": listed under the new config
    assert by_serial(api, serial, 150)["configId"] == 101
    item(api, "entitlements/reactivate", {"serialNumber": serial})
    moved = item(
        api,
        "entitlements/update",
        {"serialNumber": serial, "configId": 150, "endDate": "2099-11-12T00:00:00"},
    )
    assert moved["configId"] == 150


def test_hardware_examples(api: Api) -> None:
    plain = {
        "configId": 101,
        "serialNumbers": ["FGT60FTK21000001"],
        "endDate": "2099-11-12T00:00:00",
    }
    item(api, "entitlements/hardware/create", plain)
    stopped = {"configId": 101, "serialNumbers": ["FGT60FTK21000002"]}
    made = item(api, "entitlements/hardware/create", stopped)
    by_serial(api, made["serialNumber"], 101)
    after_stop = item(api, "entitlements/stop", {"serialNumber": made["serialNumber"]})
    assert after_stop["endDate"]  # hw update reads endDate from the stop answer, hard string


def test_cloud_create_and_vm_token(api: Api) -> None:
    cloud = item(api, "entitlements/cloud/create", {"configId": 101, "count": 1})
    assert cloud["status"] == "ACTIVE"
    vm = item(api, "entitlements/vm/create", {"configId": 101, "count": 1, "skipPending": True})
    fresh = item(api, "entitlements/vm/token", {"serialNumber": vm["serialNumber"]})
    assert fresh["token"] != vm["token"]
    assert by_serial(api, vm["serialNumber"], 101)["token"] == fresh["token"]


def test_retrieve_vm_group_preempts_and_releases(api: Api, emu: Emulator) -> None:
    emu.add_config(151, "pool")
    emu.add_entitlement(151, status="STOPPED")
    listed = decode.envelope(api.v2("entitlements/list", {"configId": 151}))["entitlements"]
    assert isinstance(listed, list)
    candidate = next(e for e in listed if e["status"] == "STOPPED" and e["description"] == "")
    serial: str = candidate["serialNumber"]  # hard string
    body = {"serialNumber": serial, "configId": candidate["configId"], "description": "task-1"}
    item(api, "entitlements/update", body)
    assert by_serial(api, serial, 151)["description"] == "task-1"
    assert item(api, "entitlements/reactivate", {"serialNumber": serial})["status"] == "ACTIVE"
    release = {"serialNumber": serial, "configId": 151, "description": ""}
    assert item(api, "entitlements/update", release)["description"] == ""
    item(api, "entitlements/stop", {"serialNumber": serial})


def test_data_sources(api: Api) -> None:
    decode.envelope(api.v2("programs/list"))
    decode.envelope(api.post("/ES/api/flexvm/v1/groups/list", {}))
    decode.envelope(api.v2("groups/list", {"accountId": 100000}))
    nxt = {"configId": 101, "folderPath": "My Assets", "status": ["ACTIVE", "PENDING"]}
    decode.single(decode.envelope(api.v2("groups/nexttoken", nxt)), "entitlements")
    points = {"configId": 101, "startDate": "2023-11-25", "endDate": "2023-11-30"}
    decode.envelope(api.v2("entitlements/points", points))
    filtered = {"accountId": 100000, "programSerialNumber": PROGRAM, "status": "ACTIVE"}
    listed = decode.envelope(api.v2("entitlements/list", filtered))["entitlements"]
    assert all(e["status"] == "ACTIVE" for e in listed)
