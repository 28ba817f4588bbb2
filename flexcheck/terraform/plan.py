"""What a Terraform plan (`terraform show -json`) will ask of the FortiFlex API."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from flexcheck.terraform.provider import ReadNeed, WriteNeed, is_provider_source, is_provider_type

MAX_PLAN_BYTES = 64 * 1024 * 1024
_WRITE_ACTIONS = frozenset({"create", "update", "delete"})  # delete stops or disables
_CONFIG_ID_KEYS = frozenset({"config_id", "configId"})
_SERIAL_KEYS = frozenset({"program_serial_number", "programSerialNumber"})
_DIGITS = re.compile(r"[0-9]{1,18}")
_SHOW_JSON = "terraform show -json PLANFILE > plan.json"


class PlanError(Exception):
    """The file is not a JSON plan flexcheck can read; `message` tells the user what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ResourceChange:
    address: str
    mode: str  # "managed" or "data"
    type: str
    name: str
    provider_name: str | None
    actions: tuple[str, ...]
    # Planned attribute values: never rendered, they may hold sensitive values.
    after: Mapping[str, Any] | None
    before: Mapping[str, Any] | None
    importing: bool = False  # `change.importing`: an import {} block adopts it (Terraform 1.5+)

    def __repr__(self) -> str:
        return (
            f"ResourceChange(address={self.address!r}, type={self.type!r}, "
            f"actions={self.actions!r})"
        )

    @property
    def is_fortiflex(self) -> bool:
        if self.provider_name:
            return is_provider_source(self.provider_name)
        return is_provider_type(self.type)


@dataclass(frozen=True)
class Plan:
    resource_changes: tuple[ResourceChange, ...]
    terraform_version: str | None
    # The whole JSON, for terraform-secrets to find what it holds in clear: never rendered.
    document: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class ConfigIdReference:
    config_id: int
    address: str


@dataclass(frozen=True)
class SerialReference:
    serial_number: str
    address: str


@dataclass(frozen=True)
class References:
    """FortiFlex ids the plan uses, so a check can ask the API whether they exist."""

    config_ids: tuple[ConfigIdReference, ...]
    program_serial_numbers: tuple[SerialReference, ...]


def read_plan(data: bytes, name: str) -> Plan:
    """Parse `terraform show -json` output. Raises only PlanError."""
    try:
        return _read(data, name)
    except PlanError:
        raise
    except RecursionError:
        raise PlanError(f"{name}: the JSON is nested too deeply to read") from None


def _read(data: bytes, name: str) -> Plan:
    if len(data) > MAX_PLAN_BYTES:
        raise PlanError(f"{name}: larger than {MAX_PLAN_BYTES // (1024 * 1024)} MiB; not a plan")
    if data.startswith(b"PK"):
        raise PlanError(
            f"{name} is a binary plan file (as `terraform plan -out` writes). "
            f"Convert it first: {_SHOW_JSON.replace('PLANFILE', name)}"
        )
    if not data.strip():
        raise PlanError(
            f"{name} is empty: the command that should have written it printed nothing "
            f"(did `terraform show -json` fail?). Run {_SHOW_JSON}"
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise PlanError(f"{name}: not UTF-8 text, so not a JSON plan. Run {_SHOW_JSON}") from None
    except json.JSONDecodeError as e:
        raise PlanError(
            f"{name}: invalid JSON (line {e.lineno}: {e.msg}). Run {_SHOW_JSON}"
        ) from None
    except ValueError:  # e.g. a number longer than Python will convert
        raise PlanError(
            f"{name}: JSON with a value that cannot be read. Run {_SHOW_JSON}"
        ) from None
    if not isinstance(document, dict):
        raise PlanError(
            f"{name}: a JSON plan is an object, this is a {_json_type(document)}. Run {_SHOW_JSON}"
        )
    if "resource_changes" not in document and "planned_values" not in document:
        if _is_state(document):
            raise PlanError(
                f"{name} is Terraform state, not a plan: it shows what exists, not what apply "
                f"will change. Run `terraform plan -out PLANFILE` then {_SHOW_JSON}"
            )
        raise PlanError(
            f"{name}: JSON without `resource_changes` or `planned_values`, so not a plan. "
            f"Run {_SHOW_JSON}"
        )
    version = document.get("terraform_version")
    changes = document.get("resource_changes", [])
    if not isinstance(changes, list):
        raise PlanError(f"{name}: `resource_changes` is not a list")
    return Plan(
        tuple(_change(name, i, entry) for i, entry in enumerate(changes)),
        version if isinstance(version, str) else None,
        document,
    )


def _is_state(document: Mapping[str, Any]) -> bool:
    raw_state = "resources" in document and ("serial" in document or "lineage" in document)
    shown_state = "values" in document and "format_version" in document
    return raw_state or shown_state


def _json_type(value: object) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null"
    )


