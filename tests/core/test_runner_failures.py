"""The runner under its own failures: bad results, Ctrl-C at the worst moment, crashes."""

from __future__ import annotations

import os
import signal
import threading
import time
import weakref
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from flexcheck.core import interrupts
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, LocatedFinding, Result, Status, fail, ok
from flexcheck.core.runner import Selection, run_checks
from tests.helpers import make_context


class Revokes(Check[None]):
    """Registers a cleanup, as the login does with the token's revoke."""

    id = "revokes"
    title = "revokes"
    cleaned: ClassVar[list[str]] = []

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        ctx.on_finish(lambda: self.cleaned.append("revoked"))
        return ok("token issued")


class Malformed(Check[None]):
    id = "malformed"
    title = "malformed"
    requires = (Revokes,)

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return Result(Status.PASS, None)  # type: ignore[arg-type]  # the bug under test


class NotAResult(Malformed):
    id = "not-a-result"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return "pass"  # type: ignore[return-value]


class UnplacedFinding(Malformed):
    id = "unplaced-finding"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        # A finding is placed at a file, or it is no finding: SARIF would reject it unplaced.
        return Result(Status.FAIL, "found", findings=(LocatedFinding(Status.FAIL, "x", None),))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad",
    [Malformed, NotAResult, UnplacedFinding],
    ids=["summary-none", "a-string", "finding-without-location"],
)
def test_a_malformed_result_is_an_error_and_the_token_is_still_revoked(bad: Any) -> None:
    Revokes.cleaned = []
    result = run_checks([Revokes, bad], make_context())
    outcomes = {o.id: o for o in result.outcomes}
    assert outcomes[bad.id].status is Status.ERROR
    assert "bug in flexcheck" in outcomes[bad.id].hint
    assert bad.id in result.tracebacks
    assert outcomes["revokes"].status is Status.PASS
    assert Revokes.cleaned == ["revoked"]


def test_cleanups_run_even_when_reporting_an_outcome_fails() -> None:
    Revokes.cleaned = []

    def broken_reporter(outcome: Any) -> None:
        raise RuntimeError("the progress display broke")

    with pytest.raises(RuntimeError, match="progress display"):
        run_checks([Revokes], make_context(), on_done=broken_reporter)
    assert Revokes.cleaned == ["revoked"]  # a crash is not hidden, and the token is revoked


# Set just before the Ctrl-C below: a check that waits for it is surely in flight when it comes.
CTRL_C = threading.Event()


class SlowLogin(Check[None]):
    """A login whose token is issued while the answer is still on its way."""

    id = "slow-login"
    title = "slow login"
    network = True
    grace = 3.0
    cleaned: ClassVar[list[str]] = []

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        CTRL_C.wait(5)
        time.sleep(0.05)  # the answer comes after the Ctrl-C, while the runner waits for it
        ctx.on_finish(lambda: self.cleaned.append("revoked"))
        return ok("token issued")


class Quick(Check[None]):
    id = "quick"
    title = "quick"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return ok("done")


def _ctrl_c_after_quick(outcome: Any) -> None:
    if outcome.id == "quick":
        CTRL_C.set()
        raise KeyboardInterrupt


def test_ctrl_c_during_a_login_waits_for_it_and_revokes_its_token() -> None:
    SlowLogin.cleaned = []
    CTRL_C.clear()
    started = time.monotonic()
    result = run_checks([Quick, SlowLogin], make_context(), on_done=_ctrl_c_after_quick)
    assert result.interrupted
    assert SlowLogin.cleaned == ["revoked"]  # before run_checks returned: the process may exit
    assert {o.id: o.status for o in result.outcomes}["slow-login"] is Status.PASS
    assert time.monotonic() - started < 2.5


def test_the_wait_for_a_login_at_ctrl_c_is_bounded() -> None:
    class HungLogin(SlowLogin):
        id = "hung-login"
        grace = 0.1

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            time.sleep(5)
            return ok("too late")

    started = time.monotonic()
    result = run_checks([Quick, HungLogin], make_context(), on_done=_ctrl_c_after_quick)
    took = time.monotonic() - started
    assert 0.08 <= took < 2
    assert {o.id: o.status for o in result.outcomes}["hung-login"] is Status.SKIP


def test_no_wait_at_ctrl_c_for_checks_without_a_grace() -> None:
    class Hung(Check[None]):
        id = "hung"
        title = "hung"

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            time.sleep(5)
            return ok("late")

    started = time.monotonic()
    run_checks([Quick, Hung], make_context(), on_done=_ctrl_c_after_quick)
    assert time.monotonic() - started < 0.5


