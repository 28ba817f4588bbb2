"""A bundle as support reads it: header, the customer's report as shown, requests, redactions."""

from __future__ import annotations

from collections.abc import Collection

from rich.console import Console
from rich.text import Text

from flexcheck.report import human
from flexcheck.report import markdown as report_markdown
from flexcheck.secrets import redact
from flexcheck.support import header
from flexcheck.support.opening import Bundle
from flexcheck.support.replay import replay


def explain_lines(bundle: Bundle, known: Collection[str]) -> list[str]:
    """`flexcheck explain ID` for each failing check; a check this flexcheck lacks is named so."""
    return [
        f"flexcheck explain {check_id}   ({status})"
        if check_id in known
        else f"{check_id} ({status}): not a check this flexcheck has (a check pack the customer "
        "installed?), so `flexcheck explain` cannot describe it"
        for check_id, status in header.failing(bundle.report)
    ]


def render_human(console: Console, bundle: Bundle, known: Collection[str]) -> None:
    for section in header.sections(bundle):
        _title(console, section.title)
        width = max(len(label) for label, _ in section.rows)
        for label, value in section.rows:
            _line(console, f"{label:<{width}}  {value}".rstrip())
    console.print()
    _title(console, "The customer's report, as their terminal showed it")
    console.rule(style="dim")
    run, code = replay(bundle.report, f"report.json in {bundle.path}")
    human.render(console, run, code)
    console.rule(style="dim")
    explain = explain_lines(bundle, known)
    if explain:
        console.print()
        _title(console, "What each failing check means, and every way to fix it")
        for line in explain:
            _line(console, line)
    console.print()
    count = len(bundle.requests)
    _title(console, f"Requests the customer's run made ({count}, from requests.json)")
    for line in header.ledger(bundle) or ["none"]:
        _line(console, line)
    console.print()
    _title(console, "What was redacted before the bundle was written")
    for line in header.redactions(bundle):
        _line(console, line)


def render_markdown(bundle: Bundle, known: Collection[str]) -> str:
    """A block to paste into a ticket: the same facts, the report as `--format markdown` has it."""
    lines = [f"## flexcheck support bundle {_cell(bundle.path.name)}", ""]
    for section in header.sections(bundle):
        if section.title == "Bundle":
            lines.extend(f"- **{label}**: {_cell(value)}" for label, value in section.rows)
            lines.append("")
            continue
        lines += [f"**{section.title}**", "", "| | |", "|---|---|"]
        lines.extend(f"| {_cell(label)} | {_cell(value)} |" for label, value in section.rows)
        lines.append("")
    lines.append(report_markdown.render(bundle.report))
    explain = explain_lines(bundle, known)
    if explain:
        lines += ["**Explain the failing checks**", "", "```"]
        lines += [line.replace("`", "'") for line in explain]
        lines += ["```", ""]
    lines += [f"**Requests** ({len(bundle.requests)})", "", "```"]
    lines += header.ledger(bundle) or ["none"]
    lines += ["```", "", "**Redactions**", ""]
    lines.extend(f"- {_cell(line)}" for line in header.redactions(bundle))
    return redact.scrub("\n".join(lines) + "\n")


def _title(console: Console, text: str) -> None:
    console.print(Text(text, style="bold"), soft_wrap=True)


def _line(console: Console, text: str) -> None:
    console.print(Text("  " + redact.scrub(text)), soft_wrap=True)


# The report's own cell escaping: one rule for every table flexcheck writes in Markdown.
_cell = report_markdown._cell
