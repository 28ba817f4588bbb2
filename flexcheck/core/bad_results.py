"""A check that crashes or returns a malformed result ends as an error, not as a broken run."""

from __future__ import annotations

from typing import Any

from flexcheck.core.model import LocatedFinding, Location, Result, Status


def malformed(result: object) -> str | None:
    """What is wrong with a check's return value, or None when it is a well-formed Result."""
    if not isinstance(result, Result):
        return f"returned {type(result).__name__}, not a Result"
    if not isinstance(result.status, Status):
        return f"returned the status {result.status!r}, not one of {', '.join(Status)}"
    for name in ("summary", "hint"):
        if not isinstance(getattr(result, name), str):
            return f"returned a {name} that is {type(getattr(result, name)).__name__}, not text"
    if not isinstance(result.details, tuple) or not all(isinstance(d, str) for d in result.details):
        return "returned details that are not a tuple of texts"
    if not isinstance(result.findings, tuple) or not all(_well_formed(f) for f in result.findings):
        return "returned findings that are not a tuple of LocatedFinding (warn or fail, at a file)"
    return None


def _well_formed(finding: object) -> bool:
    return (
        isinstance(finding, LocatedFinding)
        and finding.status in (Status.WARN, Status.FAIL)
        and isinstance(finding.message, str)
        and isinstance(finding.location, Location)
    )


def crashed(crash: str) -> Result[Any]:
    summary = crash.strip().splitlines()[-1:] or ["unknown error"]
    return Result(
        Status.ERROR,
        f"the check crashed: {summary[0]}",
        hint="This is a bug in flexcheck, not in your setup: run with --debug and report it.",
    )
