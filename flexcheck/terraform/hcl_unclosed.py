"""Where a file that ends too early really breaks: the block or string Terraform says is open."""

from __future__ import annotations

import re

_HEREDOC = re.compile(r"<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n")
_CLOSERS = {"}": "{", "]": "[", ")": "("}


def unclosed(text: str) -> tuple[str, int] | None:
    """Terraform's words and line for the first thing still open at the end of `text`.

    The parser only sees the end of the file; Terraform points at the opening line instead,
    which is where the user has to look. Comments, strings, templates and heredocs are skipped
    so a brace inside them does not count.
    """
    stack: list[tuple[str, int]] = []  # "{", "[", "(", '"' (a string), "${" (a template)
    line, i, size = 1, 0, len(text)
    while i < size:
        char = text[i]
        top = stack[-1][0] if stack else ""
        if top == '"':
            if char == "\\":
                i += 2
                continue
            if char == "\n":  # Terraform: quoted strings may not be split over lines
                return _string(stack[-1][1])
            if text.startswith(("${", "%{"), i) and not text.startswith(("$${", "%%{"), i - 1):
                stack.append(("${", line))
                i += 2
                continue
            if char == '"':
                stack.pop()
            i += 1
            continue
        if char == "\n":
            line += 1
        elif char == "#" or text.startswith("//", i):
            i = _line_end(text, i)
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = size if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
            continue
        elif (heredoc := _HEREDOC.match(text, i)) is not None:
            start = line
            marker = re.compile(rf"^[ \t]*{re.escape(heredoc.group(1))}[ \t]*\r?$", re.M)
            close = marker.search(text, heredoc.end())
            if close is None:
                return _string(start)
            line += text.count("\n", i, close.end())
            i = close.end()
            continue
        elif char == '"':
            stack.append(('"', line))
        elif char in "{[(":
            stack.append((char, line))
        elif char in _CLOSERS and stack:
            if top == "${" and char == "}":
                stack.pop()  # back inside the string the template belongs to
            elif top == _CLOSERS[char]:
                stack.pop()
        i += 1
    if not stack:
        return None
    kind, opened = next(((k, n) for k, n in stack if k in ('"', "${")), stack[0])
    if kind in ('"', "${"):
        return _string(opened)
    if kind == "{":
        return (
            "Unclosed configuration block: there is no closing brace for this block before the "
            "end of the file (or a brace is missing elsewhere in the file)",
            stack[0][1],
        )
    return f"Unclosed {'list' if kind == '[' else 'parenthesis'}: opened here, never closed", opened


def _string(line: int) -> tuple[str, int]:
    return "Unterminated template string: no closing marker was found for the string", line


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end
