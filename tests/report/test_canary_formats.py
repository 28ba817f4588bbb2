"""No secret of a run reaches any output format, the GitHub annotations or the step summary."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from flexcheck.report import github
from flexcheck.report.document import build
from flexcheck.report.outputs import FileFormat, render
from tests.report.support import CANARY, emulator_run, mixed_document


def _forms(secret: str) -> set[str]:
    raw = secret.encode()
    return {secret, quote(secret, safe=""), base64.b64encode(raw).decode().rstrip("=")}


def _every_output(document: dict[str, object], tmp_path: Path) -> Iterator[tuple[str, str]]:
    for fmt in FileFormat:
        yield str(fmt), render(fmt, document)
    stream = io.StringIO()
    summary = tmp_path / "summary.md"
    github.publish(document, {"GITHUB_STEP_SUMMARY": str(summary)}, stream)
    yield "annotations", stream.getvalue()
    yield "step summary", summary.read_text(encoding="utf-8")


def test_canary_in_summaries_hints_and_crashes_never_leaves(tmp_path: Path) -> None:
    for name, text in _every_output(mixed_document(), tmp_path):
        for form in _forms(CANARY):
            assert form not in text, f"{name} leaks the canary"


@pytest.mark.parametrize("scenario", [Scenario.HEALTHY, Scenario.STALE_PASSWORD])
def test_real_run_secrets_never_leave(scenario: Scenario, tmp_path: Path) -> None:
    with Emulator() as emulator:
        run, code = emulator_run(tmp_path, scenario, emulator)
        secrets = [u.password for u in emulator.state.users.values()]
        secrets += list(emulator.state.tokens)
    assert secrets
    document = build(run, code)
    for name, text in _every_output(document, tmp_path):
        for secret in secrets:
            for form in _forms(secret):
                assert form not in text, f"{name} leaks a secret of the {scenario} run"
