"""What the runner reports for each check: durations, guide steps, why a check did not run."""

from __future__ import annotations

import time

from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, Result, Status, ok, skip
from flexcheck.core.runner import Selection, run_checks
from tests.helpers import make_context


class Sleeps(Check[None]):
    id = "sleeps"
    title = "sleeps"
    guide_step = 3

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        time.sleep(0.05)
        return ok("slept")


class Hangs(Check[None]):
    id = "hangs"
    title = "hangs"
    timeout = 0.1

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        time.sleep(3)
        return ok("late")


class AfterHangs(Check[None]):
    id = "after-hangs"
    title = "after hangs"
    requires = (Hangs,)

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return ok("never")


class Skips(Check[None]):
    id = "skips"
    title = "skips"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return skip("nothing to do")


class AfterSkips(AfterHangs):
    id = "after-skips"
    requires = (Skips,)


class Fails(Check[None]):
    id = "fails"
    title = "fails"
    guide_step = 3

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return Result(Status.FAIL, "wrong", guide_step=2)  # this outcome belongs to Step 2


class AfterFails(AfterHangs):
    id = "after-fails"
    requires = (Fails,)


def test_durations_are_measured_and_zero_for_checks_that_did_not_run() -> None:
    result = run_checks(
        [Sleeps, Skips, AfterSkips],
        make_context(),
        selection=Selection(skipped={}),
    )
    by_id = {o.id: o for o in result.outcomes}
    assert 45 <= by_id["sleeps"].duration_ms < 2000
    assert by_id["after-skips"].duration_ms == 0
    assert not result.interrupted


def test_a_user_skip_takes_no_time() -> None:
    result = run_checks([Sleeps], make_context(), selection=Selection({"sleeps": "--skip"}))
    assert result.outcomes[0].duration_ms == 0
    assert result.outcomes[0].skipped_by_user == "--skip"


def test_offline_skips_take_no_time() -> None:
    class Network(Sleeps):
        id = "network"
        network = True

    outcome = run_checks([Network], make_context(offline=True)).outcomes[0]
    assert outcome.status is Status.SKIP
    assert outcome.duration_ms == 0


def test_why_a_dependent_did_not_run_names_its_requirement() -> None:
    by_id = {
        o.id: o for o in run_checks([Skips, AfterSkips, Fails, AfterFails], make_context()).outcomes
    }
    assert by_id["after-skips"].summary == "not run: skips was skipped"
    assert by_id["after-fails"].summary == "not run: fails did not pass (fail)"
    assert by_id["after-fails"].duration_ms == 0


def test_a_result_may_name_its_own_guide_step() -> None:
    by_id = {o.id: o for o in run_checks([Fails, Sleeps], make_context()).outcomes}
    assert by_id["fails"].guide_step == 2
    assert by_id["sleeps"].guide_step == 3  # the check's own step otherwise


def test_a_timeout_is_reported_at_once_and_unblocks_the_dependents() -> None:
    started = time.monotonic()
    result = run_checks([Hangs, AfterHangs], make_context(), deadline=10)
    took = time.monotonic() - started
    by_id = {o.id: o for o in result.outcomes}
    assert by_id["hangs"].status is Status.TIMEOUT
    assert by_id["hangs"].duration_ms < 800
    assert by_id["after-hangs"].blocked_by == "hangs"
    assert took < 1.5  # not held until the run's deadline


def test_checks_waiting_when_the_deadline_passes_say_so() -> None:
    class LongRunning(Hangs):
        id = "long-running"
        timeout = 30

    class Waits(AfterHangs):
        id = "waits"
        requires = (LongRunning,)

    result = run_checks([LongRunning, Waits], make_context(), deadline=0.15)
    by_id = {o.id: o for o in result.outcomes}
    assert by_id["long-running"].status is Status.TIMEOUT
    assert by_id["long-running"].duration_ms >= 100  # it ran until the deadline
    assert by_id["waits"].status is Status.SKIP
    assert by_id["waits"].summary == "not run: the run's deadline passed"
    assert by_id["waits"].duration_ms == 0


def test_on_start_announces_every_check_that_starts() -> None:
    started: list[str] = []
    run_checks([Sleeps, Fails, AfterFails], make_context(), on_start=lambda c: started.append(c.id))
    assert sorted(started) == ["fails", "sleeps"]  # the blocked one never started