def _change(name: str, index: int, entry: object) -> ResourceChange:
    where = f"{name}: resource_changes[{index}]"
    if not isinstance(entry, dict):
        raise PlanError(f"{where} is not an object")
    fields = {key: entry.get(key) for key in ("address", "mode", "type", "name")}
    for key, value in fields.items():
        if not isinstance(value, str):
            raise PlanError(f"{where}: `{key}` is missing or not a string")
    provider = entry.get("provider_name")
    change = entry.get("change")
    if not isinstance(change, dict):
        raise PlanError(f"{where}: `change` is missing or not an object")
    actions = change.get("actions")
    if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
        raise PlanError(f"{where}: `change.actions` is not a list of strings")
    after, before = change.get("after"), change.get("before")
    return ResourceChange(
        address=fields["address"] or "",
        mode=fields["mode"] or "",
        type=fields["type"] or "",
        name=fields["name"] or "",
        provider_name=provider if isinstance(provider, str) else None,
        actions=tuple(actions),
        after=after if isinstance(after, dict) else None,
        before=before if isinstance(before, dict) else None,
        importing=isinstance(change.get("importing"), dict),
    )


def fortiflex_writes(plan: Plan) -> tuple[WriteNeed, ...]:
    """FortiFlex resources that apply will create, update or destroy (a destroy stops too).

    A `create` of a fortiflexvm_config with `config_id` is an adoption: the provider only lists
    it (provider-api.md 4), unless a `status` is set that it may have to enforce."""
    return tuple(
        WriteNeed(c.address, c.type, c.actions, note=_write_note(c))
        for c in plan.resource_changes
        if c.is_fortiflex
        and c.mode == "managed"
        and _WRITE_ACTIONS.intersection(c.actions)
        and not _adopts_only(c)
    )


def fortiflex_reads(plan: Plan) -> tuple[ReadNeed, ...]:
    """FortiFlex data sources the plan reads (now, or during apply when marked `read`), and
    resources it adopts without writing."""
    return tuple(
        ReadNeed(c.address, c.type, note=_read_note(c))
        for c in plan.resource_changes
        if c.is_fortiflex
        and (c.mode == "data" or "read" in c.actions or _adopts_only(c) or _imported_only(c))
    )


def _config_id(change: ResourceChange) -> int | None:
    if change.type != "fortiflexvm_config" or change.after is None:
        return None
    config_id = _as_int(change.after.get("config_id"))
    return config_id or None


def _adopts_only(change: ResourceChange) -> bool:
    return (
        change.actions == ("create",)
        and _config_id(change) is not None
        and change.after is not None
        and change.after.get("status") is None
    )


def _imported_only(change: ResourceChange) -> bool:
    return change.importing and not _WRITE_ACTIONS.intersection(change.actions)


def _read_note(change: ResourceChange) -> str | None:
    if _adopts_only(change):
        return (
            f"a create with config_id = {_config_id(change)}: the provider adopts the existing "
            "config and only reads it; the next apply updates its name and parameters "
            "(configs/update, a write that needs ReadWrite)"
        )
    if _imported_only(change):
        return "imported by an import block: reads only"
    return None


def _write_note(change: ResourceChange) -> str | None:
    if change.importing:
        return "imported, then changed in this same apply"
    if _config_id(change) is not None and "create" in change.actions:
        return (
            f"adopts config {_config_id(change)}; its `status` makes the provider enable or "
            "disable it when FortiFlex holds another one"
        )
    serial = change.after.get("serial_number") if change.after else None
    if "create" in change.actions and isinstance(serial, str) and serial:
        return "adopts the existing entitlement, then always sends entitlements/update"
    return None


def plan_references(plan: Plan) -> References:
    config_ids: dict[ConfigIdReference, None] = {}
    serials: dict[SerialReference, None] = {}
    for change in plan.resource_changes:
        if not change.is_fortiflex or change.after is None:
            continue
        for key, value in _walk(change.after):
            if key in _CONFIG_ID_KEYS and (config_id := _as_int(value)) is not None:
                config_ids[ConfigIdReference(config_id, change.address)] = None
            elif key in _SERIAL_KEYS and isinstance(value, str) and value.strip():
                serials[SerialReference(value.strip(), change.address)] = None
    return References(tuple(config_ids), tuple(serials))


def _walk(value: object, depth: int = 0) -> Iterator[tuple[str, object]]:
    if depth > 50:  # planned values are shallow; this only guards against a crafted file
        return
    if isinstance(value, dict):
        for key, inner in value.items():
            yield str(key), inner
            yield from _walk(inner, depth + 1)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner, depth + 1)


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    return None
