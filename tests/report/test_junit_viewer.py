"""JUnit read by an independent viewer (junit2html), as GitLab's test tab or Jenkins would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from flexcheck.report import junit
from tests.integrations.tools import executable
from tests.report.support import mixed_document


def _outcomes(tmp_path: Path, fail_on: str) -> dict[str, str]:
    if os.environ.get("CI") != "true":
        pytest.importorskip("junit2htmlreport", reason="junit2html: bash .ci/install-consumers")
    from junit2htmlreport.parser import Junit  # type: ignore[import-not-found, import-untyped, unused-ignore]

    path = tmp_path / "flexcheck.xml"
    path.write_text(junit.render(mixed_document(fail_on)), encoding="utf-8")
    return {case.name: case.outcome() for suite in Junit(str(path)).suites for case in suite.all()}


def test_a_warning_is_never_a_green_pass(tmp_path: Path) -> None:
    outcomes = _outcomes(tmp_path, "fail")
    assert outcomes["warning"] == "skipped"
    assert outcomes["passing"] == "passed"
    assert outcomes["failing"] == outcomes["slow"] == "failed"


def test_fail_on_warn_shows_the_warning_failed(tmp_path: Path) -> None:
    assert _outcomes(tmp_path, "warn")["warning"] == "failed"


def test_the_viewer_renders_the_report(tmp_path: Path) -> None:
    path = tmp_path / "flexcheck.xml"
    path.write_text(junit.render(mixed_document()), encoding="utf-8")
    html = tmp_path / "flexcheck.html"
    subprocess.run([str(executable("junit2html")), str(path), str(html)], check=True, timeout=60)
    page = html.read_text(encoding="utf-8")
    assert "warning (the gate passes it under --fail-on fail)" in page
