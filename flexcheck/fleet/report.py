"""Fleet output, written as entries finish: one summary row each, or one streamed JSON document."""

from __future__ import annotations

import json
from typing import Any, TextIO

from flexcheck import __version__
from flexcheck.core.verdict import ExitCode, verdict_line
from flexcheck.fleet.runner import EntryResult, FleetTally
from flexcheck.report.document import SCHEMA_VERSION, build
from flexcheck.secrets import redact

_MARK = {"pass": "ok", "warn": "warn", "fail": "FAIL", "timeout": "TIMEOUT", "error": "ERROR"}


def entry_document(result: EntryResult) -> dict[str, Any]:
    """An entry as JSON: its summary, then the same report a single run prints."""
    return {
        "name": redact.scrub(result.name),
        "worst_status": str(result.worst_status),
        "failing_checks": list(result.failing),
        "duration_ms": result.duration_ms,
        "exit_code": int(result.code),
        "report": build(result.run, result.code),
    }


class HumanFleetReport:
    """A header, then one aligned row per entry as it finishes, then the fleet's verdict."""

    def __init__(self, out: TextIO, name_width: int) -> None:
        self._out = out
        self._width = max(5, min(name_width, 40))

    def start(self, entries: int, jobs: int) -> None:
        self._write(f"flexcheck fleet: {entries} entries, {jobs} at a time")
        self._write(f"{'entry':<{self._width}}  {'status':<7}  {'time':>7}  failing checks")

    def entry(self, result: EntryResult) -> None:
        status = _MARK.get(str(result.worst_status), str(result.worst_status))
        failing = ", ".join(result.failing) or "-"
        seconds = f"{result.duration_ms / 1000:.2f} s"
        self._write(f"{result.name:<{self._width}}  {status:<7}  {seconds:>7}  {failing}")
        for outcome in result.run.outcomes:
            if outcome.id in result.failing:
                self._write(f"{'':<{self._width}}    {outcome.id}: {outcome.summary}")

    def finish(self, tally: FleetTally) -> None:
        if tally.hosts is not None:
            self._write("")
            self.entry(tally.hosts)  # checked once for every entry: the route and the clock
        counts = ", ".join(f"{n} {_CODE_WORDS[code]}" for code, n in sorted(tally.by_code.items()))
        self._write(f"\n{tally.entries} entries: {counts}.")
        self._write(verdict_line(tally.code))

    def _write(self, line: str) -> None:
        self._out.write(redact.scrub(line) + "\n")
        self._out.flush()


_CODE_WORDS = {
    ExitCode.OK: "ready",
    ExitCode.FAILED: "not ready",
    ExitCode.USAGE: "usage error",
    ExitCode.CRASHED: "crashed",
    ExitCode.UNREACHABLE: "unreachable",
    ExitCode.INTERRUPTED: "interrupted",
}


class JsonFleetReport:
    """One JSON document, written entry by entry so nothing accumulates in memory."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._first = True

    def start(self, entries: int, jobs: int) -> None:
        head = {
            "schema_version": SCHEMA_VERSION,
            "kind": "fleet",
            "flexcheck_version": __version__,
            "jobs": jobs,
        }
        self._out.write(json.dumps(head)[:-1] + ', "entries": [\n')

    def entry(self, result: EntryResult) -> None:
        text = json.dumps(entry_document(result), ensure_ascii=False)
        self._out.write(
            ("" if self._first else ",\n") + text
        )  # masked field by field in the document
        self._first = False
        self._out.flush()

    def finish(self, tally: FleetTally) -> None:
        tail = {
            # The host-level checks, run once for the whole fleet (absent with --offline).
            "hosts": entry_document(tally.hosts) if tally.hosts is not None else None,
            "ok": tally.code is ExitCode.OK,
            "exit_code": int(tally.code),
            "counts": {str(int(code)): n for code, n in sorted(tally.by_code.items())},
        }
        self._out.write("\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
        self._out.flush()
