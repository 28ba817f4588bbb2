"""GitLab Code Quality (CodeClimate JSON): the merge-request widget and the diff markers.

GitLab places every issue at a file and line, so only findings (warn, fail, timeout, error)
that name a file are issues; findings about no file (the network, the API) are left to the
gate, JUnit and the job log, as in SARIF. A check that found several problems, each at its own
line, gives one issue per problem.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flexcheck.report.findings import placements
from flexcheck.secrets import redact

# GitLab's severities, from least to most urgent: info, minor, major, critical, blocker.
SEVERITY = {"warn": "minor", "timeout": "major", "error": "major", "fail": "critical"}


def render(document: dict[str, Any]) -> str:
    issues = [
        _issue(check, p.status, p.message, p.location, p.identity)
        for check in document["checks"]
        for p in placements(check)
        if p.location is not None
    ]
    return redact.scrub(json.dumps(issues, indent=2, ensure_ascii=False))


def _issue(
    check: dict[str, Any], status: str, said: str, location: dict[str, Any], identity: str
) -> dict[str, Any]:
    description = f"{check['id']} ({status}): {said}"
    if check["hint"]:
        description += f" What to do: {check['hint']}"
    # The same finding at the same file keeps its fingerprint from one pipeline to the next
    # (the identity holds no line number), so GitLab can tell a new issue from one the target
    # branch already had.
    return {
        "type": "issue",
        "check_name": check["id"],
        "description": description,
        "categories": ["Security"] if check["id"] == "terraform-secrets" else ["Bug Risk"],
        "severity": SEVERITY[status],
        "fingerprint": hashlib.sha256(f"flexcheck:{identity}".encode()).hexdigest(),
        "location": {"path": location["path"], "lines": {"begin": location["line"] or 1}},
    }
