"""Runs the checks: requirements first, independent checks at once, every one bounded in time."""

from __future__ import annotations

import queue
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from flexcheck.core import interrupts
from flexcheck.core.bad_results import crashed, malformed
from flexcheck.core.context import Context
from flexcheck.core.model import CheckOutcome, Deps, Result, Status
from flexcheck.core.outcomes import dead_end, outcome_of, why_blocked
from flexcheck.core.registry import CheckType
from flexcheck.core.suppression import SuppressionState
from flexcheck.forticloud.ledger import RequestRecord
from flexcheck.secrets import redact

DEFAULT_DEADLINE = 60.0
# How often the waiting loop looks for an interrupt whose KeyboardInterrupt was lost.
_LOOK_FOR_INTERRUPTS = 0.5


@dataclass(frozen=True)
class RunResult:
    outcomes: tuple[CheckOutcome, ...]
    requests: tuple[RequestRecord, ...]
    tracebacks: dict[str, str] = field(default_factory=dict)  # redacted, shown with --debug
    interrupted: bool = False  # Ctrl-C or SIGTERM: the outcomes are the report so far
    suppressions: tuple[SuppressionState, ...] = ()


@dataclass(frozen=True)
class Selection:
    """Which checks the user turned off, and why each is off."""

    skipped: dict[str, str] = field(default_factory=dict)  # id -> reason shown in the report
    # id -> reason: the check runs (its dependents need it), but a warn or fail it ends with is
    # reported as skipped by the user and does not fail the gate.
    suppressed: dict[str, str] = field(default_factory=dict)
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # added to the details
    suppressions: tuple[SuppressionState, ...] = ()  # what the config file asked, for reports

    def apply(self, outcome: CheckOutcome) -> CheckOutcome:
        """Mark user skips and suppressions, so that no report can present them as anything else."""
        notes = self.notes.get(outcome.id, ())
        if notes:
            outcome = replace(outcome, details=(*outcome.details, *notes))
        if outcome.id in self.skipped:
            return replace(outcome, skipped_by_user=self.skipped[outcome.id])
        reason = self.suppressed.get(outcome.id)
        if reason is not None and outcome.status in _SUPPRESSIBLE:
            return replace(
                outcome,
                status=Status.SKIP,
                summary=f"suppressed by the user: {reason}; it ended {outcome.status}: "
                f"{outcome.summary}",
                skipped_by_user=reason,
            )
        return outcome


# A crash is flexcheck's bug, never the user's to accept: it stays an error.
_SUPPRESSIBLE = (Status.WARN, Status.FAIL, Status.TIMEOUT)


@dataclass
class _Running:
    check: CheckType
    started: float
    thread: threading.Thread


