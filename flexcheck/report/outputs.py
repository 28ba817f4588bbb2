"""`--format` and `--output FORMAT=PATH`: every machine format rendered from the one document."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from flexcheck.errors import UsageError
from flexcheck.secrets import redact


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


def renderer(fmt: FileFormat) -> Callable[[dict[str, Any]], str]:
    from flexcheck.report import codequality, json_report, junit, markdown, sarif

    return {
        FileFormat.JSON: json_report.render_document,
        FileFormat.JUNIT: junit.render,
        FileFormat.SARIF: sarif.render,
        FileFormat.MARKDOWN: markdown.render,
        FileFormat.CODEQUALITY: codequality.render,
    }[fmt]


def render(fmt: FileFormat, document: dict[str, Any]) -> str:
    return redact.scrub(renderer(fmt)(document))


def write(request: OutputRequest, document: dict[str, Any]) -> None:
    """Write whole or not at all: a CI step never uploads half a report."""
    text = render(request.format, document)
    if not text.endswith("\n"):
        text += "\n"
    folder = request.path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".flexcheck-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # a report holds nothing secret; CI uploaders must read it
        os.replace(temporary, request.path)
    except OSError as error:
        raise UsageError(
            f"--output {request.format}={request.path} cannot be written: {error.strerror or error}"
        ) from None
