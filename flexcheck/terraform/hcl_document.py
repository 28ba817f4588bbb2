"""What a parsed Terraform file is: blocks, attributes and values, whichever parser read it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Syntax = Literal["hcl", "json"]


class HclSyntaxError(Exception):
    """A file that does not parse. The message never quotes the file's content."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Block:
    """One block with its labels unquoted; `body` values are as the parser gave them."""

    type: str
    labels: tuple[str, ...]
    body: Mapping[str, Any] = field(repr=False)  # may hold a literal password
    syntax: Syntax
    line: int | None = None
    attribute_lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, attribute: str) -> int | None:
        return self.attribute_lines.get(attribute, self.line)


@dataclass(frozen=True)
class Document:
    """A parsed file: its top-level blocks in source order and its top-level attributes."""

    blocks: tuple[Block, ...]
    attributes: Mapping[str, Any] = field(repr=False)
    syntax: Syntax
    attribute_lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Value:
    """What an attribute's value is, as far as can be told without evaluating it."""

    kind: Literal["literal", "variable", "expression", "null"]
    text: str | None = field(default=None, repr=False)  # the literal's value: never print it
    variable: str | None = None  # set for `var.NAME`, and for an expression using exactly one
