"""A Markdown table fit for a pull-request comment, a CI step summary or a support ticket."""

from __future__ import annotations

from typing import Any

from flexcheck.core.guide import step_label
from flexcheck.core.verdict import ExitCode, verdict_line

MARKS = {
    "pass": "✅ pass",
    "warn": "⚠️ warn",
    "fail": "❌ fail",
    "skip": "⏭️ skip",
    "error": "💥 error",
    "timeout": "⏱️ timeout",
}


def render(document: dict[str, Any]) -> str:
    verdict = verdict_line(ExitCode(document["exit_code"]))
    lines = [
        f"### flexcheck {document['flexcheck_version']}: {_cell(verdict)}",
        "",
        "| Result | Check | What flexcheck found | What to do |",
        "|---|---|---|---|",
    ]
    for check in document["checks"]:
        found = "<br>".join(_cell(t) for t in (check["summary"], *check["details"]))
        todo = _cell(check["hint"])
        if check["guide_step"] is not None and check["status"] not in ("pass", "skip"):
            todo += ("<br>" if todo else "") + _cell(f"Guide {step_label(check['guide_step'])}")
        title = f"`{check['id']}` {_cell(check['title'])}"
        lines.append(
            f"| {MARKS.get(check['status'], check['status'])} | {title} | {found} | {todo} |"
        )
    expired = [s for s in document.get("suppressions", []) if not s["active"]]
    if expired:
        lines.append("")
        lines.extend(
            f"- Suppression of `{s['check']}` in {_cell(s['source'])} expired on "
            f"{s['expires']}: it no longer applies ({_cell(s['reason'])})."
            for s in expired
        )
    lines.append("")
    lines.append(f"Exit code {document['exit_code']}; gate fails on: {document.get('fail_on')}.")
    return "\n".join(lines) + "\n"  # the document's free text is masked already


def _cell(text: str) -> str:
    """One table cell: no pipe, line break or HTML can break the table or inject markup."""
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("`", "'")):
        text = text.replace(raw, safe)
    return " ".join(text.split())
