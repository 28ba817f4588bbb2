"""Conformance to the real provider: programs and configs answer in the shape it decodes."""

from __future__ import annotations

import httpx
import pytest

from flexcheck.emulator import Emulator
from flexcheck.emulator.products import PRODUCTS
from tests.emulator import provider_decoding as decode
from tests.emulator.emulator_support import RW, Login
from tests.emulator.provider_decoding import Api

PROGRAM = "ELAVMR0000000001"


@pytest.fixture
def api(emu: Emulator, client: httpx.Client, login: Login) -> Api:
    return Api(client, emu.base_url, login(RW))


def created_config(api: Api, endpoint: str, body: object) -> decode.Json:
    return decode.config(decode.single(decode.envelope(api.v2(endpoint, body)), "configs"))


def test_programs_list_without_a_body(api: Api) -> None:
    body = decode.envelope(api.v2("programs/list"))
    assert isinstance(body["programs"], list)
    assert body["programs"]
    for program in body["programs"]:
        assert isinstance(program["serialNumber"], str)
        assert decode.is_int(program["accountId"])
        assert isinstance(program["startDate"], str)
        assert isinstance(program["endDate"], str)
        assert program["hasSupportCoverage"] in (True, False)  # TypeBool: not "true"


def test_all_24_product_types_are_known() -> None:
    assert sorted(PRODUCTS) == [
        1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 101, 102, 103,
        202, 203, 204, 205, 206, 207, 208, 209, 211, 212,
    ]  # fmt: skip


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_create_any_product_and_read_every_value_back_as_a_string(api: Api, product: int) -> None:
    sent = decode.provider_parameters(product)
    body = {
        "programSerialNumber": PROGRAM,
        "name": f"tf-{product}",
        "productTypeId": product,
        "parameters": sent,
    }
    created = decode.config(
        decode.single(decode.envelope(api.v2("configs/create", body)), "configs")
    )
    assert created["productType"]["id"] == product
    assert created["status"] == "ACTIVE"
    expected = sorted((p["id"], str(p["value"])) for p in sent)
    assert sorted((p["id"], p["value"]) for p in created["parameters"]) == expected
    listed = decode.envelope(api.v2("configs/list", {"programSerialNumber": PROGRAM}))
    again = next(c for c in listed["configs"] if c["id"] == created["id"])
    assert decode.config(again)["parameters"] == created["parameters"]


def test_vdom_num_sent_as_a_number_comes_back_as_a_digit_string(api: Api) -> None:
    body = {
        "programSerialNumber": PROGRAM,
        "name": "docs-example",
        "productTypeId": 1,
        "parameters": [{"id": 1, "value": "2"}, {"id": 2, "value": "FC"}, {"id": 10, "value": 0}],
    }
    created = decode.single(decode.envelope(api.v2("configs/create", body)), "configs")
    assert {"id": 10, "value": "0"} in created["parameters"]


def test_fortindr_cloud_with_an_empty_block(api: Api) -> None:
    body = {"programSerialNumber": PROGRAM, "name": "ndr", "productTypeId": 207, "parameters": []}
    created = decode.config(
        decode.single(decode.envelope(api.v2("configs/create", body)), "configs")
    )
    assert created["parameters"] == []


def test_update_takes_the_id_as_a_string_and_returns_the_whole_config(api: Api) -> None:
    body = {
        "id": "101",
        "name": "renamed",
        "parameters": [{"id": 1, "value": "4"}, {"id": 10, "value": 7}],
    }
    updated = decode.config(
        decode.single(decode.envelope(api.v2("configs/update", body)), "configs")
    )
    assert (updated["id"], updated["name"], updated["productType"]["id"]) == (101, "renamed", 1)
    assert sorted((p["id"], p["value"]) for p in updated["parameters"]) == [(1, "4"), (10, "7")]


@pytest.mark.parametrize(("op", "status"), [("disable", "DISABLED"), ("enable", "ACTIVE")])
def test_enable_and_disable_take_a_string_id(api: Api, op: str, status: str) -> None:
    answer = decode.envelope(api.v2(f"configs/{op}", {"id": "102" if op == "enable" else "101"}))
    assert decode.config(decode.single(answer, "configs"))["status"] == status


def test_configs_list_is_always_a_list(api: Api, emu: Emulator) -> None:
    emu.add_program("ELAVMR0000000009")
    body = decode.envelope(api.v2("configs/list", {"programSerialNumber": "ELAVMR0000000009"}))
    assert body["configs"] == []
    seeded = decode.envelope(api.v2("configs/list", {"programSerialNumber": PROGRAM}))
    assert all(decode.config(c) for c in seeded["configs"])


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ([{"id": 10, "value": "ten"}], "Parameter id 10 must be an integer."),
        ([{"id": 30, "value": 5}], "Parameter id 30 is not valid for"),
        ([{"id": 1, "value": "2"}, {"id": 1, "value": "4"}], "Parameter id 1 is given more"),
    ],
)
def test_parameter_refusals_speak_the_api_style(
    api: Api, parameters: list[dict[str, object]], message: str
) -> None:
    body = {
        "programSerialNumber": PROGRAM,
        "name": "x",
        "productTypeId": 1,
        "parameters": parameters,
    }
    response = api.v2("configs/create", body)
    assert response.status_code == 400
    assert decode.refusal(response)["message"].startswith(message)


def test_unknown_product_type_is_refused(api: Api) -> None:
    body = {"programSerialNumber": PROGRAM, "name": "x", "productTypeId": 6, "parameters": []}
    assert decode.refusal(api.v2("configs/create", body))["message"] == "productTypeId is invalid."
