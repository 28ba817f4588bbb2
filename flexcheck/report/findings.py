"""What a located report (SARIF, Code Quality, GitHub) places for each check, one by one.

A check that warned or failed is placed once per located finding, or else once itself, at its
own location if it has one. Each placement has an identity for its fingerprint: the check, the
file and the message, with the finding's own line number taken out of the message, so that a
line added above it does not make it a new finding; a second finding with the same identity is
numbered to stay distinct.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

# The statuses that make a check a finding; a pass, a skip (a suppressed one too) places none.
FINDING_STATUSES = frozenset({"warn", "fail", "timeout", "error"})


@dataclass(frozen=True)
class Placement:
    status: str
    message: str
    location: dict[str, Any] | None  # None: the check names no file (SARIF and GitLab skip it)
    identity: str  # the fingerprint's source: no line number in it
    of_finding: bool  # one of the check's findings, not the check's own summary


def placements(check: dict[str, Any]) -> list[Placement]:
    """Each located finding of a check that warned or failed; without any, the check itself."""
    if check["status"] not in FINDING_STATUSES:
        return []
    found = _located_findings(check)
    if found:
        return [Placement(f["status"], f["message"], f["location"], i, True) for f, i in found]
    location = check["location"]
    identity = f"{check['id']}:{location['path']}" if location is not None else check["id"]
    return [Placement(check["status"], check["summary"], location, identity, False)]


def _located_findings(check: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    seen: Counter[str] = Counter()
    placed_findings = []
    for finding in check.get("findings") or ():  # a report of an older flexcheck has none
        path, line = finding["location"]["path"], finding["location"]["line"]
        message = finding["message"]
        if line:  # "main.tf:19" or "infra/main.tf:19", as the check names the file
            name = re.escape(PurePosixPath(path).name)
            message = re.sub(rf"({name}):{line}\b", r"\1", message)
        identity = f"{check['id']}:{path}:{message}"
        seen[identity] += 1
        if seen[identity] > 1:
            identity += f":{seen[identity]}"
        placed_findings.append((finding, identity))
    return placed_findings
