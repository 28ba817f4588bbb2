"""The group endpoints: entitlements grouped by folder, and the next free VM token of a group."""

from __future__ import annotations

from flexcheck.emulator.endpoints.fields import (
    Json,
    Rejected,
    find_config,
    optional_int,
    optional_str,
)
from flexcheck.emulator.records import Entitlement, TokenStatus
from flexcheck.emulator.state import State


def _groups(state: State, account: int | None) -> dict[str, list[Entitlement]]:
    groups: dict[str, list[Entitlement]] = {}
    for e in state.entitlements.values():
        if account in (None, e.account_id):
            groups.setdefault(e.folder_path, []).append(e)
    return groups


def groups_list(state: State, body: Json) -> Json:
    groups = _groups(state, optional_int(body, "accountId"))
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
    folder = optional_str(body, "folderPath")
    config_id = optional_int(body, "configId")
    account = optional_int(body, "accountId")
    if folder is None and config_id is None:
        raise Rejected(400, "configId or folderPath is required.")
    if config_id is not None:
        find_config(state, body)
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
