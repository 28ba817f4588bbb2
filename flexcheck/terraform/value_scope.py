"""What an argument's value is before apply: a literal, a variable or local traced to one, or not
known (another resource's attribute, a function call, a variable nothing sets)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flexcheck.terraform import hcl

_LOCAL = re.compile(r"\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*")
# `fortiflexvm_config.lic.id`, `fortiflexvm_config.lic[0].id`, `module.x.output`: known after apply.
_REFERENCE = re.compile(
    r"\s*((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.[A-Za-z_][\w-]*\s*"
)
_MAX_DEPTH = 8  # a local that names a local that names ... stops here (Terraform refuses cycles)


@dataclass(frozen=True)
class Setting:
    """One argument as written: its value where known before apply, else why it is not."""

    value: object = None  # str, int, float, bool or a tuple of them; None: unset or unknown
    unknown: str | None = None  # set: not known before apply, and why
    line: int | None = None
    refers_to: str | None = None  # the resource whose attribute the value is, if one

    @property
    def known(self) -> bool:
        return self.unknown is None

    @property
    def is_set(self) -> bool:
        return self.unknown is not None or self.value is not None


@dataclass
class Scope:
    """The names a module's expressions can use, and where their values come from."""

    syntax: hcl.Syntax = "hcl"
    variables: dict[str, Setting] = field(default_factory=dict)
    locals: dict[str, tuple[Any, hcl.Syntax]] = field(default_factory=dict)

    def decode(
        self, raw: Any, line: int | None = None, syntax: hcl.Syntax | None = None
    ) -> Setting:
        return _decode(self, raw, syntax or self.syntax, line, 0)


def unknown(reason: str, line: int | None = None, refers_to: str | None = None) -> Setting:
    return Setting(None, reason, line, refers_to)


def _decode(scope: Scope, raw: Any, syntax: hcl.Syntax, line: int | None, depth: int) -> Setting:
    if depth > _MAX_DEPTH:
        return unknown("built from names that refer to each other", line)
    if raw is None or isinstance(raw, bool | int | float):
        return Setting(raw, line=line)
    if isinstance(raw, list):
        items = [_decode(scope, item, syntax, line, depth + 1) for item in raw]
        missing = next((i for i in items if not i.known), None)
        if missing is not None:
            return unknown(missing.unknown or "", line, missing.refers_to)
        return Setting(tuple(i.value for i in items), line=line)
    if isinstance(raw, dict):
        return unknown("an object value", line)
    value = hcl.classify(raw, syntax)
    if value.kind == "literal":
        return Setting(value.text, line=line)
    if value.kind == "variable" and value.variable is not None:
        found = scope.variables.get(value.variable)
        if found is None:
            return unknown(f"var.{value.variable} is not declared", line)
        return Setting(found.value, found.unknown, line, found.refers_to)
    inner = _expression(str(raw), syntax)
    if match := _LOCAL.fullmatch(inner):
        local = scope.locals.get(match.group(1))
        if local is None:
            return unknown(f"local.{match.group(1)} is not defined", line)
        decoded = _decode(scope, local[0], local[1], line, depth + 1)
        return Setting(decoded.value, decoded.unknown, line, decoded.refers_to)
    if match := _REFERENCE.fullmatch(inner):
        target = match.group(1)
        if not target.startswith(("var.", "local.", "count.", "each.", "path.", "terraform.")):
            return unknown(f"comes from {target}, known after apply", line, target)
    return unknown("an expression Terraform works out during plan", line)


def _expression(raw: str, syntax: hcl.Syntax) -> str:
    text = raw
    if syntax == "hcl" and len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    if text.startswith("${") and text.endswith("}") and text.count("${") == 1:
        return text[2:-1]
    return text


def env_setting(name: str, env: Mapping[str, str]) -> Setting | None:
    """`TF_VAR_name` as Terraform reads it: text for a primitive, an expression otherwise."""
    text = env.get(f"TF_VAR_{name}")
    if text is None:
        return None
    if text.lstrip().startswith(("[", "{")):
        return unknown(f"TF_VAR_{name} holds a list or object, not read here")
    return Setting(text)
