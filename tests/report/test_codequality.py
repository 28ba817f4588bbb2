"""GitLab Code Quality: validated against the format GitLab documents, from real runs too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from flexcheck.cli import main
from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from flexcheck.report import codequality
from flexcheck.report.document import build
from tests.report.support import CANARY, emulator_run, mixed_document

SCHEMA = json.loads(
    (Path(__file__).parent / "fixtures" / "gitlab-codequality.schema.json").read_text("utf-8")
)


def _valid(issues: Any) -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert list(Draft202012Validator(SCHEMA).iter_errors(issues)) == []


def test_findings_at_files_are_issues_with_gitlab_severities() -> None:
    text = codequality.render(mixed_document())
    issues = json.loads(text)
    _valid(issues)
    by_check = {i["check_name"]: i for i in issues}
    assert set(by_check) == {"warning", "failing"}  # passes and findings about no file are not
    assert by_check["warning"]["severity"] == "minor"
    assert by_check["failing"]["severity"] == "critical"
    assert by_check["warning"]["location"] == {"path": "infra/main.tf", "lines": {"begin": 12}}
    assert by_check["failing"]["location"]["lines"] == {"begin": 1}
    assert len({i["fingerprint"] for i in issues}) == 2
    assert CANARY not in text


def test_fingerprints_are_stable_between_runs() -> None:
    first = json.loads(codequality.render(mixed_document()))
    second = json.loads(codequality.render(mixed_document()))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]


def test_real_failing_run_is_valid(tmp_path: Path) -> None:
    with Emulator() as emulator:
        run, code = emulator_run(tmp_path, Scenario.STALE_PASSWORD, emulator)
    issues = json.loads(codequality.render(build(run, code)))
    _valid(issues)
    assert [i["check_name"] for i in issues] == ["api-login"]


def test_format_and_output_options(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "main.tf").write_text(
        'provider "fortiflexvm" {\n  password = "Plain-Text-Pw-1!"\n}\n', encoding="utf-8"
    )
    args = ["--offline", "--check", "terraform-secrets", "--output", "codequality=cq.json"]
    with pytest.raises(SystemExit) as done:
        main([*args, "--format", "codequality"])
    assert done.value.code == 0
    printed = json.loads(capsys.readouterr().out)
    written = json.loads((tmp_path / "cq.json").read_text(encoding="utf-8"))
    assert printed == written
    _valid(written)
    assert written[0]["location"] == {"path": "main.tf", "lines": {"begin": 2}}
