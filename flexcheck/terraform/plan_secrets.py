"""Where a plan JSON holds secrets in clear: `terraform show -json` writes them out as they are."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from flexcheck.secrets.secret import Secret

_SECRET_WORDS = ("password", "secret", "token")


@dataclass(frozen=True)
class PlanSecret:
    """A JSON path and what the value there is. Never the value."""

    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


def plan_secrets(
    document: Mapping[str, Any], known: tuple[Secret, ...] = ()
) -> tuple[PlanSecret, ...]:
    """The provider passwords, sensitive variables and sensitive attributes written in clear,
    and any place that holds one of the `known` passwords (e.g. FORTIFLEX_ACCESS_PASSWORD)."""
    found = [*_provider_literals(document), *_variables(document), *_attributes(document)]
    values = {s.reveal() for s in known if s.reveal()}
    if values:
        named = {f.path for f in found}
        found.extend(
            PlanSecret(path, "the API password, in clear")
            for path, value in _strings(document, "")
            if value in values and path not in named
        )
    return tuple(dict.fromkeys(found))


def _is_secret_name(name: str) -> bool:
    return any(word in name.lower() for word in _SECRET_WORDS)


def _provider_literals(document: Mapping[str, Any]) -> Iterator[PlanSecret]:
    configs = _get(document, "configuration", "provider_config")
    for key, config in configs.items() if isinstance(configs, dict) else ():
        expressions = config.get("expressions") if isinstance(config, dict) else None
        for name, expression in expressions.items() if isinstance(expressions, dict) else ():
            value = expression.get("constant_value") if isinstance(expression, dict) else None
            if _is_secret_name(str(name)) and isinstance(value, str) and value:
                yield PlanSecret(
                    f"configuration.provider_config.{key}.expressions.{name}.constant_value",
                    f"the provider block's {name}, written as a literal",
                )


def _variables(document: Mapping[str, Any]) -> Iterator[PlanSecret]:
    declared = _get(document, "configuration", "root_module", "variables")
    declared = declared if isinstance(declared, dict) else {}
    values = document.get("variables")
    for name, entry in values.items() if isinstance(values, dict) else ():
        value = entry.get("value") if isinstance(entry, dict) else None
        spec = declared.get(name)
        sensitive = isinstance(spec, dict) and spec.get("sensitive") is True
        if value not in (None, "") and (sensitive or _is_secret_name(str(name))):
            what = "sensitive variable" if sensitive else "variable"
            yield PlanSecret(f"variables.{name}.value", f"{what} {name!r}, in clear")


def _attributes(document: Mapping[str, Any]) -> Iterator[PlanSecret]:
    changes = document.get("resource_changes")
    for index, entry in enumerate(changes if isinstance(changes, list) else ()):
        change = entry.get("change") if isinstance(entry, dict) else None
        if not isinstance(change, dict):
            continue
        address = entry.get("address", "?")
        for side in ("after", "before"):
            marks = change.get(f"{side}_sensitive")
            for path in _marked(change.get(side), marks, ""):
                yield PlanSecret(
                    f"resource_changes[{index}].change.{side}{path}",
                    f"sensitive attribute of {address}, in clear",
                )


def _marked(value: object, marks: object, path: str) -> Iterator[str]:
    if marks is True:
        if value not in (None, "", [], {}):
            yield path
    elif isinstance(marks, dict) and isinstance(value, dict):
        for key, inner in marks.items():
            yield from _marked(value.get(key), inner, f"{path}.{key}")
    elif isinstance(marks, list) and isinstance(value, list):
        for i, (inner, mark) in enumerate(zip(value, marks, strict=False)):
            yield from _marked(inner, mark, f"{path}[{i}]")


def _strings(value: object, path: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    if depth > 64:  # plans are shallow; this only guards against a crafted file
        return
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, f"{path}[{i}]", depth + 1)


def _get(document: Mapping[str, Any], *keys: str) -> object:
    value: object = document
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value
