"""`--format json`: one JSON document on stdout and nothing else."""

from __future__ import annotations

import json
from typing import Any

from flexcheck.core.runner import RunResult
from flexcheck.core.verdict import ExitCode
from flexcheck.report.document import build


def render(run: RunResult, code: ExitCode, *, fail_on: str = "fail") -> str:
    return render_document(build(run, code, fail_on=fail_on))


def render_document(document: dict[str, Any]) -> str:
    # The document's free text is already masked: masking the serialised text would also
    # rewrite its structure (a zip password `null` makes it invalid JSON).
    return json.dumps(document, indent=2, ensure_ascii=False)
