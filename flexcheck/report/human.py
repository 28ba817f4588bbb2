"""The terminal report: one row per check, hints under the ones that need action, a verdict."""

from __future__ import annotations

import os
from collections.abc import Mapping

from rich.console import Console
from rich.text import Text

from flexcheck.core.guide import GUIDE_URL, step_label, step_url
from flexcheck.core.model import Status
from flexcheck.core.runner import RunResult
from flexcheck.core.verdict import ExitCode, verdict_line
from flexcheck.secrets import redact

MARKS: dict[Status, tuple[str, str]] = {
    Status.PASS: ("✔ pass", "green"),
    Status.WARN: ("! warn", "yellow"),
    Status.FAIL: ("✘ fail", "red"),
    Status.SKIP: ("- skip", "dim"),
    Status.ERROR: ("✘ error", "magenta"),
    Status.TIMEOUT: ("⏱ timeout", "red"),
}


def make_console(env: Mapping[str, str] | None = None) -> Console:
    """stdout; with NO_COLOR set, no escape code at all (rich alone would keep bold and dim)."""
    env = os.environ if env is None else env
    return Console(highlight=False, color_system=None if env.get("NO_COLOR") else "auto")


def _duration(ms: int) -> str:
    return f"{ms / 1000:.1f} s" if ms >= 1000 else f"{ms} ms"


def render(
    console: Console,
    run: RunResult,
    code: ExitCode,
    *,
    debug: bool = False,
    show_requests: bool = False,
) -> None:
    # One row per check, its summary indented below: reads well at any terminal width.
    for outcome in run.outcomes:
        mark, style = MARKS[outcome.status]
        row = Text.assemble((f"{mark:<10}", style), (outcome.title, "bold"))
        if outcome.status is not Status.SKIP:
            row.append(f"  {_duration(outcome.duration_ms)}", style="dim")
        console.print(row, soft_wrap=True)
        for line in (outcome.summary, *outcome.details):
            console.print(_indented(line, 10), soft_wrap=True)

    for outcome in run.outcomes:
        if outcome.status in (Status.PASS, Status.SKIP):
            continue
        mark, style = MARKS[outcome.status]
        console.print()
        console.print(Text.assemble((outcome.id, f"bold {style}"), f" ({outcome.status})"))
        if outcome.hint:
            console.print(_indented(f"What to do: {outcome.hint}"), soft_wrap=True)
        if outcome.guide_step is not None:
            console.print(_indented(f"Guide {step_label(outcome.guide_step)}"), soft_wrap=True)
            console.print(_indented(f"Fix it at {step_url(outcome.guide_step)}"), soft_wrap=True)
            console.print(_indented(f"Guide: {GUIDE_URL}"), soft_wrap=True)
        if debug and outcome.id in run.tracebacks:
            console.print(_indented(run.tracebacks[outcome.id]), style="dim", soft_wrap=True)
    if show_requests and run.requests:
        console.print()
        console.print(Text("Requests made (none of them can change the account):", style="bold"))
        for record in run.requests:
            status = record.status if record.status is not None else (record.error or "-")
            console.print(
                _indented(
                    f"{record.method} {redact.scrub_url(record.url)} -> "
                    f"{status} ({record.duration_ms} ms)"
                )
            )
    note = redact.unreliable_note()
    if note is not None:
        console.print()
        console.print(Text(note, style="dim"), soft_wrap=True)  # never scrubbed: it is ours
    console.print()
    style = "bold green" if code is ExitCode.OK else "bold red"
    console.print(Text(verdict_line(code), style=style))


def _indented(text: str, by: int = 2) -> Text:
    # soft_wrap at print time: long URLs stay whole, so they can be copied from CI logs.
    return Text(" " * by + redact.scrub(text))
