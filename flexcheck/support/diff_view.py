"""The comparison of two runs on a terminal, and as JSON for a pipeline."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.text import Text

from flexcheck.core.model import Status
from flexcheck.report.human import MARKS
from flexcheck.secrets import redact
from flexcheck.support.diff import Change, Changes, Finding

DIFF_SCHEMA_VERSION = 1


def verdict(changes: Changes) -> str:
    worse = changes.worse
    if worse:
        named = ", ".join(s.id for s in worse)
        return f"Worse: {len(worse)} check(s) went from pass or warn to fail or error ({named})."
    if changes.empty:
        return "No change: both runs found the same."
    return "Nothing got worse."


def render_human(console: Console, before: str, after: str, changes: Changes) -> None:
    was, now = changes.exit_codes
    _title(console, f"flexcheck diff {before} -> {after}")
    _line(console, f"exit code {was} -> {now}" if was != now else f"exit code {now} on both")
    if changes.statuses:
        console.print()
        _title(console, "Checks whose status changed")
        for s in changes.statuses:
            row = Text("  ")
            row.append(f"{s.id}: {s.before} -> {s.after}", style="bold")
            if s.worse:
                row.append("  (worse)", style="bold red")
            console.print(row, soft_wrap=True)
            _line(console, f"before: {s.before_summary}", 6)
            _line(console, f"after:  {s.after_summary}", 6)
    _findings(console, "New findings", changes.new_findings)
    _findings(console, "Gone findings", changes.gone_findings)
    _findings(console, f"Checks only in {after}", changes.checks_added)
    _findings(console, f"Checks only in {before}", changes.checks_gone)
    _changes(console, "Provenance changed (where inputs came from)", changes.provenance)
    _changes(console, "Versions changed", changes.versions)
    _plain(console, "Requests that appeared", changes.requests_appeared)
    _plain(console, "Requests that vanished", changes.requests_vanished)
    _changes(console, "Requests answered differently", changes.requests_answered)
    _plain(console, "Not compared", changes.not_compared)
    console.print()
    style = "bold red" if changes.worse else "bold green"
    console.print(Text(verdict(changes), style=style), soft_wrap=True)


def render_json(before: str, after: str, changes: Changes, code: int) -> str:
    document: dict[str, Any] = {
        "schema_version": DIFF_SCHEMA_VERSION,
        "before": before,
        "after": after,
        "worse": bool(changes.worse),
        "exit_code": code,
        "verdict": verdict(changes),
        "customer_exit_codes": list(changes.exit_codes),
        "status_changes": [{**asdict(s), "worse": s.worse} for s in changes.statuses],
        "new_findings": [asdict(f) for f in changes.new_findings],
        "gone_findings": [asdict(f) for f in changes.gone_findings],
        "checks_added": [asdict(f) for f in changes.checks_added],
        "checks_gone": [asdict(f) for f in changes.checks_gone],
        "provenance": [asdict(c) for c in changes.provenance],
        "versions": [asdict(c) for c in changes.versions],
        "requests_appeared": list(changes.requests_appeared),
        "requests_vanished": list(changes.requests_vanished),
        "requests_answered_differently": [asdict(c) for c in changes.requests_answered],
        "not_compared": list(changes.not_compared),
    }
    return redact.scrub(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _findings(console: Console, title: str, findings: tuple[Finding, ...]) -> None:
    if not findings:
        return
    console.print()
    _title(console, title)
    for f in findings:
        known = f.status in {str(s) for s in Status}
        mark, style = MARKS[Status(f.status)] if known else (f.status, "")
        row = Text("  ")
        row.append(f"{mark:<10}", style=style)
        row.append(f"{f.id}: {redact.scrub(f.summary)}")
        console.print(row, soft_wrap=True)


def _changes(console: Console, title: str, changes: tuple[Change, ...]) -> None:
    _plain(console, title, tuple(f"{c.what}: {c.before} -> {c.after}" for c in changes))


def _plain(console: Console, title: str, lines: tuple[str, ...]) -> None:
    if not lines:
        return
    console.print()
    _title(console, title)
    for line in lines:
        _line(console, line)


def _title(console: Console, text: str) -> None:
    console.print(Text(redact.scrub(text), style="bold"), soft_wrap=True)


def _line(console: Console, text: str, by: int = 2) -> None:
    console.print(Text(" " * by + redact.scrub(text)), soft_wrap=True)
