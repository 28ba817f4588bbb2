"""The configuration endpoints: list, create, update, enable and disable."""

from __future__ import annotations

from flexcheck.emulator.endpoints.fields import (
    Endpoint,
    Json,
    Rejected,
    find_config,
    find_program,
    optional_int,
    optional_str,
    parameters_of,
    required_int,
    required_str,
)
from flexcheck.emulator.records import PRODUCT_TYPES
from flexcheck.emulator.state import State
from flexcheck.emulator.validation import refuse_invalid_parameters


def configs_list(state: State, body: Json) -> Json:
    program = find_program(state, body)
    account = optional_int(body, "accountId")
    configs = [
        c.as_json()
        for c in state.configs.values()
        if c.program_serial == program.serial_number and account in (None, c.account_id)
    ]
    return {"configs": configs}


def configs_create(state: State, body: Json) -> Json:
    name = required_str(body, "name")
    product = required_int(body, "productTypeId")
    parameters = parameters_of(body)
    program = find_program(state, body)
    if product not in PRODUCT_TYPES:
        raise Rejected(400, "productTypeId is invalid.")
    refuse_invalid_parameters(product, parameters)
    config = state.add_config(
        state.next_config_id(), name, program.serial_number, product_type_id=product
    )
    if parameters is not None:
        config.parameters = parameters
    return {"configs": config.as_json()}


def configs_update(state: State, body: Json) -> Json:
    name = optional_str(body, "name")
    parameters = parameters_of(body)
    config = find_config(state, body, "id")
    if name:
        config.name = name
    if parameters is not None:
        config.parameters = parameters
    return {"configs": config.as_json()}


def set_config_status(status: str) -> Endpoint:
    def endpoint(state: State, body: Json) -> Json:
        config = find_config(state, body, "id")
        config.status = status
        return {"configs": config.as_json()}

    return endpoint
