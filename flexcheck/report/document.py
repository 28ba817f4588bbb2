"""The report as data (schema version 1): the single source every output format renders.

Fields are only ever added to version 1, never changed or removed; docs/report-json.md describes
each one.
"""

from __future__ import annotations

from typing import Any

from flexcheck import __version__
from flexcheck.core.guide import GUIDE_URL
from flexcheck.core.model import CheckOutcome, Location
from flexcheck.core.runner import RunResult
from flexcheck.core.suppression import SuppressionState
from flexcheck.core.verdict import ExitCode
from flexcheck.secrets import redact

SCHEMA_VERSION = 1


def build(run: RunResult, code: ExitCode, *, fail_on: str = "fail") -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "flexcheck_version": __version__,
        "ok": code is ExitCode.OK,
        "exit_code": int(code),
        "fail_on": fail_on,
        "checks": [_check(o) for o in run.outcomes],
        "requests": [
            {
                "method": r.method,
                "url": redact.scrub_url(redact.scrub(r.url)),
                "status": r.status,
                "duration_ms": r.duration_ms,
                "error": redact.scrub(r.error) if r.error else None,
            }
            for r in run.requests
        ],
        "suppressions": [_suppression(s) for s in run.suppressions],
        "masking": masking(),
    }


def masking() -> dict[str, Any]:
    """Whether every secret could be masked in free text; why not, never which or its value."""
    note = redact.unreliable_note()
    return {"reliable": note is None, "note": note}


def _check(o: CheckOutcome) -> dict[str, Any]:
    return {
        "id": o.id,
        "title": o.title,
        "status": str(o.status),
        "summary": redact.scrub(o.summary),
        "hint": redact.scrub(o.hint),
        "guide_step": o.guide_step,
        "guide_url": GUIDE_URL if o.guide_step is not None else None,
        "duration_ms": o.duration_ms,
        "blocked_by": o.blocked_by,
        "network": o.network,
        "details": [redact.scrub(d) for d in o.details],
        "location": _location(o.location) if o.location is not None else None,
        "findings": [
            {
                "status": str(f.status),
                "message": redact.scrub(f.message),
                "location": _location(f.location),
            }
            for f in o.findings
        ],
        "skipped_by_user": redact.scrub(o.skipped_by_user) if o.skipped_by_user else None,
    }


def _location(location: Location) -> dict[str, Any]:
    return {"path": redact.scrub(location.path), "line": location.line}


def _suppression(state: SuppressionState) -> dict[str, Any]:
    s = state.suppression
    return {
        "check": s.check,
        "reason": redact.scrub(s.reason),
        "source": redact.scrub(s.source),
        "expires": s.expires.isoformat() if s.expires else None,
        "active": state.active,
        "matched": list(state.matched),
    }