def run_checks(
    checks: Sequence[CheckType],
    ctx: Context,
    *,
    selection: Selection | None = None,
    deadline: float = DEFAULT_DEADLINE,
    on_done: Callable[[CheckOutcome], None] | None = None,
    on_start: Callable[[CheckType], None] | None = None,
) -> RunResult:
    """Run `checks` (already in dependency order) and return one outcome per check, in order."""
    selection = selection or Selection()
    finished: dict[str, Result[Any]] = {}
    outcomes: dict[str, CheckOutcome] = {}
    tracebacks: dict[str, str] = {}
    running: dict[str, _Running] = {}
    pending = list(checks)
    results: queue.Queue[tuple[str, Result[Any] | None, str | None]] = queue.Queue()
    end = time.monotonic() + deadline
    dead: dict[str, str] = {}  # host -> the check that found its route dead

    def dead_host(check: CheckType) -> tuple[str, str] | None:
        return next(((h, dead[h]) for h in check.talks_to(ctx) if h in dead), None)

    def cut_off_dead() -> None:
        """End every running check that waits for a host found dead: its answer cannot come."""
        now = time.monotonic()
        for check_id, item in list(running.items()):
            found = dead_host(item.check)
            if found is not None:
                del running[check_id]
                finish(item.check, dead_end(*found), now - item.started, blocked_by=found[1])

    def finish(
        check: CheckType, result: Result[Any], duration: float, blocked_by: str | None = None
    ) -> None:
        finished[check.id] = result
        if result.route_dead and result.status is Status.FAIL and result.host is not None:
            dead.setdefault(result.host, check.id)
        outcomes[check.id] = selection.apply(outcome_of(check, result, duration, blocked_by))
        if on_done is not None:
            on_done(outcomes[check.id])

    def start(check: CheckType) -> None:
        deps = Deps({r.id: finished[r.id].value for r in check.requires})

        def work() -> None:
            try:
                instance = check()
                result = instance.run(ctx, deps)
                problem = malformed(result)
                if problem is not None:  # a bug in the check: an error, never a broken run
                    raise TypeError(f"the check {check.id} {problem}")
                result = replace(result, location=instance.locate(ctx, deps, result))
                results.put((check.id, result, None))
            except BaseException as error:  # the runner turns a crash into `error`
                text = redact.scrub("".join(traceback.format_exception(error)))
                results.put((check.id, None, text))

        thread = threading.Thread(target=work, name=f"check-{check.id}", daemon=True)
        running[check.id] = _Running(check, time.monotonic(), thread)
        if on_start is not None:
            on_start(check)
        thread.start()

    def schedule() -> None:
        for check in list(pending):
            if check.id in selection.skipped:
                pending.remove(check)
                finish(check, Result(Status.SKIP, selection.skipped[check.id]), 0.0)
                continue
            blocker = next(
                (
                    r.id
                    for r in check.requires
                    if r.id in finished and not finished[r.id].satisfies_dependents
                ),
                None,
            )
            if blocker is not None:
                pending.remove(check)
                finish(
                    check,
                    Result(Status.SKIP, f"not run: {blocker} {why_blocked(finished[blocker])}"),
                    0.0,
                    blocked_by=blocker,
                )
            elif all(r.id in finished for r in check.requires):
                pending.remove(check)
                found = dead_host(check) if check.network and not ctx.options.offline else None
                if found is not None:
                    finish(check, dead_end(*found), 0.0, blocked_by=found[1])
                elif ctx.options.offline and check.network:
                    finish(
                        check,
                        Result(Status.SKIP, "not run: --offline turns off network checks"),
                        0.0,
                    )
                else:
                    start(check)

    def settle(check_id: str, result: Result[Any] | None, crash: str | None) -> None:
        item = running.pop(check_id, None)
        if item is None:  # it answered after its timeout was already reported
            return
        if result is None:
            tracebacks[check_id] = crash or ""
            result = crashed(crash or "")
        finish(item.check, result, time.monotonic() - item.started)

    def wait_for_graceful() -> None:
        """A bounded wait for the checks in flight whose answer needs a cleanup (a login)."""
        graceful = {i for i, r in running.items() if r.check.grace > 0}
        until = time.monotonic() + max((running[i].check.grace for i in graceful), default=0.0)
        while graceful & running.keys() and (left := until - time.monotonic()) > 0:
            try:
                settle(*results.get(timeout=left))
            except queue.Empty:
                return

    def stop_the_rest(interrupted: bool) -> None:
        now = time.monotonic()
        for item in running.values():
            if item.check.id in outcomes:
                continue
            stopped: Result[Any] = (
                Result(Status.SKIP, "interrupted before it finished")
                if interrupted
                else Result(
                    Status.TIMEOUT,
                    f"stopped at the run's {deadline:g} s deadline",
                    network=item.check.network,
                )
            )
            finish(item.check, stopped, now - item.started)
        why = "interrupted" if interrupted else "the run's deadline passed"
        for check in checks:
            if check.id not in outcomes:
                finish(check, Result(Status.SKIP, f"not run: {why}"), 0.0)

    interrupted = False
    try:
        schedule()
        while running or pending:
            if interrupts.arrived():  # its KeyboardInterrupt was lost where the handler ran
                raise KeyboardInterrupt
            now = time.monotonic()
            if now >= end:
                break
            soonest = min([end] + [r.started + r.check.timeout for r in running.values()])
            wait = min(max(0.0, soonest - now), _LOOK_FOR_INTERRUPTS)
            try:
                check_id, result, crash = results.get(timeout=wait)
            except queue.Empty:
                now = time.monotonic()
                for check_id, late in list(running.items()):
                    if now >= late.started + late.check.timeout:
                        del running[check_id]
                        finish(
                            late.check,
                            Result(
                                Status.TIMEOUT,
                                f"gave no answer within {late.check.timeout:g} s",
                                network=late.check.network,
                            ),
                            now - late.started,
                        )
                schedule()
                continue
            settle(check_id, result, crash)
            cut_off_dead()
            schedule()
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM turned into one by flexcheck.core.interrupts
        interrupted = True
        interrupts.consumed()
    finally:
        # From here on a further Ctrl-C is only noted: the token must still be revoked. Any
        # other failure of the loop above still ends here, so the cleanups always run.
        with interrupts.held() as arrived:
            try:
                if interrupted:
                    ctx.http.wind_down()  # no retries, short waits: the user wants out
                    wait_for_graceful()
                stop_the_rest(interrupted)
            finally:
                _run_cleanups(ctx)
    interrupted = interrupted or bool(arrived)
    ordered_outcomes = tuple(outcomes[c.id] for c in checks)
    return RunResult(
        ordered_outcomes, ctx.http.log.records(), tracebacks, interrupted, selection.suppressions
    )


def _run_cleanups(ctx: Context) -> None:
    for cleanup in ctx.take_cleanups():
        try:
            cleanup()
        except Exception:  # noqa: S112  # best effort: a cleanup never changes the verdict
            continue
