"""Which checks run: --check, --skip, FLEXCHECK_SKIP and config suppressions, globs allowed.

What the user turns off with --skip, FLEXCHECK_SKIP or a suppression stays in the report, marked
as skipped by the user with the switch that did it. --check narrows the run itself: the checks it
leaves out are not part of the run at all, so a narrow run (a pre-commit hook) is not drowned in
lines about checks nobody asked for.
"""

from __future__ import annotations

import difflib
import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from flexcheck.core.registry import CheckType, with_requirements
from flexcheck.core.runner import Selection
from flexcheck.core.suppression import Suppression, SuppressionState
from flexcheck.errors import UsageError

ENV_SKIP = "FLEXCHECK_SKIP"


@dataclass(frozen=True)
class SkipRequest:
    pattern: str  # a check id or a simple glob (`network-*`)
    source: str  # what the user wrote it in: --skip, FLEXCHECK_SKIP, a config file


def env_skips(env: Mapping[str, str]) -> list[SkipRequest]:
    raw = env.get(ENV_SKIP, "")
    return [SkipRequest(p.strip(), ENV_SKIP) for p in raw.split(",") if p.strip()]


def matching(pattern: str, ids: Sequence[str], source: str) -> list[str]:
    """The ids a pattern names; one naming none is a usage error, never a silent no-op."""
    found = [i for i in ids if fnmatch.fnmatchcase(i, pattern)]
    if not found and _is_glob(pattern):
        raise UsageError(f"{source} {pattern!r} matches no check (see `flexcheck list`)")
    if not found:
        close = difflib.get_close_matches(pattern, ids, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise UsageError(
            f"unknown check id: {pattern} (in {source}{hint} `flexcheck list` shows them all)"
        )
    return found


def _is_glob(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def select(
    checks: Sequence[CheckType],
    only: Sequence[str],
    skip: Sequence[str | SkipRequest],
    suppressions: Sequence[Suppression] = (),
    today: date | None = None,
) -> tuple[list[CheckType], Selection]:
    """Every check with the user's choices applied; the runner skips those turned off."""
    ids = [c.id for c in checks]
    skipped: dict[str, str] = {}
    if only:
        wanted = {i for pattern in only for i in matching(pattern, ids, "--check")}
        kept = {c.id for c in with_requirements(checks, wanted)}
        checks = [c for c in checks if c.id in kept]
    # Skips and suppressions are matched against every check, so one naming a check that
    # --check left out is no error, and then applies to nothing.
    running = {c.id for c in checks}
    for request in skip:
        if isinstance(request, str):
            request = SkipRequest(request, "--skip")
        for check_id in matching(request.pattern, ids, request.source):
            if check_id not in running:
                continue
            # A glob is named, so the user can see which pattern turned the check off.
            how = (
                f"{request.source} {request.pattern}"
                if _is_glob(request.pattern)
                else request.source
            )
            skipped.setdefault(check_id, f"skipped by the user ({how})")
    today = today or date.today()
    suppressed: dict[str, str] = {}
    notes: dict[str, tuple[str, ...]] = {}
    states = []
    for suppression in suppressions:
        found = matching(suppression.check, ids, f"suppression in {suppression.source}:")
        active = suppression.active_on(today)
        states.append(SuppressionState(suppression, tuple(found), active))
        for check_id in found:
            if check_id not in running:
                continue
            if active:
                suppressed.setdefault(check_id, suppression.describe())
            else:
                expired = suppression.expires.isoformat() if suppression.expires else "?"
                notes[check_id] = (
                    *notes.get(check_id, ()),
                    f"suppression expired on {expired}, so it no longer applies: "
                    f"{suppression.reason} ({suppression.source})",
                )
    return list(checks), Selection(skipped, suppressed, notes, tuple(states))
