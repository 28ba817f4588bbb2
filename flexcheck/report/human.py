"""The terminal report: one row per check, hints under the ones that need action, a verdict."""

from __future__ import annotations

import os
import textwrap
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
    # One row per check, its summary indented below, each word-wrapped to the terminal with
    # indented continuation lines: reads well at 60 columns as at 200.
    width = console.width
    for outcome in run.outcomes:
        mark, style = MARKS[outcome.status]
        duration = "" if outcome.status is Status.SKIP else f"  {_duration(outcome.duration_ms)}"
        lines = _wrap(f"{mark:<10}{outcome.title}{duration}", width, 0, 10)
        for n, line in enumerate(lines):
            row = Text(line, style="bold")
            if n == 0:
                row.stylize(style, 0, len(mark))
            if duration and n == len(lines) - 1 and line.endswith(duration.strip()):
                row.stylize("dim", len(line) - len(duration.strip()))
            console.print(row, soft_wrap=True)
        for line in (outcome.summary, *outcome.details):
            _say(console, line, 10, width)

    for outcome in run.outcomes:
        if outcome.status in (Status.PASS, Status.SKIP):
            continue
        mark, style = MARKS[outcome.status]
        console.print()
        console.print(Text.assemble((outcome.id, f"bold {style}"), f" ({outcome.status})"))
        if outcome.hint:
            _say(console, f"What to do: {outcome.hint}", 2, width)
        if outcome.guide_step is not None:
            _say(console, f"Guide {step_label(outcome.guide_step)}", 2, width)
            _say(console, f"Fix it at {step_url(outcome.guide_step)}", 2, width)
            _say(console, f"Guide: {GUIDE_URL}", 2, width)
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
        for line in _wrap(note, console.width, 0, 2):  # never scrubbed: the text is ours
            console.print(Text(line, style="dim"), soft_wrap=True)
    console.print()
    style = "bold green" if code is ExitCode.OK else "bold red"
    console.print(Text(_verdict(run, code), style=style))


def _verdict(run: RunResult, code: ExitCode) -> str:
    failing = (Status.FAIL, Status.TIMEOUT)
    if code is ExitCode.FAILED and not any(o.status in failing for o in run.outcomes):
        # Nothing failed: warnings stopped the gate, under --fail-on warn.
        return "Not ready: the warnings above fail the gate (--fail-on warn); fix them first."
    return verdict_line(code)


def _wrap(text: str, width: int, first: int, rest: int) -> list[str]:
    """Whole words per line; a word longer than the line (a URL) stays whole, to be copied."""
    return textwrap.wrap(
        text,
        width=max(width, 40),
        initial_indent=" " * first,
        subsequent_indent=" " * rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [" " * first]


def _say(console: Console, text: str, by: int, width: int) -> None:
    for paragraph in redact.scrub(text).splitlines() or [""]:
        for line in _wrap(paragraph, width, by, by + 2):
            console.print(Text(line), soft_wrap=True)


def _indented(text: str, by: int = 2) -> Text:
    # soft_wrap at print time: long URLs stay whole, so they can be copied from CI logs.
    return Text(" " * by + redact.scrub(text))
