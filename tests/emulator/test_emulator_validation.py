"""The emulator refuses the configuration values the rules table refuses, as FortiFlex words it."""

from __future__ import annotations

import httpx
import pytest

from flexcheck.emulator import Emulator
from flexcheck.emulator.endpoints.fields import Rejected
from flexcheck.emulator.validation import refuse_invalid_parameters
from tests.emulator.emulator_support import RW, Login, bearer

PROGRAM = "ELAVMR0000000001"


def _create(
    client: httpx.Client, emu: Emulator, token: str, parameters: list[dict[str, object]]
) -> httpx.Response:
    body = {
        "programSerialNumber": PROGRAM,
        "name": "n",
        "productTypeId": 1,
        "parameters": parameters,
    }
    return client.post(f"{emu.api_url}/configs/create", json=body, headers=bearer(token))


# What the provider sends for fgt_vm_bundle: every parameter, unset ones as 0, "" or NONE.
def _fgt(
    cpu: object = "2", vdoms: object = 0, services: tuple[str, ...] = ()
) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = [
        {"id": 1, "value": cpu},
        {"id": 2, "value": "FC"},
        {"id": 10, "value": vdoms},
        {"id": 44, "value": "NONE"},
        {"id": 45, "value": "NONE"},
    ]
    entries.extend({"id": 43, "value": s} for s in services or ("NONE",))
    return entries


def test_a_refused_value_is_a_400_naming_the_parameter_id_and_changes_nothing(
    emu: Emulator, client: httpx.Client, login: Login
) -> None:
    token = login(RW)
    before = emu.state_digest()
    response = _create(client, emu, token, _fgt(cpu="128"))
    assert response.status_code == 400
    assert response.json() == {
        "status": -1,
        "message": "Parameter id 1 is invalid: 128 is out of range. Allowed: 1-96.",
    }
    assert emu.state_digest() == before


def test_what_the_provider_sends_for_a_valid_config_is_accepted(
    emu: Emulator, client: httpx.Client, login: Login
) -> None:
    response = _create(client, emu, login(RW), _fgt(vdoms=10, services=("FGTAVDB", "FGTFAIS")))
    assert response.status_code == 200, response.text
    assert response.json()["status"] == 0


@pytest.mark.parametrize(
    ("product", "parameters", "message"),
    [
        (1, _fgt(services=("FGTAVDB", "IPS")), 'Parameter id 43 is invalid: holds "IPS"'),
        (1, _fgt(vdoms=501), "Parameter id 10 is invalid: 501 is out of range"),
        (1, [{"id": 1, "value": ""}, {"id": 2, "value": "FC"}], "Parameter id 1 is required."),
        (
            7,
            [{"id": 21, "value": 4}, {"id": 22, "value": 0}, {"id": 23, "value": "FAZFC247"}],
            "Parameter id 21 is invalid: 4 is out of range",
        ),
        (3, [{"id": 4, "value": "3"}, {"id": 5, "value": "FWBSTD"}], "Parameter id 4 is invalid"),
    ],
)
def test_refusals_in_the_api_style(
    product: int, parameters: list[dict[str, object]], message: str
) -> None:
    with pytest.raises(Rejected) as refused:
        refuse_invalid_parameters(product, parameters)
    assert refused.value.http_status == 400
    assert refused.value.message.startswith(message)


def test_numbers_as_text_and_the_provider_placeholders_pass() -> None:
    refuse_invalid_parameters(1, _fgt(cpu=4, vdoms="12"))
    refuse_invalid_parameters(207, [])  # fortindr_cloud {}: nothing to send
    refuse_invalid_parameters(2, [{"id": 30, "value": 0}, {"id": 9, "value": 0}])  # fmg_vm unset
