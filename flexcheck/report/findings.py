"""The findings a located report (SARIF, Code Quality, GitHub) places one by one.

Each comes with an identity for its fingerprint: the check, the file and the message, with the
finding's own line number taken out of the message, so that a line added above it does not make
it a new finding; a second finding with the same identity is numbered to stay distinct.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Any

# The statuses that make a check a finding; a pass, a skip (a suppressed one too) places none.
FINDING_STATUSES = frozenset({"warn", "fail", "timeout", "error"})


def placed(check: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Each located finding of a check that warned or failed, with its identity."""
    if check["status"] not in FINDING_STATUSES:
        return []
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
