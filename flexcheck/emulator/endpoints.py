"""The FortiFlex v2 endpoints: what each one reads from or does to the emulated account.

Each endpoint takes the parsed JSON object and returns the payload merged into the success
envelope, or raises `Rejected`. Validation comes before lookups: a missing or ill-typed field
is HTTP 400 `"<field> is required."` / `"<field> is invalid."`; a referenced object that does
not exist is HTTP 404 `"Program not found."`, `"Config not found."`, `"Entitlement not found."`.
Writes really change the state, so `Emulator.state_digest()` shows that a write happened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from flexcheck.emulator.state import (
    PRODUCT_TYPES,
    Config,
    Entitlement,
    Program,
    State,
    TokenStatus,
    fortiflex_date,
    new_vm_token,
)

Json = dict[str, Any]
Endpoint = Callable[[State, Json], Json]


class Rejected(Exception):
    """An expected refusal; becomes `{"status": -1, "message": ...}` with this HTTP status."""

    def __init__(self, http_status: int, message: str) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.message = message


# -- field access ----------------------------------------------------------------------


def _opt_int(body: Json, key: str) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected(400, f"{key} is invalid.")
    return value


def _int(body: Json, key: str) -> int:
    value = _opt_int(body, key)
    if value is None:
        raise Rejected(400, f"{key} is required.")
    return value


def _opt_str(body: Json, key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Rejected(400, f"{key} is invalid.")
    return value


def _str(body: Json, key: str) -> str:
    value = _opt_str(body, key)
    if not value:
        raise Rejected(400, f"{key} is required.")
    return value


def _opt_date(body: Json, key: str) -> date | None:
    value = _opt_str(body, key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise Rejected(400, f"{key} is invalid.") from None


def _date(body: Json, key: str) -> date:
    value = _opt_date(body, key)
    if value is None:
        raise Rejected(400, f"{key} is required.")
    return value


def _as_api_date(day: date | None) -> str | None:
    return f"{day.isoformat()}T00:00:00.000" if day else None


def _program(state: State, body: Json, key: str = "programSerialNumber") -> Program:
    program = state.programs.get(_str(body, key))
    if program is None:
        raise Rejected(404, "Program not found.")
    return program


def _config(state: State, body: Json, key: str = "configId") -> Config:
    config = state.configs.get(_int(body, key))
    if config is None:
        raise Rejected(404, "Config not found.")
    return config


def _entitlement(state: State, body: Json) -> Entitlement:
    entitlement = state.entitlements.get(_str(body, "serialNumber"))
    if entitlement is None:
        raise Rejected(404, "Entitlement not found.")
    return entitlement


def _parameters(body: Json) -> list[dict[str, object]] | None:
    value = body.get("parameters")
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        raise Rejected(400, "parameters is invalid.")
    return [dict(p) for p in value]


# -- reads -----------------------------------------------------------------------------


def programs_list(state: State, body: Json) -> Json:
    return {"programs": [p.as_json() for p in state.programs.values()]}


def configs_list(state: State, body: Json) -> Json:
    program = _program(state, body)
    account = _opt_int(body, "accountId")
    configs = [
        c.as_json()
        for c in state.configs.values()
        if c.program_serial == program.serial_number and account in (None, c.account_id)
    ]
    return {"configs": configs}


def _entitlements_of(state: State, body: Json) -> list[Entitlement]:
    if body.get("configId") is None and body.get("programSerialNumber") is not None:
        program = _program(state, body)
        ids = {c.id for c in state.configs.values() if c.program_serial == program.serial_number}
    else:
        ids = {_config(state, body).id}
    return [e for e in state.entitlements.values() if e.config_id in ids]


def entitlements_list(state: State, body: Json) -> Json:
    return {"entitlements": [e.as_json() for e in _entitlements_of(state, body)]}


def entitlements_points(state: State, body: Json) -> Json:
    start = _date(body, "startDate")
    end = _date(body, "endDate")
    config = _config(state, body)
    days = max((end - start).days + 1, 0)
    return {
        "entitlements": [
            {"serialNumber": e.serial_number, "points": round(4.84 * days, 2)}
            for e in state.entitlements.values()
            if e.config_id == config.id
        ]
    }


def _groups(state: State, account: int | None) -> dict[str, list[Entitlement]]:
    groups: dict[str, list[Entitlement]] = {}
    for e in state.entitlements.values():
        if account in (None, e.account_id):
            groups.setdefault(e.folder_path, []).append(e)
    return groups


def groups_list(state: State, body: Json) -> Json:
    groups = _groups(state, _opt_int(body, "accountId"))
    return {
        "groups": [
            {
                "folderPath": path,
                "availableTokens": sum(e.token_status == TokenStatus.NOTUSED for e in members),
                "usedTokens": sum(e.token_status == TokenStatus.USED for e in members),
            }
            for path, members in groups.items()
        ]
    }


def groups_nexttoken(state: State, body: Json) -> Json:
    """An unused token of an active entitlement; an empty list when there is none."""
    folder = _opt_str(body, "folderPath")
    config_id = _opt_int(body, "configId")
    account = _opt_int(body, "accountId")
    if folder is None and config_id is None:
        raise Rejected(400, "configId or folderPath is required.")
    if config_id is not None:
        _config(state, body)
    for e in state.entitlements.values():
        if (
            e.status == "ACTIVE"
            and e.token_status == TokenStatus.NOTUSED
            and account in (None, e.account_id)
            and folder in (None, e.folder_path)
            and config_id in (None, e.config_id)
        ):
            return {"entitlements": [e.as_json()]}
    return {"entitlements": []}


def tools_calc(state: State, body: Json) -> Json:
    count = _int(body, "count")
    product = _int(body, "productTypeId")
    _program(state, body)
    if product not in PRODUCT_TYPES:
        raise Rejected(400, "productTypeId is invalid.")
    return {"points": {"current": round(4.84 * max(count, 0), 2)}}


# -- writes ----------------------------------------------------------------------------


def configs_create(state: State, body: Json) -> Json:
    name = _str(body, "name")
    product = _int(body, "productTypeId")
    parameters = _parameters(body)
    program = _program(state, body)
    if product not in PRODUCT_TYPES:
        raise Rejected(400, "productTypeId is invalid.")
    config = state.add_config(
        state.next_config_id(), name, program.serial_number, product_type_id=product
    )
    if parameters is not None:
        config.parameters = parameters
    return {"configs": config.as_json()}


def configs_update(state: State, body: Json) -> Json:
    name = _opt_str(body, "name")
    parameters = _parameters(body)
    config = _config(state, body, "id")
    if name:
        config.name = name
    if parameters is not None:
        config.parameters = parameters
    return {"configs": config.as_json()}


def _set_config_status(status: str) -> Endpoint:
    def endpoint(state: State, body: Json) -> Json:
        config = _config(state, body, "id")
        config.status = status
        return {"configs": config.as_json()}

    return endpoint


def _active_config(state: State, body: Json) -> Config:
    config = _config(state, body)
    if config.status != "ACTIVE":
        raise Rejected(400, "Config is disabled.")
    return config


def _create(state: State, body: Json, serials: list[str | None]) -> Json:
    end = _as_api_date(_opt_date(body, "endDate"))
    description = _opt_str(body, "description") or ""
    folder = _opt_str(body, "folderPath")
    config = _active_config(state, body)
    created = []
    for serial in serials:
        e = state.add_entitlement(
            config.id, serial_number=serial, end_date=end, description=description
        )
        if folder:
            e.folder_path = folder
        created.append(e.as_json())
    return {"entitlements": created}


def entitlements_vm_create(state: State, body: Json) -> Json:
    count = _opt_int(body, "count") or 1
    if not 1 <= count <= 1000:
        raise Rejected(400, "count is invalid.")
    return _create(state, body, [None] * count)


def entitlements_cloud_create(state: State, body: Json) -> Json:
    return _create(state, body, [None])


def entitlements_hardware_create(state: State, body: Json) -> Json:
    serials = body.get("serialNumbers")
    if not serials:
        raise Rejected(400, "serialNumbers is required.")
    if not isinstance(serials, list) or not all(isinstance(s, str) and s for s in serials):
        raise Rejected(400, "serialNumbers is invalid.")
    return _create(state, body, list(serials))


def entitlements_update(state: State, body: Json) -> Json:
    description = _opt_str(body, "description")
    end = _as_api_date(_opt_date(body, "endDate"))
    entitlement = _entitlement(state, body)
    if body.get("configId") is not None:
        entitlement.config_id = _config(state, body).id
    if description is not None:
        entitlement.description = description
    if end is not None:
        entitlement.end_date = end
    return {"entitlements": [entitlement.as_json()]}


def _set_entitlement_status(status: str) -> Endpoint:
    def endpoint(state: State, body: Json) -> Json:
        entitlement = _entitlement(state, body)
        entitlement.status = status
        return {"entitlements": [entitlement.as_json()]}

    return endpoint


def entitlements_vm_token(state: State, body: Json) -> Json:
    entitlement = _entitlement(state, body)
    entitlement.token = new_vm_token()
    entitlement.token_status = TokenStatus.NOTUSED
    return {"entitlements": [entitlement.as_json()]}


def entitlements_transfer(state: State, body: Json) -> Json:
    account = _int(body, "accountId")
    entitlement = _entitlement(state, body)
    entitlement.account_id = account
    entitlement.start_date = fortiflex_date(datetime.now(UTC).replace(microsecond=0))
    return {"entitlements": [entitlement.as_json()]}


READS: dict[str, Endpoint] = {
    "programs/list": programs_list,
    "configs/list": configs_list,
    "entitlements/list": entitlements_list,
    "entitlements/points": entitlements_points,
    "groups/list": groups_list,
    "groups/nexttoken": groups_nexttoken,
    "tools/calc": tools_calc,
}

WRITES: dict[str, Endpoint] = {
    "configs/create": configs_create,
    "configs/update": configs_update,
    "configs/enable": _set_config_status("ACTIVE"),
    "configs/disable": _set_config_status("DISABLED"),
    "entitlements/vm/create": entitlements_vm_create,
    "entitlements/hardware/create": entitlements_hardware_create,
    "entitlements/cloud/create": entitlements_cloud_create,
    "entitlements/update": entitlements_update,
    "entitlements/stop": _set_entitlement_status("STOPPED"),
    "entitlements/reactivate": _set_entitlement_status("ACTIVE"),
    "entitlements/vm/token": entitlements_vm_token,
    "entitlements/transfer": entitlements_transfer,
}
