"""The runner ends the checks waiting for a host once a check proves the route to it dead."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from flexcheck.core.context import Context
from flexcheck.core.model import Check, CheckOutcome, Deps, Result, Status, fail, ok
from flexcheck.core.runner import run_checks
from tests.helpers import make_context

# Set once the runner has handled network-head's failure: Waiting is then still running, and its
# answer can only come after the runner has decided whether to end it.
RELEASE = threading.Event()


def _walk_result(route_dead: bool) -> Result[None]:
    failed = fail("DNS hop failed on the way to h.test", network=True)
    return replace(failed, host="h.test", route_dead=route_dead)


class DeadWalk(Check[None]):
    id = "network-walk"
    title = "walk"
    network = True

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return _walk_result(True)  # Waiting, started with it, waits for RELEASE meanwhile


class HeadFailed(DeadWalk):
    id = "network-head"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return _walk_result(False)


class Waiting(Check[None]):
    id = "waits-for-h"
    title = "waits"
    network = True
    timeout = 10.0

    @classmethod
    def talks_to(cls, ctx: Context) -> tuple[str, ...]:
        return ("h.test",)

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        RELEASE.wait(1.0)
        return fail("answered late", network=True)


def test_a_dead_route_ends_the_waiting_check_at_once_as_blocked() -> None:
    RELEASE.clear()
    started = time.monotonic()
    result = run_checks([DeadWalk, Waiting], make_context())
    assert time.monotonic() - started < 0.8
    waiting = result.outcomes[1]
    assert waiting.status is Status.FAIL
    assert waiting.blocked_by == "network-walk"
    assert waiting.duration_ms < 800  # ended when the walk did, not when it would have answered
    assert waiting.summary.startswith("blocked by network-walk: the route to h.test is dead")


def test_a_failed_head_alone_does_not_end_the_waiting_check() -> None:
    RELEASE.clear()

    def release_after_the_head(outcome: CheckOutcome) -> None:
        if outcome.id == "network-head":
            RELEASE.set()

    result = run_checks([HeadFailed, Waiting], make_context(), on_done=release_after_the_head)
    assert result.outcomes[1].summary == "answered late"
    assert result.outcomes[1].blocked_by is None


class Later(Check[None]):
    """Needed by a check of h.test, and done only once the walk has found the route dead."""

    id = "later"
    title = "later"
    walked = threading.Event()

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        self.walked.wait(5)
        return ok("done")


class NeedsLater(Waiting):
    id = "needs-later"
    requires = (Later,)


def test_a_check_due_to_start_after_the_route_died_never_starts() -> None:
    RELEASE.clear()
    Later.walked.clear()

    def walked(outcome: CheckOutcome) -> None:
        if outcome.id == "network-walk":
            Later.walked.set()

    started = time.monotonic()
    result = run_checks([DeadWalk, Later, NeedsLater], make_context(), on_done=walked)
    needs = result.outcomes[2]
    assert needs.status is Status.FAIL
    assert needs.blocked_by == "network-walk"
    assert needs.duration_ms == 0  # ended before it began: it would have waited for RELEASE
    assert time.monotonic() - started < 0.8
