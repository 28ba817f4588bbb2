"""One cause, reported once: a login that failed on a host a network check already diagnosed
points to that check instead of repeating the evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from flexcheck.core.model import CheckOutcome, Status

DIAGNOSING_PREFIX = "network-"  # the checks that walk a host's hops and own the evidence
_FAILED = (Status.FAIL, Status.TIMEOUT)


def attribute(outcomes: Sequence[CheckOutcome]) -> tuple[CheckOutcome, ...]:
    """Rewrite each network-failed outcome whose host a network check found failing."""
    finders: dict[str, CheckOutcome] = {}
    for outcome in outcomes:
        diagnosing = outcome.id.startswith(DIAGNOSING_PREFIX)
        if diagnosing and outcome.status in _FAILED and outcome.host is not None:
            finders.setdefault(outcome.host, outcome)
    rewritten = []
    for outcome in outcomes:
        finder = finders.get(outcome.host or "")
        if (
            finder is not None
            and outcome.network
            and outcome.status in _FAILED
            and not outcome.id.startswith(DIAGNOSING_PREFIX)
        ):
            hop = finder.summary.split(" hop failed", 1)[0]
            outcome = replace(
                outcome,
                summary=f"{outcome.host} could not be reached: the cause is reported once, "
                f"under {finder.id} ({hop} hop)",
                hint=f"Fix what {finder.id} names for {outcome.host}, then run again.",
            )
        rewritten.append(outcome)
    return tuple(rewritten)
