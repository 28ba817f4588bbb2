"""The group endpoints: entitlements grouped by folder, and the next free VM token of a group.

`groups/list` is served twice, as the provider calls it: the v1 path (body `{}`) answers every
group without `accountId` (the provider's docs: account_id then reads back as 0), the v2 path
(`{"accountId": n}`) that account's groups with their `accountId`.
"""

from __future__ import annotations

from flexcheck.emulator.endpoints.fields import (
    Json,
    Rejected,
    find_config,
    optional_int,
    optional_str,
)
from flexcheck.emulator.records import Entitlement, EntitlementStatus, TokenStatus
from flexcheck.emulator.state import State

# Unused tokens belong to VMs not yet activated (PENDING) or reactivated ones (ACTIVE).
DEFAULT_TOKEN_STATUSES = (EntitlementStatus.PENDING, EntitlementStatus.ACTIVE)
NO_TOKEN = "No available token for the given criteria."


def _groups(state: State, account: int | None) -> dict[tuple[int, str], list[Entitlement]]:
    groups: dict[tuple[int, str], list[Entitlement]] = {}
    for e in state.entitlements.values():
        if account in (None, e.account_id):
            groups.setdefault((e.account_id, e.folder_path), []).append(e)
    return groups


def _listing(state: State, account: int | None, *, with_account: bool) -> Json:
    listed = []
    for (account_id, path), members in _groups(state, account).items():
        group: Json = {
            "folderPath": path,
            "availableTokens": sum(e.token_status == TokenStatus.NOTUSED for e in members),
            "usedTokens": sum(e.token_status == TokenStatus.USED for e in members),
        }
        if with_account:
            group["accountId"] = account_id
        listed.append(group)
    return {"groups": listed}


def groups_list(state: State, body: Json) -> Json:
    account = optional_int(body, "accountId")
    return _listing(state, account, with_account=account is not None)


def groups_list_v1(state: State, body: Json) -> Json:
    return _listing(state, None, with_account=False)


def _statuses(body: Json) -> tuple[str, ...]:
    value = body.get("status")
    if value is None:
        return tuple(DEFAULT_TOKEN_STATUSES)
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise Rejected(400, "status is invalid.")
    return tuple(value)


def groups_nexttoken(state: State, body: Json) -> Json:
    """One entitlement with an unused token; an error, not `[]`, when there is none.

    The provider's ephemeral resource takes element 0 of the list without a length check, so
    an empty list would crash it; the error reaches the user as a readable message instead.
    """
    folder = optional_str(body, "folderPath")
    config_id = optional_int(body, "configId")
    account = optional_int(body, "accountId")
    statuses = _statuses(body)
    if folder is None and config_id is None and account is None:
        raise Rejected(400, "configId, folderPath or accountId is required.")
    if config_id is not None:
        find_config(state, body)
    for e in state.entitlements.values():
        if (
            e.status in statuses
            and e.token_status == TokenStatus.NOTUSED
            and account in (None, e.account_id)
            and folder in (None, e.folder_path)
            and config_id in (None, e.config_id)
        ):
            return {"entitlements": [e.as_json()]}
    raise Rejected(404, NO_TOKEN)
