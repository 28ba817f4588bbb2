"""What a support engineer reads before the report: when, which versions, which inputs, from where.

Plain rows of text, so the terminal and the Markdown views say exactly the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from flexcheck.secrets import redact
from flexcheck.support.opening import Bundle

T = TypeVar("T", dict[str, Any], list[Any])
FAILING = ("fail", "timeout", "error")
_INPUTS = (
    ("credentials", "credentials"),
    ("zip_password", "zip password"),
    ("plan", "plan"),
    ("config_file", "config file"),
)


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[tuple[str, str], ...]


def sections(bundle: Bundle) -> tuple[Section, ...]:
    v = bundle.versions
    report = bundle.report
    made = Section(
        "Bundle",
        (
            ("file", bundle.path.name),
            ("made", bundle.made_at),
            ("by", f"flexcheck {_text(v.get('flexcheck'))}, bundle schema {bundle.schema_version}"),
            ("encryption", bundle.encryption),
            ("verdict", _verdict(report)),
        ),
    )
    libraries = _of(v.get("libraries"), dict)
    machine = Section(
        "Versions",
        (
            ("python", f"{_text(v.get('python'))} ({_text(v.get('python_implementation'))})"),
            ("os", f"{_text(v.get('os'))} ({_text(v.get('machine'))})"),
            ("provider", _provider(v.get("terraform_provider"))),
            (
                "libraries",
                ", ".join(f"{n} {_text(ver, 'not installed')}" for n, ver in libraries.items())
                or "not recorded",
            ),
        ),
    )
    env = bundle.environment
    given = _of(env.get("inputs"), dict)
    inputs = Section("Inputs", tuple((label, _text(given.get(key))) for key, label in _INPUTS))
    listed = _of(env.get("variables"), list)
    variables = Section(
        "Variables set (names only, never values)",
        tuple(
            (_text(item.get("name")), _text(item.get("meaning"), ""))
            for item in listed
            if isinstance(item, dict)
        )
        or (("none", "no variable flexcheck or Terraform reads was set"),),
    )
    return made, machine, inputs, variables


def ledger(bundle: Bundle) -> list[str]:
    """requests.json, one line a request: what the customer's run asked, and what came back."""
    lines = []
    for r in bundle.requests:
        if not isinstance(r, dict):
            continue
        answer = r.get("status") if r.get("status") is not None else (r.get("error") or "-")
        lines.append(
            f"{_text(r.get('method'))} {_text(r.get('host'))}{_text(r.get('path'), '')} -> "
            f"{answer} ({_text(r.get('duration_ms'))} ms)"
        )
    return lines


def redactions(bundle: Bundle) -> list[str]:
    masked = bundle.redactions.get("masked")
    lines = []
    if isinstance(masked, dict):
        counts = ", ".join(f"{name} {count}" for name, count in masked.items())
        lines.append(f"masked (*** left in each file): {counts}")
    withheld = bundle.redactions.get("withheld")
    if isinstance(withheld, list):
        lines.extend(f"withheld: {_text(item)}" for item in withheld)
    return lines or ["redactions.json lists nothing"]


def failing(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(id, status) of every check that needs action, in report order."""
    return [
        (str(c.get("id")), str(c.get("status")))
        for c in report.get("checks", [])
        if isinstance(c, dict) and c.get("status") in FAILING
    ]


def _verdict(report: dict[str, Any]) -> str:
    return (
        f"exit code {_text(report.get('exit_code'))} on the customer's machine, gate fails on "
        f"{_text(report.get('fail_on'))} (shown as it was, not re-gated here)"
    )


def _provider(found: Any) -> str:
    if not isinstance(found, dict):
        return "fortiflexvm not found in .terraform.lock.hcl (or no lock file)"
    if "error" in found:
        return _text(found["error"])
    return (
        f"fortiflexvm {_text(found.get('version'))} (constraint "
        f"{_text(found.get('constraint'), 'none')}, from {_text(found.get('from'))})"
    )


def _of(value: Any, kind: type[T]) -> T:
    """The value when it has the expected JSON type, else an empty one: a hand edit shows as
    missing rows, not as a crash."""
    return value if isinstance(value, kind) else kind()


def _text(value: Any, missing: str = "unknown") -> str:
    # The bundle was scrubbed when written; scrubbing again costs nothing and guards a hand edit.
    return missing if value is None else redact.scrub(str(value))
