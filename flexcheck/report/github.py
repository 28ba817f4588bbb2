"""GitHub Actions: annotations for every check that warns or fails, and the step summary.

Runs on its own when GITHUB_ACTIONS=true. Every text passes through the redaction layer: a
workflow command is printed in the log, so it must never carry a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from flexcheck.report import markdown
from flexcheck.secrets import redact

SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
_COMMAND = {"warn": "warning", "fail": "error", "timeout": "error", "error": "error"}


def active(env: Mapping[str, str]) -> bool:
    return env.get("GITHUB_ACTIONS") == "true"


def annotation_lines(document: dict[str, Any]) -> list[str]:
    lines = []
    for check in document["checks"]:
        command = _COMMAND.get(check["status"])
        if command is None:
            continue
        props = {"title": f"flexcheck {check['id']}: {check['status']}"}
        if check["location"] is not None:
            props["file"] = check["location"]["path"]
            if check["location"]["line"]:
                props["line"] = str(check["location"]["line"])
        message = check["summary"]
        if check["hint"]:
            message += f"\nWhat to do: {check['hint']}"
        shown = ",".join(f"{k}={_escape_property(v)}" for k, v in props.items())
        lines.append(f"::{command} {shown}::{_escape_data(message)}")
    return lines


def publish(document: dict[str, Any], env: Mapping[str, str], stream: TextIO) -> None:
    """Print the annotations and append the Markdown table to the step summary."""
    for line in annotation_lines(document):
        stream.write(line + "\n")
    summary = env.get(SUMMARY_ENV)
    if summary:
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write(markdown.render(document) + "\n")


def _escape_data(text: str) -> str:
    text = redact.scrub(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
