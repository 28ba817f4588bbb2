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
    required_int,
    required_str,
)
from flexcheck.emulator.endpoints.parameters import Parameter, stored_parameters
from flexcheck.emulator.products import PRODUCTS
from flexcheck.emulator.state import State
from flexcheck.emulator.validation import refuse_invalid_parameters


def accepted_parameters(product_type_id: int, body: Json) -> list[Parameter] | None:
    """The one place a config's parameters are accepted (create and update): None keeps them.

    Value rules (what FortiFlex allows for each parameter) belong here too, as one more call
    that raises `Rejected` with a `Parameter id N ...` message.
    """
    raw = body.get("parameters")
    if raw is None:
        return None
    kept = stored_parameters(product_type_id, raw)
    refuse_invalid_parameters(product_type_id, kept)
    return kept


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
    if product not in PRODUCTS:
        raise Rejected(400, "productTypeId is invalid.")
    parameters = accepted_parameters(product, body)
    program = find_program(state, body)
    config_id = state.next_config_id()
    config = state.add_config(config_id, name, program.serial_number, product_type_id=product)
    if parameters is not None:
        config.parameters = parameters
    elif product != 1:
        config.parameters = []  # the built-in defaults describe an FGT_VM_Bundle only
    return {"configs": config.as_json()}


def configs_update(state: State, body: Json) -> Json:
    name = optional_str(body, "name")
    config = find_config(state, body, "id")
    parameters = accepted_parameters(config.product_type_id, body)
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
