"""`--format json`: one JSON document on stdout and nothing else."""

from __future__ import annotations

import json

from flexcheck import redact
from flexcheck.report.document import build
from flexcheck.runner import RunResult
from flexcheck.verdict import ExitCode


def render(run: RunResult, code: ExitCode) -> str:
    return redact.scrub(json.dumps(build(run, code), indent=2, ensure_ascii=False))
