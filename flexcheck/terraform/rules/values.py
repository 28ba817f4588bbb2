"""How Terraform turns a written value into what the provider sends: text and numbers convert."""

from __future__ import annotations

import re

_WHOLE = re.compile(r"\s*[+-]?\d{1,15}\s*")
_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")


def as_whole(value: object) -> int | None:
    """A whole number written as a number or as text ("2"); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return int(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        number = float(value)
        return int(number) if number.is_integer() else None
    return None


def as_text(value: object) -> str | None:
    """The string Terraform makes of a primitive (2 -> "2", true -> "true"); None for a list."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    return None


def as_items(value: object) -> tuple[str, ...] | None:
    """A list of strings; a single string is not a list (Terraform refuses it)."""
    if not isinstance(value, tuple | list):
        return None
    items = tuple(as_text(v) for v in value)
    return None if any(i is None for i in items) else tuple(i for i in items if i is not None)


def shown(value: object) -> str:
    """A value for a message: quoted text, short enough for one line."""
    if isinstance(value, tuple | list):
        text = "[" + ", ".join(shown(v) for v in value) + "]"
    elif isinstance(value, str):
        text = f'"{value}"'
    else:
        text = as_text(value) or repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
