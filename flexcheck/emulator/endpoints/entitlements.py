"""The entitlement endpoints: list, points, create (VM, hardware, cloud), update, stop, token."""

from __future__ import annotations

from datetime import UTC, datetime

from flexcheck.emulator.endpoints.fields import (
    Endpoint,
    Json,
    Rejected,
    as_api_date,
    find_config,
    find_entitlement,
    find_program,
    optional_date,
    optional_int,
    optional_str,
    required_date,
    required_int,
)
from flexcheck.emulator.records import (
    Config,
    Entitlement,
    EntitlementStatus,
    TokenStatus,
    fortiflex_date,
    new_vm_token,
)
from flexcheck.emulator.state import State

# The filters the provider's data source leaves to the server, by request key.
_FILTERS = {
    "serialNumber": "serial_number",
    "status": "status",
    "description": "description",
    "tokenStatus": "token_status",
}


def _entitlements_of(state: State, body: Json) -> list[Entitlement]:
    wanted = {attr: optional_str(body, key) for key, attr in _FILTERS.items()}
    account = optional_int(body, "accountId")
    if body.get("configId") is None and body.get("programSerialNumber") is not None:
        program = find_program(state, body)
        ids = {c.id for c in state.configs.values() if c.program_serial == program.serial_number}
    else:
        ids = {find_config(state, body).id}  # configId may come as "101": the provider sends both
    if wanted["serial_number"] is not None:
        # The provider's import looks a serial up under its *new* config_id ("New config_id value
        # or unchanged", its docs), so a serial is found whichever config holds it.
        ids = {c.id for c in state.configs.values()}
    return [
        e
        for e in state.entitlements.values()
        if e.config_id in ids
        and account in (None, e.account_id)
        and all(value is None or getattr(e, attr) == value for attr, value in wanted.items())
    ]


def entitlements_list(state: State, body: Json) -> Json:
    """Always a list, `[]` when nothing matches: the provider's retrieve_vm_group panics on null."""
    return {"entitlements": [e.as_json() for e in _entitlements_of(state, body)]}


def entitlements_points(state: State, body: Json) -> Json:
    start = required_date(body, "startDate")
    end = required_date(body, "endDate")
    config = find_config(state, body)
    days = max((end - start).days + 1, 0)
    return {
        "entitlements": [
            {
                "serialNumber": e.serial_number,
                "points": round(4.84 * days, 2),
                "accountId": e.account_id,
            }
            for e in state.entitlements.values()
            if e.config_id == config.id
        ]
    }


def _active_config(state: State, body: Json) -> Config:
    config = find_config(state, body)
    if config.status != "ACTIVE":
        raise Rejected(400, "Config is disabled.")
    return config


def _create(
    state: State,
    body: Json,
    serials: list[str | None],
    status: EntitlementStatus = EntitlementStatus.ACTIVE,
    *,
    vm_token: bool = True,
) -> Json:
    end = as_api_date(optional_date(body, "endDate"))
    description = optional_str(body, "description") or ""
    folder = optional_str(body, "folderPath")
    config = _active_config(state, body)
    created = []
    for serial in serials:
        e = state.add_entitlement(
            config.id,
            serial_number=serial,
            status=status,
            end_date=end,
            description=description,
            with_token=vm_token,
        )
        if folder:
            e.folder_path = folder
        created.append(e.as_json())
    return {"entitlements": created}


def entitlements_vm_create(state: State, body: Json) -> Json:
    """New VMs are PENDING until their token is used, or ACTIVE at once with `skipPending`."""
    count = optional_int(body, "count") or 1
    if not 1 <= count <= 1000:
        raise Rejected(400, "count is invalid.")
    skip = body.get("skipPending", False)
    if not isinstance(skip, bool):
        raise Rejected(400, "skipPending is invalid.")
    status = EntitlementStatus.ACTIVE if skip else EntitlementStatus.PENDING
    return _create(state, body, [None] * count, status)


def entitlements_cloud_create(state: State, body: Json) -> Json:
    return _create(state, body, [None])


def entitlements_hardware_create(state: State, body: Json) -> Json:
    serials = body.get("serialNumbers")
    if not serials:
        raise Rejected(400, "serialNumbers is required.")
    if not isinstance(serials, list) or not all(isinstance(s, str) and s for s in serials):
        raise Rejected(400, "serialNumbers is invalid.")
    return _create(state, body, list(serials), vm_token=False)


def entitlements_update(state: State, body: Json) -> Json:
    description = optional_str(body, "description")
    end = as_api_date(optional_date(body, "endDate"))
    entitlement = find_entitlement(state, body)
    if body.get("configId") is not None:
        entitlement.config_id = find_config(state, body).id
    if description is not None:
        entitlement.description = description
    if end is not None:
        entitlement.end_date = end
    return {"entitlements": [entitlement.as_json()]}


def set_entitlement_status(status: EntitlementStatus) -> Endpoint:
    """stop, and reactivate; a PENDING VM stays PENDING (only using its token activates it)."""

    def endpoint(state: State, body: Json) -> Json:
        entitlement = find_entitlement(state, body)
        if entitlement.status == EntitlementStatus.EXPIRED:
            raise Rejected(400, "Entitlement is expired.")
        pending = entitlement.status == EntitlementStatus.PENDING
        if not (pending and status is EntitlementStatus.ACTIVE):
            entitlement.status = status
        return {"entitlements": [entitlement.as_json()]}

    return endpoint


def entitlements_vm_token(state: State, body: Json) -> Json:
    entitlement = find_entitlement(state, body)
    entitlement.token = new_vm_token()
    entitlement.token_status = TokenStatus.NOTUSED
    return {"entitlements": [entitlement.as_json()]}


def entitlements_transfer(state: State, body: Json) -> Json:
    account = required_int(body, "accountId")
    entitlement = find_entitlement(state, body)
    entitlement.account_id = account
    entitlement.start_date = fortiflex_date(datetime.now(UTC).replace(microsecond=0))
    return {"entitlements": [entitlement.as_json()]}