def test_ctrl_c_shortens_the_timeout_of_later_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[float | None] = []
    wound_down = threading.Event()

    class AfterInterrupt(Check[None]):
        id = "after"
        title = "after"
        grace = 2.0

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            wound_down.wait(5)  # the interrupt arrives meanwhile
            ctx.http.post_json(ctx.options.endpoints.auth_url, {"probe": 1})
            return ok("sent")

    def handler(request: Any) -> Any:
        seen.append(request.extensions["timeout"]["read"])
        import httpx

        return httpx.Response(200, json={})

    ctx = make_context(handler=handler)
    wind_down = ctx.http.wind_down

    def wind_down_and_tell(timeout: float = 3.0) -> None:
        """The runner's own wind-down, then a word to the check waiting to send."""
        wind_down(timeout)
        wound_down.set()

    monkeypatch.setattr(ctx.http, "wind_down", wind_down_and_tell)
    run_checks([Quick, AfterInterrupt], ctx, on_done=_ctrl_c_after_quick)
    assert seen == [3.0]  # wind-down: 3 s instead of the 15 s read timeout, and no retry


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signals need it"
)
def test_a_second_ctrl_c_cannot_skip_the_revoke() -> None:
    cleaned: ClassVar[list[str]] = []

    class Registers(Check[None]):
        id = "registers"
        title = "registers"

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            def revoke() -> None:
                os.kill(os.getpid(), signal.SIGINT)  # the second Ctrl-C, during the revoke
                time.sleep(0.05)
                cleaned.append("revoked")

            ctx.on_finish(revoke)
            return ok("token issued")

    def first_ctrl_c(outcome: Any) -> None:
        raise KeyboardInterrupt

    result = run_checks([Registers], make_context(), on_done=first_ctrl_c)
    assert cleaned == ["revoked"]
    assert result.interrupted


class Crashes(Check[None]):
    id = "crashes"
    title = "crashes"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        raise ValueError("a bug")


class Fails(Crashes):
    id = "fails"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return fail("expected failure")


def test_a_crash_is_never_suppressed() -> None:
    suppressed = {"crashes": "TICKET-1", "fails": "TICKET-2"}
    result = run_checks(
        [Crashes, Fails], make_context(), selection=Selection(suppressed=suppressed)
    )
    outcomes = {o.id: o for o in result.outcomes}
    assert outcomes["crashes"].status is Status.ERROR
    assert outcomes["crashes"].skipped_by_user is None
    assert outcomes["fails"].status is Status.SKIP  # a failure may be suppressed, a crash not
    assert outcomes["fails"].skipped_by_user == "TICKET-2"


class Hung(Check[None]):
    """A request that never answers, until the test lets it go."""

    id, title, timeout = "hung", "hung", 10.0
    release = threading.Event()

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return ok("answered") if self.release.wait(10) else fail("no answer")


@pytest.fixture
def interrupt_handlers() -> Iterator[None]:
    """flexcheck's own Ctrl-C and SIGTERM handlers, as the command installs them, then the
    test process's own again."""
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    interrupts.install()
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
        interrupts.consumed()


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signals need it"
)
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupt_a_finalizer_swallowed_still_ends_the_run(
    interrupt_handlers: None, sig: signal.Signals, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python runs a signal handler wherever the main thread is. Seen under load: SIGTERM landed
    # in a WeakSet's weakref callback, its KeyboardInterrupt was printed and dropped, and the run
    # waited on for a hung request (15 s), then printed nothing.
    swallowed: list[type[BaseException] | None] = []
    monkeypatch.setattr("sys.unraisablehook", lambda raised: swallowed.append(raised.exc_type))
    Hung.release.clear()

    class Finalized:
        pass

    keep: list[weakref.ref[Finalized]] = []

    def signal_inside_a_finalizer(outcome: Any) -> None:
        if outcome.id == "quick":
            thing = Finalized()
            keep.append(weakref.ref(thing, lambda _: signal.raise_signal(sig)))
            del thing  # the callback runs now, on this (the main) thread, and the signal with it

    started = time.monotonic()
    try:
        result = run_checks([Quick, Hung], make_context(), on_done=signal_inside_a_finalizer)
    finally:
        Hung.release.set()
    assert swallowed == [KeyboardInterrupt]  # the KeyboardInterrupt really was lost
    assert result.interrupted
    hung = {o.id: o for o in result.outcomes}["hung"]
    assert hung.status is Status.SKIP
    assert hung.duration_ms < 1200
    assert time.monotonic() - started < 1.2  # noticed at the runner's next look, within 0.5 s
    # The interrupt ended that run only: the next run in this process is not interrupted.
    assert not run_checks([Quick], make_context()).interrupted


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signals need it"
)
def test_an_interrupt_lost_while_the_runner_waits_is_noticed_within_its_poll(
    interrupt_handlers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The case seen: the handler ran (in a finalizer) while the runner sat waiting for a hung
    # check, and nothing woke it. Here the handler runs in a check's thread, inside a weakref
    # callback: the interrupt is recorded, its KeyboardInterrupt dropped, the runner not woken.
    swallowed: list[type[BaseException] | None] = []
    monkeypatch.setattr("sys.unraisablehook", lambda raised: swallowed.append(raised.exc_type))
    Hung.release.clear()

    class LosesAnInterrupt(Check[None]):
        id, title = "loses", "loses"

        def run(self, ctx: Context, deps: Deps) -> Result[None]:
            time.sleep(0.05)  # the runner is waiting by now
            thing = Quick()
            keep = weakref.ref(thing, lambda _: interrupts._raise_interrupt(signal.SIGTERM, None))
            del thing
            Hung.release.wait(10)  # no answer of its own wakes the runner either
            return ok(f"lost one ({keep() is None})")

    started = time.monotonic()
    try:
        result = run_checks([LosesAnInterrupt, Hung], make_context())
    finally:
        Hung.release.set()
    assert swallowed == [KeyboardInterrupt]
    assert result.interrupted
    assert time.monotonic() - started < 1.2  # the runner looks every 0.5 s
