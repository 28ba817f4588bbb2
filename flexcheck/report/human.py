"""The terminal report: one row per check, hints under the ones that need action, a verdict."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from flexcheck import redact
from flexcheck.guide import GUIDE_URL, step_label, step_url
from flexcheck.model import Status
from flexcheck.runner import RunResult
from flexcheck.verdict import ExitCode, verdict_line

MARKS: dict[Status, tuple[str, str]] = {
    Status.PASS: ("✔ pass", "green"),
    Status.WARN: ("! warn", "yellow"),
    Status.FAIL: ("✘ fail", "red"),
    Status.SKIP: ("- skip", "dim"),
    Status.ERROR: ("✘ error", "magenta"),
    Status.TIMEOUT: ("⏱ timeout", "red"),
}


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.2f}s" if ms else ""


def render(console: Console, run: RunResult, code: ExitCode, *, debug: bool = False,
           show_requests: bool = False) -> None:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column("status", no_wrap=True)
    table.add_column("check")
    table.add_column("result")
    table.add_column("time", justify="right", no_wrap=True)
    for outcome in run.outcomes:
        mark, style = MARKS[outcome.status]
        table.add_row(Text(mark, style=style), Text(outcome.title),
                      Text(redact.scrub(outcome.summary)), _seconds(outcome.duration_ms))
    console.print(table)

    needing = [o for o in run.outcomes if o.status not in (Status.PASS, Status.SKIP)]
    if needing:
        console.print()
    for outcome in needing:
        mark, style = MARKS[outcome.status]
        console.print(Text.assemble((f"{outcome.id}", f"bold {style}"), ": ",
                                    redact.scrub(outcome.summary)))
        if outcome.hint:
            console.print(Text("  what to do: " + redact.scrub(outcome.hint)))
        if outcome.guide_step is not None:
            console.print(Text(f"  guide: {step_label(outcome.guide_step)}"))
            console.print(Text(f"         fix it at {step_url(outcome.guide_step)}"))
            console.print(Text(f"         {GUIDE_URL}"))
        if debug and outcome.id in run.tracebacks:
            console.print(Text(redact.scrub(run.tracebacks[outcome.id]), style="dim"))
    for outcome in run.outcomes:
        for detail in outcome.details:
            console.print(Text(f"{outcome.id}: {redact.scrub(detail)}", style="dim"))
    if show_requests and run.requests:
        console.print()
        console.print(Text("Requests made (all read-only):", style="bold"))
        for record in run.requests:
            status = record.status if record.status is not None else (record.error or "-")
            console.print(Text(f"  {record.method} {redact.scrub_url(record.url)} -> {status} "
                               f"({record.duration_ms} ms)"))
    console.print()
    style = "bold green" if code is ExitCode.OK else "bold red"
    console.print(Text(verdict_line(code), style=style))
