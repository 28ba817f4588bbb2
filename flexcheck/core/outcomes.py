"""What the runner reports for a check: its scrubbed outcome, and the results it makes itself."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flexcheck.core.model import CheckOutcome, Result, Status
from flexcheck.core.registry import CheckType
from flexcheck.secrets import redact


def outcome_of(
    check: CheckType, result: Result[Any], duration: float, blocked_by: str | None = None
) -> CheckOutcome:
    step = check.guide_step if result.guide_step is None else (result.guide_step or None)
    return CheckOutcome(
        id=check.id,
        title=check.title,
        status=result.status,
        summary=redact.scrub(result.summary),
        hint=redact.scrub(result.hint),
        guide_step=step,
        duration_ms=int(duration * 1000),
        blocked_by=blocked_by,
        network=result.network,
        details=tuple(redact.scrub(d) for d in result.details),
        location=result.location,
        findings=tuple(replace(f, message=redact.scrub(f.message)) for f in result.findings),
        host=result.host,
    )


def dead_end(host: str, finder: str) -> Result[Any]:
    """A check that needs a host its network check found unreachable: no second wait for it."""
    return Result(
        Status.FAIL,
        f"blocked by {finder}: the route to {host} is dead, so this check stopped waiting",
        hint=f"Fix what {finder} names for {host}, then run again.",
        network=True,
        host=host,
    )


def why_blocked(result: Result[Any]) -> str:
    return "was skipped" if result.status is Status.SKIP else f"did not pass ({result.status})"
