"""The planned values (`change.after`) of the fortiflexvm_* resources a plan changes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from flexcheck.terraform.plan import Plan
from flexcheck.terraform.resource_values import BlockValues, ResourceValues
from flexcheck.terraform.value_scope import Setting

_INSTANCE_KEY = re.compile(r"\[[^\]]*\]")
_CHANGING = frozenset({"create", "update"})


def module_of(address: str) -> str:
    """`module.a["x"].module.b.fortiflexvm_config.c[0]` -> `module.a.module.b` (no keys)."""
    parts = _INSTANCE_KEY.sub("", address).split(".")
    kept: list[str] = []
    while len(parts) >= 2 and parts[0] == "module":
        kept.extend(parts[:2])
        parts = parts[2:]
    return ".".join(kept)


def planned_resources(plan: Plan) -> Iterator[ResourceValues]:
    """Resources apply will create or update; unknown values are absent from `after`."""
    for change in plan.resource_changes:
        if not change.is_fortiflex or change.mode != "managed" or change.after is None:
            continue
        if not _CHANGING.intersection(change.actions):
            continue
        settings: dict[str, Setting] = {}
        blocks: dict[str, tuple[BlockValues, ...]] = {}
        for key, value in change.after.items():
            if value is None:
                continue
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                blocks[key] = tuple(_block(v) for v in value)
            elif isinstance(value, list) and not value:
                continue  # an unset nested block, or an empty list Terraform would send as NONE
            else:
                settings[key] = Setting(_plain(value))
        yield ResourceValues(
            "resource",
            change.type,
            change.name,
            module_of(change.address),
            None,
            None,
            settings,
            blocks,
            origin="plan",
            plan_address=change.address,
            actions=change.actions,
            before=change.before if "update" in change.actions else None,
        )


def _block(values: Mapping[str, Any]) -> BlockValues:
    return BlockValues({k: Setting(_plain(v)) for k, v in values.items() if v is not None})


def _plain(value: Any) -> object:
    return tuple(value) if isinstance(value, list) else value
