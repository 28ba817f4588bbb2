"""HCL native syntax through python-hcl2 and its lark tree, kept apart so it loads on demand."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import hcl2
from lark import Token, Tree

from flexcheck.terraform.hcl_document import Block, Document, HclSyntaxError

_OPTIONS = hcl2.SerializationOptions(
    with_comments=False,
    explicit_blocks=False,  # otherwise every block body carries an "__is_block__" key
    preserve_heredocs=False,  # otherwise a heredoc loads as '"<<EOT\n...\nEOT"'
)


def describe_error(error: Exception) -> tuple[str, int | None]:
    # Lark's own messages quote the offending token, which may be part of a password.
    line = getattr(error, "line", None)
    line = line if isinstance(line, int) and line > 0 else None
    column = getattr(error, "column", None)
    where = f" at line {line}" if line is not None else ""
    where += f", column {column}" if line is not None and isinstance(column, int) else ""
    token = getattr(error, "token", None)
    if isinstance(token, Token):
        what = "end of file" if token.type == "$END" else f"token {token.type}"
        return f"syntax error: unexpected {what}{where}", line
    if hasattr(error, "char"):
        return f"syntax error: unexpected character{where}", line
    return f"could not be read as HCL ({type(error).__name__})", line


def parse_native(text: str) -> Document:
    tree = hcl2.parses_to_tree(text)
    data = hcl2.serialize(hcl2.transform(tree), serialization_options=_OPTIONS)
    if not isinstance(data, dict):
        raise HclSyntaxError("unexpected parser output", None)
    blocks: list[Block] = []
    seen: dict[str, int] = {}
    top_lines: dict[str, int] = {}
    for node in _body_children(tree):
        if node.data == "attribute":
            name = _identifier(node.children[0])
            if name is not None:
                top_lines[name] = _line(node) or 0
            continue
        if node.data != "block":
            continue
        block_type, labels = _block_header(node)
        index = seen.get(block_type, 0)
        seen[block_type] = index + 1
        body = _block_body(data, block_type, index, len(labels))
        blocks.append(
            Block(
                type=block_type,
                labels=labels,
                body=body,
                syntax="hcl",
                line=_line(node),
                attribute_lines=_attribute_lines(node),
            )
        )
    attributes = {k: v for k, v in data.items() if k not in seen}
    return Document(tuple(blocks), attributes, "hcl", top_lines)


def _body_children(node: Tree[Any]) -> Iterator[Tree[Any]]:
    for child in node.children:
        if isinstance(child, Tree):
            if child.data == "body":
                yield from (c for c in child.children if isinstance(c, Tree))
            elif child.data in ("attribute", "block"):
                yield child


def _line(node: Tree[Any]) -> int | None:
    return None if node.meta.empty else node.meta.line


def _identifier(node: object) -> str | None:
    if isinstance(node, Tree) and node.data == "identifier":
        return "".join(str(t) for t in node.children if isinstance(t, Token))
    return None


def _block_header(node: Tree[Any]) -> tuple[str, tuple[str, ...]]:
    names: list[str] = []
    for child in node.children:
        if not isinstance(child, Tree) or child.data == "body":
            continue
        ident = _identifier(child)
        if ident is not None:
            names.append(ident)
        elif child.data == "string":
            names.append(
                "".join(
                    str(t)
                    for t in child.scan_values(lambda v: isinstance(v, Token))
                    if t.type == "STRING_CHARS"
                )
            )
    return names[0], tuple(names[1:])


def _attribute_lines(node: Tree[Any], prefix: str = "") -> dict[str, int]:
    """Attribute lines by name; a nested block's as "block" and "block.attribute" (first one)."""
    lines: dict[str, int] = {}
    for child in node.children:
        if isinstance(child, Tree) and child.data == "body":
            for item in _body_children(Tree("start", [child])):
                name = _identifier(item.children[0])
                line = _line(item)
                if name is None or line is None or f"{prefix}{name}" in lines:
                    continue
                lines[f"{prefix}{name}"] = line
                if item.data == "block" and not prefix:
                    lines.update(_attribute_lines(item, f"{name}."))
    return lines


def _block_body(
    data: Mapping[str, Any], block_type: str, index: int, depth: int
) -> Mapping[str, Any]:
    entries = data.get(block_type)
    if not isinstance(entries, list) or index >= len(entries):
        return {}
    body: Any = entries[index]
    for _ in range(depth):  # one nesting level per label, keyed by the label as written
        if not isinstance(body, dict) or len(body) != 1:
            return {}
        body = next(iter(body.values()))
    return body if isinstance(body, dict) else {}
