"""Finds the checks (built-in and third-party) through one door: the entry-point group."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from flexcheck.core.model import Check
from flexcheck.errors import RegistryError

GROUP = "flexcheck.checks"

CheckType = type[Check[Any]]


@dataclass(frozen=True)
class BrokenPlugin:
    """An entry point that could not be loaded: reported as one clear line, never a traceback."""

    name: str
    value: str
    reason: str


def load_checks(
    eps: Iterable[EntryPoint] | None = None,
) -> tuple[list[CheckType], list[BrokenPlugin]]:
    found, broken = _load_each(entry_points(group=GROUP) if eps is None else eps)
    return ordered(found), broken


def explainable(ids: Collection[str]) -> set[str]:
    """Which of `ids` name a check that loads here, so `flexcheck explain` can describe it.

    Only their entry points are imported: reading a bundle (`inspect`) needs a few checks at
    most, and importing every one of them cost more than the rest of the command.
    """
    found, _ = _load_each(ep for ep in entry_points(group=GROUP) if ep.name in ids)
    return {check.id for check in found}


def _load_each(eps: Iterable[EntryPoint]) -> tuple[list[CheckType], list[BrokenPlugin]]:
    found: list[CheckType] = []
    broken: list[BrokenPlugin] = []
    for ep in eps:
        try:
            loaded = ep.load()
        except Exception as error:  # a third-party pack may fail in any way on import
            broken.append(BrokenPlugin(ep.name, ep.value, f"{type(error).__name__}: {error}"))
            continue
        if not (isinstance(loaded, type) and issubclass(loaded, Check)):
            broken.append(BrokenPlugin(ep.name, ep.value, "it is not a flexcheck Check class"))
            continue
        if loaded.id != ep.name:
            broken.append(
                BrokenPlugin(
                    ep.name, ep.value, f"its id is {loaded.id!r}, not the entry-point name"
                )
            )
            continue
        found.append(loaded)
    return found, broken


def ordered(checks: Sequence[CheckType]) -> list[CheckType]:
    """Validate the graph and sort it: requirements first, ties by `order` then id."""
    by_id: dict[str, CheckType] = {}
    for check in checks:
        if check.id in by_id and by_id[check.id] is not check:
            raise RegistryError(f"two checks share the id {check.id!r}")
        by_id[check.id] = check
    for check in checks:
        for required in check.requires:
            if by_id.get(required.id) is not required:
                raise RegistryError(
                    f"check {check.id!r} requires {required.id!r}, which is not registered"
                )
    result: list[CheckType] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(check: CheckType, path: tuple[str, ...]) -> None:
        if state.get(check.id) == 2:
            return
        if state.get(check.id) == 1:
            raise RegistryError(
                "checks require each other in a cycle: " + " -> ".join((*path, check.id))
            )
        state[check.id] = 1
        for required in sorted(check.requires, key=_rank):
            visit(required, (*path, check.id))
        state[check.id] = 2
        result.append(check)

    for check in sorted(by_id.values(), key=_rank):
        visit(check, ())
    return result


def _rank(check: CheckType) -> tuple[int, str]:
    return (check.order, check.id)


def with_requirements(checks: Sequence[CheckType], wanted: set[str]) -> list[CheckType]:
    """The wanted checks plus everything they need, in registry order."""
    by_id = {c.id: c for c in checks}
    keep: set[str] = set()
    stack = [by_id[i] for i in wanted]
    while stack:
        check = stack.pop()
        if check.id not in keep:
            keep.add(check.id)
            stack.extend(check.requires)
    return [c for c in checks if c.id in keep]
