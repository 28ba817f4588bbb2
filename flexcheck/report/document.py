"""The report as data (schema version 1): the single source every output format renders."""

from __future__ import annotations

from typing import Any

from flexcheck import __version__, redact
from flexcheck.guide import GUIDE_URL
from flexcheck.runner import RunResult
from flexcheck.verdict import ExitCode

SCHEMA_VERSION = 1


def build(run: RunResult, code: ExitCode) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "flexcheck_version": __version__,
        "ok": code is ExitCode.OK,
        "exit_code": int(code),
        "checks": [
            {
                "id": o.id,
                "title": o.title,
                "status": str(o.status),
                "summary": redact.scrub(o.summary),
                "hint": redact.scrub(o.hint),
                "guide_step": o.guide_step,
                "guide_url": GUIDE_URL if o.guide_step is not None else None,
                "duration_ms": o.duration_ms,
                "blocked_by": o.blocked_by,
            }
            for o in run.outcomes
        ],
        "requests": [
            {
                "method": r.method,
                "url": redact.scrub_url(r.url),
                "status": r.status,
                "duration_ms": r.duration_ms,
            }
            for r in run.requests
        ],
    }
