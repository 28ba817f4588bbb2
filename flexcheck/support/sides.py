"""One side of a comparison: a JSON report (`--format json`, `--output json=`) or a bundle."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flexcheck.errors import UsageError
from flexcheck.report.document import SCHEMA_VERSION
from flexcheck.secrets.secret import Secret
from flexcheck.support import opening
from flexcheck.support.replay import replay

MAX_REPORT_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Side:
    label: str  # the path as the user typed it
    kind: str  # "bundle" or "report"
    report: dict[str, Any]
    versions: dict[str, Any] | None = None  # bundles only
    environment: dict[str, Any] | None = None  # bundles only


def probe(path: Path) -> bool:
    """True when the side is a bundle (and so needs the password); a damaged one fails here."""
    if opening.looks_like_zip(path):
        opening.probe(path)
        return True
    return False


def load(path: Path, password: Callable[[Path], Secret]) -> Side:
    if probe(path):
        bundle = opening.open_bundle(path, password(path))
        return Side(str(path), "bundle", bundle.report, bundle.versions, bundle.environment)
    return Side(str(path), "report", _report(path))


def _report(path: Path) -> dict[str, Any]:
    raw = opening.read_start(path, MAX_REPORT_BYTES + 1, "a report")
    expected = (
        "diff reads the JSON report of `flexcheck --format json` (or --output json=PATH) or a "
        "bundle from `flexcheck bundle`"
    )
    try:
        document = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_REPORT_BYTES else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UsageError(f"{path} is neither JSON nor a zip: {expected}") from None
    if not isinstance(document, dict) or "schema_version" not in document:
        raise UsageError(f"{path} is not a flexcheck report: {expected}")
    version = document["schema_version"]
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise UsageError(
            f"{path} is a report of schema {version}, from a newer flexcheck "
            f"({document.get('flexcheck_version', 'unknown')}); this one reads schema "
            f"{SCHEMA_VERSION}: upgrade flexcheck (pip install -U flexcheck)"
        )
    replay(document, str(path))  # refuses a report whose checks a comparison could not read
    return document
