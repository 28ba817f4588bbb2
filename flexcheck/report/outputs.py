"""`--format` and `--output FORMAT=PATH`: every machine format rendered from the one document."""

from __future__ import annotations

import contextlib
import os
import pkgutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from flexcheck.errors import UsageError


class FileFormat(StrEnum):
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    MARKDOWN = "markdown"
    CODEQUALITY = "codequality"


@dataclass(frozen=True)
class OutputRequest:
    format: FileFormat
    path: Path


def parse(values: Sequence[str], source: str = "--output") -> list[OutputRequest]:
    requests = []
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not path:
            raise UsageError(
                f"{source} {value!r}: write it as FORMAT=PATH, e.g. sarif=flexcheck.sarif"
            )
        try:
            fmt = FileFormat(name.strip().lower())
        except ValueError:
            known = ", ".join(f.value for f in FileFormat)
            raise UsageError(
                f"{source} {value!r}: unknown format {name!r}; known: {known}"
            ) from None
        requests.append(OutputRequest(fmt, Path(path)))
    return requests


# Where each format's renderer lives: only the one asked for is imported (all five cost about
# 2 ms of a run, most of it junit's xml.etree).
_RENDERERS = {
    FileFormat.JSON: "flexcheck.report.json_report:render_document",
    FileFormat.JUNIT: "flexcheck.report.junit:render",
    FileFormat.SARIF: "flexcheck.report.sarif:render",
    FileFormat.MARKDOWN: "flexcheck.report.markdown:render",
    FileFormat.CODEQUALITY: "flexcheck.report.codequality:render",
}


def renderer(fmt: FileFormat) -> Callable[[dict[str, Any]], str]:
    found: Callable[[dict[str, Any]], str] = pkgutil.resolve_name(_RENDERERS[fmt])
    return found


def render(fmt: FileFormat, document: dict[str, Any]) -> str:
    return renderer(fmt)(document)  # masked in the document, never in the serialised text


def write(request: OutputRequest, document: dict[str, Any]) -> None:
    """Write whole or not at all: a CI step never uploads half a report."""
    text = render(request.format, document)
    if not text.endswith("\n"):
        text += "\n"
    folder = request.path.parent
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".flexcheck-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # a report holds nothing secret; CI uploaders must read it
        os.replace(temporary, request.path)
        temporary = None
    except OSError as error:
        raise UsageError(
            f"--output {request.format}={request.path} cannot be written: {error.strerror or error}"
        ) from None
    finally:
        if temporary is not None:  # a failed write leaves nothing behind, not even a temp file
            with contextlib.suppress(OSError):
                os.unlink(temporary)
