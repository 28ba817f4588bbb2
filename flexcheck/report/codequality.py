"""GitLab Code Quality (CodeClimate JSON): the merge-request widget and the diff markers.

GitLab places every issue at a file and line, so only findings (warn, fail, timeout, error)
that name a file are issues; findings about no file (the network, the API) are left to the
gate, JUnit and the job log, as in SARIF.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flexcheck.secrets import redact

# GitLab's severities, from least to most urgent: info, minor, major, critical, blocker.
SEVERITY = {"warn": "minor", "timeout": "major", "error": "major", "fail": "critical"}


def render(document: dict[str, Any]) -> str:
    issues = [
        _issue(check)
        for check in document["checks"]
        if check["status"] in SEVERITY and check["location"] is not None
    ]
    return redact.scrub(json.dumps(issues, indent=2, ensure_ascii=False))


def _issue(check: dict[str, Any]) -> dict[str, Any]:
    location = check["location"]
    description = f"{check['id']} ({check['status']}): {check['summary']}"
    if check["hint"]:
        description += f" What to do: {check['hint']}"
    # The same finding at the same file keeps its fingerprint from one pipeline to the next,
    # so GitLab can tell a new issue from one the target branch already had.
    identity = f"flexcheck:{check['id']}:{location['path']}".encode()
    return {
        "type": "issue",
        "check_name": check["id"],
        "description": description,
        "categories": ["Security"] if check["id"] == "terraform-secrets" else ["Bug Risk"],
        "severity": SEVERITY[check["status"]],
        "fingerprint": hashlib.sha256(identity).hexdigest(),
        "location": {"path": location["path"], "lines": {"begin": location["line"] or 1}},
    }
