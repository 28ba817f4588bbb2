"""Runs the checks: requirements first, independent checks at once, every one bounded in time."""

from __future__ import annotations

import queue
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flexcheck import redact
from flexcheck.context import Context
from flexcheck.http import RequestRecord
from flexcheck.model import CheckOutcome, Deps, Result, Status
from flexcheck.registry import CheckType

DEFAULT_DEADLINE = 60.0


@dataclass(frozen=True)
class RunResult:
    outcomes: tuple[CheckOutcome, ...]
    requests: tuple[RequestRecord, ...]
    tracebacks: dict[str, str] = field(default_factory=dict)  # redacted, shown with --debug


@dataclass(frozen=True)
class Selection:
    """Which checks the user turned off, and why each is off."""

    skipped: dict[str, str] = field(default_factory=dict)  # id -> reason shown in the report


@dataclass
class _Running:
    check: CheckType
    started: float
    thread: threading.Thread


def _outcome(
    check: CheckType, result: Result[Any], duration: float, blocked_by: str | None = None
) -> CheckOutcome:
    step = result.guide_step if result.guide_step is not None else check.guide_step
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
        host=result.host,
    )


def _why_blocked(result: Result[Any]) -> str:
    return "was skipped" if result.status is Status.SKIP else f"did not pass ({result.status})"


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

    def finish(
        check: CheckType, result: Result[Any], duration: float, blocked_by: str | None = None
    ) -> None:
        finished[check.id] = result
        outcomes[check.id] = _outcome(check, result, duration, blocked_by)
        if on_done is not None:
            on_done(outcomes[check.id])

    def start(check: CheckType) -> None:
        deps = Deps({r.id: finished[r.id].value for r in check.requires})

        def work() -> None:
            try:
                results.put((check.id, check().run(ctx, deps), None))
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
                    Result(Status.SKIP, f"not run: {blocker} {_why_blocked(finished[blocker])}"),
                    0.0,
                    blocked_by=blocker,
                )
            elif all(r.id in finished for r in check.requires):
                pending.remove(check)
                if ctx.options.offline and check.network:
                    finish(
                        check,
                        Result(Status.SKIP, "not run: --offline turns off network checks"),
                        0.0,
                    )
                else:
                    start(check)

    schedule()
    while running or pending:
        now = time.monotonic()
        if now >= end:
            break
        soonest = min([end] + [r.started + r.check.timeout for r in running.values()])
        try:
            check_id, result, crash = results.get(timeout=max(0.0, soonest - now))
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
        item = running.pop(check_id, None)
        if item is None:  # it answered after its timeout was already reported
            continue
        duration = time.monotonic() - item.started
        if result is None:
            tracebacks[check_id] = crash or ""
            summary = (crash or "").strip().splitlines()[-1:] or ["unknown error"]
            finish(
                item.check,
                Result(
                    Status.ERROR,
                    f"the check crashed: {summary[0]}",
                    hint="This is a bug in flexcheck, not in your setup: "
                    "run with --debug and report it.",
                ),
                duration,
            )
        else:
            finish(item.check, result, duration)
        schedule()

    now = time.monotonic()
    for item in running.values():
        finish(
            item.check,
            Result(
                Status.TIMEOUT,
                f"stopped at the run's {deadline:g} s deadline",
                network=item.check.network,
            ),
            now - item.started,
        )
    for check in pending:
        finish(check, Result(Status.SKIP, "not run: the run's deadline passed"), 0.0)

    for cleanup in ctx.take_cleanups():
        try:
            cleanup()
        except Exception:  # noqa: S112  # best effort: a cleanup never changes the verdict
            continue
    ordered_outcomes = tuple(outcomes[c.id] for c in checks)
    return RunResult(ordered_outcomes, ctx.http.log.records(), tracebacks)
