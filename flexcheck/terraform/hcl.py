"""The one place python-hcl2 is called: its quirks and its many exception types stop here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from flexcheck.terraform.hcl_document import Block, Document, HclSyntaxError, Syntax, Value

__all__ = ["Block", "Document", "HclSyntaxError", "Syntax", "Value", "classify", "parse"]

# Terraform itself refuses nothing this size; a larger file is not something a person wrote.
MAX_FILE_BYTES = 8 * 1024 * 1024

_VAR_ONLY = re.compile(r"\s*var\.([A-Za-z_][A-Za-z0-9_-]*)\s*")
_VAR_REF = re.compile(r"(?<![A-Za-z0-9_.])var\.([A-Za-z_][A-Za-z0-9_-]*)")
# "${" and "%{" open a template sequence unless escaped as "$${" and "%%{".
_TEMPLATE = re.compile(r"(?<![$%])[$%]\{|^[$%]\{")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def parse(raw: bytes, syntax: Syntax) -> Document:
    """Parse HCL native or JSON syntax. Raises only HclSyntaxError."""
    if len(raw) > MAX_FILE_BYTES:
        raise HclSyntaxError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB", None)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise HclSyntaxError(f"not UTF-8 text (bad byte at offset {e.start})", None) from None
    try:
        if syntax == "json":
            return _parse_json(text)
        # Loaded only here: python-hcl2 and lark cost more to import than a run with --require.
        from flexcheck.terraform.hcl_native import parse_native

        return parse_native(text)
    except HclSyntaxError:
        raise
    except json.JSONDecodeError as e:
        raise HclSyntaxError(f"invalid JSON: {e.msg}", e.lineno) from None
    except RecursionError:
        raise HclSyntaxError("nested too deeply to read", None) from None
    except Exception as e:  # lark and python-hcl2 raise many types; none may escape
        from flexcheck.terraform.hcl_native import describe_error
        from flexcheck.terraform.hcl_unclosed import unclosed

        message, line = describe_error(e)
        # The parser blames the end of the file; Terraform names the block left open.
        opened = unclosed(text) if "end of file" in message else None
        raise HclSyntaxError(*(opened or (message, line))) from None


def _parse_json(text: str) -> Document:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise HclSyntaxError("expected a JSON object at the top level", 1)
    blocks: list[Block] = []
    for block_type, depth in (
        ("provider", 1),
        ("resource", 2),
        ("data", 2),
        ("ephemeral", 2),
        ("variable", 1),
        ("terraform", 0),
    ):
        blocks.extend(_json_blocks(block_type, data.get(block_type), depth, ()))
    return Document(tuple(blocks), data, "json")


def _json_blocks(
    block_type: str, value: Any, depth: int, labels: tuple[str, ...]
) -> Iterator[Block]:
    if depth == 0:
        for body in value if isinstance(value, list) else [value]:
            if isinstance(body, dict):
                yield Block(block_type, labels, body, "json")
        return
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            for label, inner in item.items():
                yield from _json_blocks(block_type, inner, depth - 1, (*labels, str(label)))


def classify(raw: object, syntax: Syntax) -> Value:
    """Tell a literal from a reference. python-hcl2 keeps a string's quotes and escapes."""
    if raw is None:
        return Value("null")
    if isinstance(raw, bool):
        return Value("literal", "true" if raw else "false")
    if isinstance(raw, int | float):
        return Value("literal", str(raw))
    if not isinstance(raw, str):
        return Value("expression", variable=_single_variable(json.dumps(raw, default=str)))
    if syntax == "json":
        return _template(raw, escaped=False)
    if len(raw) >= 2 and raw.startswith('"') and raw.endswith('"'):
        return _template(raw[1:-1], escaped=True)
    if raw.startswith("${") and raw.endswith("}"):
        inner = raw[2:-1]
        if match := _VAR_ONLY.fullmatch(inner):
            return Value("variable", variable=match.group(1))
        return Value("expression", variable=_single_variable(inner))
    return Value("expression", variable=_single_variable(raw))


def _template(inner: str, *, escaped: bool) -> Value:
    if _TEMPLATE.search(inner):
        whole = inner.startswith("${") and inner.endswith("}") and inner.count("${") == 1
        if whole and (match := _VAR_ONLY.fullmatch(inner[2:-1])):
            return Value("variable", variable=match.group(1))
        return Value("expression", variable=_single_variable(inner))
    text = _unescape(inner) if escaped else inner
    return Value("literal", text.replace("$${", "${").replace("%%{", "%{"))


def _single_variable(expression: str) -> str | None:
    names = set(_VAR_REF.findall(expression))
    return names.pop() if len(names) == 1 else None


def _unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            marker = text[i + 1]
            if marker in _ESCAPES:
                out.append(_ESCAPES[marker])
                i += 2
                continue
            width = {"u": 4, "U": 8}.get(marker)
            digits = text[i + 2 : i + 2 + width] if width else ""
            if (
                width
                and len(digits) == width
                and all(c in "0123456789abcdefABCDEF" for c in digits)
            ):
                code = int(digits, 16)
                if code <= 0x10FFFF and not 0xD800 <= code < 0xE000:
                    out.append(chr(code))
                    i += 2 + width
                    continue
        out.append(char)
        i += 1
    return "".join(out)
