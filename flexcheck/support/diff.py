"""What changed between two runs: statuses, findings, provenance, versions, requests.

"Worse" is the gate: a check that went from pass or warn to fail, timeout or error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flexcheck.secrets import redact
from flexcheck.support.sides import Side

GOOD = ("pass", "warn")
BAD = ("fail", "timeout", "error")
QUIET = ("pass", "skip")  # statuses that are not findings
_INPUTS = {
    "credentials": "credentials",
    "zip_password": "zip password",
    "plan": "plan",
    "config_file": "config file",
}


@dataclass(frozen=True)
class StatusChange:
    id: str
    title: str
    before: str
    after: str
    before_summary: str
    after_summary: str

    @property
    def worse(self) -> bool:
        return self.before in GOOD and self.after in BAD


@dataclass(frozen=True)
class Finding:
    id: str
    status: str
    summary: str


@dataclass(frozen=True)
class Change:
    what: str
    before: str
    after: str


@dataclass(frozen=True)
class Changes:
    exit_codes: tuple[int, int]
    statuses: tuple[StatusChange, ...] = ()
    checks_added: tuple[Finding, ...] = ()
    checks_gone: tuple[Finding, ...] = ()
    new_findings: tuple[Finding, ...] = ()  # same status on both sides, a different message
    gone_findings: tuple[Finding, ...] = ()
    provenance: tuple[Change, ...] = ()
    versions: tuple[Change, ...] = ()
    requests_appeared: tuple[str, ...] = ()
    requests_vanished: tuple[str, ...] = ()
    requests_answered: tuple[Change, ...] = ()  # the same request, another answer
    not_compared: tuple[str, ...] = ()

    @property
    def worse(self) -> tuple[StatusChange, ...]:
        return tuple(s for s in self.statuses if s.worse)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.statuses,
                self.checks_added,
                self.checks_gone,
                self.new_findings,
                self.gone_findings,
                self.provenance,
                self.versions,
                self.requests_appeared,
                self.requests_vanished,
                self.requests_answered,
            )
        )


def compare(before: Side, after: Side) -> Changes:
    old, new = _checks(before.report), _checks(after.report)
    statuses, new_findings, gone_findings = [], [], []
    for check_id in (i for i in new if i in old):
        was, now = old[check_id], new[check_id]
        if was["status"] != now["status"]:
            statuses.append(
                StatusChange(
                    check_id,
                    _s(now.get("title")),
                    _s(was["status"]),
                    _s(now["status"]),
                    _s(was.get("summary")),
                    _s(now.get("summary")),
                )
            )
        elif was["status"] not in QUIET and was.get("summary") != now.get("summary"):
            gone_findings.append(_finding(was))
            new_findings.append(_finding(now))
    appeared, vanished, answered = _requests(before.report, after.report)
    return Changes(
        exit_codes=(int(before.report.get("exit_code", 0)), int(after.report.get("exit_code", 0))),
        statuses=tuple(statuses),
        checks_added=tuple(_finding(c) for i, c in new.items() if i not in old),
        checks_gone=tuple(_finding(c) for i, c in old.items() if i not in new),
        new_findings=tuple(new_findings),
        gone_findings=tuple(gone_findings),
        provenance=tuple(_provenance(before, after, old, new)),
        versions=tuple(_changed(_versions(before), _versions(after))),
        requests_appeared=appeared,
        requests_vanished=vanished,
        requests_answered=answered,
        not_compared=tuple(
            f"inputs, variables and machine versions: only a bundle records them ({side.label} "
            "is a JSON report)"
            for side in (before, after)
            if side.kind != "bundle"
        ),
    )


def _checks(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(c["id"]): c for c in report.get("checks", [])}


def _finding(check: dict[str, Any]) -> Finding:
    return Finding(_s(check["id"]), _s(check["status"]), _s(check.get("summary")))


def _provenance(
    before: Side, after: Side, old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> list[Change]:
    changes = []
    if before.environment is not None and after.environment is not None:
        was, now = before.environment.get("inputs", {}), after.environment.get("inputs", {})
        changes += [
            Change(f"{label} from", _s(was.get(key)), _s(now.get(key)))
            for key, label in _INPUTS.items()
            if was.get(key) != now.get(key)
        ]
        old_names, new_names = _names(before.environment), _names(after.environment)
        changes += [Change(f"variable {n}", "not set", "set") for n in new_names - old_names]
        changes += [Change(f"variable {n}", "set", "not set") for n in old_names - new_names]
    for check_id in (i for i in new if i in old):
        was_at, now_at = _where(old[check_id]), _where(new[check_id])
        if was_at != now_at and "none" not in (was_at, now_at):
            changes.append(Change(f"{check_id} read", was_at, now_at))
    return sorted(changes, key=lambda c: c.what)


def _names(environment: dict[str, Any]) -> set[str]:
    return {_s(v.get("name")) for v in environment.get("variables", []) if isinstance(v, dict)}


def _where(check: dict[str, Any]) -> str:
    location = check.get("location")
    if not isinstance(location, dict):
        return "none"
    line = location.get("line")
    return _s(location.get("path")) + (f":{line}" if line is not None else "")


def _versions(side: Side) -> dict[str, str]:
    found = {"flexcheck": _s(side.report.get("flexcheck_version"))}
    v = side.versions
    if v is None:
        return found
    found["python"] = f"{_s(v.get('python'))} ({_s(v.get('python_implementation'))})"
    found["os"] = _s(v.get("os"))
    provider = v.get("terraform_provider")
    found["fortiflexvm provider"] = (
        _s(provider.get("version", "unreadable")) if isinstance(provider, dict) else "none"
    )
    libraries = v.get("libraries")
    if isinstance(libraries, dict):
        found.update({name: _s(ver, "not installed") for name, ver in libraries.items()})
    return found


def _changed(was: dict[str, str], now: dict[str, str]) -> list[Change]:
    # A version one side did not record (a plain JSON report) is not a change.
    return [Change(k, was[k], now[k]) for k in was if k in now and was[k] != now[k]]


def _requests(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[Change, ...]]:
    was, now = _answers(before), _answers(after)
    appeared = tuple(sorted(k for k in now if k not in was))
    vanished = tuple(sorted(k for k in was if k not in now))
    answered = tuple(
        Change(k, ", ".join(was[k]), ", ".join(now[k]))
        for k in sorted(now)
        if k in was and was[k] != now[k]
    )
    return appeared, vanished, answered


def _answers(report: dict[str, Any]) -> dict[str, list[str]]:
    """Each request as `METHOD host/path` (no query, it may vary), with the answers it got."""
    found: dict[str, list[str]] = {}
    for r in report.get("requests", []):
        parts = urlsplit(_s(r.get("url")))
        key = f"{_s(r.get('method'))} {parts.hostname or ''}{parts.path}"
        status = r.get("status")
        found.setdefault(key, []).append(_s(status if status is not None else r.get("error")))
    return {k: sorted(v) for k, v in found.items()}


def _s(value: Any, missing: str = "unknown") -> str:
    return missing if value is None else redact.scrub(str(value))
