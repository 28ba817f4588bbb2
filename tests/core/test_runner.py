from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, Result, Status, fail, ok, skip
from flexcheck.core.registry import ordered
from flexcheck.core.runner import Selection, run_checks
from flexcheck.errors import RegistryError
from tests.helpers import make_context


class Root(Check[int]):
    id = "root"
    title = "root"

    def run(self, ctx: Context, deps: Deps) -> Result[int]:
        return ok("root ok", value=41)


class Child(Check[int]):
    id = "child"
    title = "child"
    requires = (Root,)

    def run(self, ctx: Context, deps: Deps) -> Result[int]:
        return ok(f"got {deps[Root]}", value=deps[Root] + 1)


class FailingRoot(Check[None]):
    id = "failing-root"
    title = "failing root"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return fail("nope")


class BlockedChild(Check[None]):
    id = "blocked-child"
    title = "blocked child"
    requires = (FailingRoot,)

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        raise AssertionError("must not run")


class Crashing(Check[None]):
    id = "crashing"
    title = "crashing"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        raise ValueError("boom in the check")


class Slow(Check[None]):
    id = "slow"
    title = "slow"
    timeout = 0.05
    network = True

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        time.sleep(2)
        return ok("too late")


class SkipWithValue(Check[str]):
    id = "skip-with-value"
    title = "skip with value"

    def run(self, ctx: Context, deps: Deps) -> Result[str]:
        return skip("from elsewhere", value="v")


class AfterSkip(Check[None]):
    id = "after-skip"
    title = "after skip"
    requires = (SkipWithValue,)

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return ok(f"saw {deps[SkipWithValue]}")


def by_id(result: Any) -> dict[str, Any]:
    return {o.id: o for o in result.outcomes}


def test_dependency_value_flows_and_order_is_kept() -> None:
    result = run_checks(ordered([Child, Root]), make_context())
    assert [o.id for o in result.outcomes] == ["root", "child"]
    assert by_id(result)["child"].summary == "got 41"


def test_failed_requirement_blocks_dependent() -> None:
    outcomes = by_id(run_checks(ordered([FailingRoot, BlockedChild]), make_context()))
    assert outcomes["blocked-child"].status is Status.SKIP
    assert outcomes["blocked-child"].blocked_by == "failing-root"


def test_skip_with_value_still_satisfies_dependents() -> None:
    outcomes = by_id(run_checks(ordered([SkipWithValue, AfterSkip]), make_context()))
    assert outcomes["after-skip"].status is Status.PASS
    assert outcomes["after-skip"].summary == "saw v"


def test_crash_becomes_error_with_traceback_kept_aside() -> None:
    result = run_checks([Crashing], make_context())
    outcome = result.outcomes[0]
    assert outcome.status is Status.ERROR
    assert "ValueError: boom in the check" in outcome.summary
    assert "Traceback" in result.tracebacks["crashing"]


def test_slow_check_times_out_without_waiting_for_it() -> None:
    started = time.monotonic()
    result = run_checks([Slow], make_context())
    assert result.outcomes[0].status is Status.TIMEOUT
    assert result.outcomes[0].network
    # Ended at its own 0.05 s, not at the runner's next look for a lost interrupt (0.5 s).
    assert result.outcomes[0].duration_ms < 300
    assert time.monotonic() - started < 1.5


def test_a_check_starts_as_soon_as_what_it_needs_has_finished() -> None:
    class First(Check[None]):
        id, title = "first", "first"

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            return ok("done")

    class Second(First):
        id, requires = "second", (First,)

    class Third(First):
        id, requires = "third", (Second,)

    started = time.monotonic()
    result = run_checks([First, Second, Third], make_context())
    assert [o.status for o in result.outcomes] == [Status.PASS] * 3
    # Not at the runner's next look for a lost interrupt (0.5 s), twice over.
    assert time.monotonic() - started < 0.45


def test_overall_deadline_bounds_the_run() -> None:
    class VerySlow(Slow):
        id = "very-slow"
        timeout = 30.0

    started = time.monotonic()
    result = run_checks([VerySlow], make_context(), deadline=0.05)
    assert result.outcomes[0].status is Status.TIMEOUT
    assert "deadline" in result.outcomes[0].summary
    assert time.monotonic() - started < 1.5


def test_independent_checks_run_concurrently() -> None:
    barrier = threading.Barrier(2, timeout=2)

    class A(Check[None]):
        id = "a"
        title = "a"

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            barrier.wait()  # only returns if B runs at the same time
            return ok("a")

    class B(A):
        id = "b"
        title = "b"

    outcomes = by_id(run_checks(ordered([A, B]), make_context()))
    assert outcomes["a"].status is Status.PASS
    assert outcomes["b"].status is Status.PASS


def test_user_skip_and_offline_are_reported() -> None:
    result = run_checks(
        ordered([Root, Child, Slow]),
        make_context(offline=True),
        selection=Selection({"root": "skipped by the user (--skip)"}),
    )
    outcomes = by_id(result)
    assert outcomes["root"].summary == "skipped by the user (--skip)"
    assert outcomes["child"].blocked_by == "root"
    assert "--offline" in outcomes["slow"].summary


def test_cleanups_run_once_after_checks() -> None:
    calls: list[str] = []

    class Registers(Check[None]):
        id = "registers"
        title = "registers"

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            ctx.on_finish(lambda: calls.append("cleaned"))
            ctx.on_finish(lambda: (_ for _ in ()).throw(RuntimeError("ignored")))
            return ok("done")

    result = run_checks([Registers], make_context())
    assert calls == ["cleaned"]
    assert result.outcomes[0].status is Status.PASS


def test_graph_with_unknown_requirement_is_refused() -> None:
    with pytest.raises(RegistryError, match="not registered"):
        ordered([Child])


def test_graph_cycle_is_refused() -> None:
    class X(Check[None]):
        id = "x"
        title = "x"

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            return ok("")

    class Y(X):
        id = "y"
        requires = (X,)

    X.requires = (Y,)
    with pytest.raises(RegistryError, match="cycle"):
        ordered([X, Y])
