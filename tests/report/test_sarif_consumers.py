"""SARIF judged by its real consumers: the official schema and GitHub's ingestion rules.

The SARIF Multitool's `--rule-kind Gh` rules are the checks GitHub code scanning applies on
upload; a file they flag would be rejected whole, so any finding of theirs is a red test.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from jsonschema import validators

from flexcheck.core.guide import README_URL
from flexcheck.core.registry import load_checks
from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from flexcheck.report import sarif
from flexcheck.report.document import build
from tests.integrations.tools import ROOT, sarif_multitool
from tests.report.support import emulator_run, mixed_document
from tests.report.test_sarif import _schema


def _multitool_findings(
    documents: dict[str, dict[str, Any]], folder: Path, kinds: str
) -> dict[str, list[str]]:
    """What the Multitool's `kinds` rules find in each document, by its name ([] when clean).

    One Multitool start validates them all, through one pattern over a folder of the logs: each
    start costs most of a second of CPU, and so does each further path on the command line,
    where one more file matched by the pattern costs a small part of that.
    """
    tool = sarif_multitool()
    logs = folder / "sarif-logs"
    logs.mkdir()
    for name, document in documents.items():
        (logs / f"{name}.sarif").write_text(sarif.render(document), encoding="utf-8")
    verdict = folder / "multitool.sarif"
    # One thread: with more, the Multitool idled about 5 s before it finished several logs.
    done = subprocess.run(
        [str(tool), "validate", str(logs / "*.sarif"), "--rule-kind", kinds,
         "--level", "Error;Warning", "--threads", "1", "--output", str(verdict)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    said = done.stdout + done.stderr
    assert verdict.is_file(), said
    # The pattern found every log: a clean verdict is not a log the Multitool never read.
    assert f"Done. {len(documents)} files scanned." in done.stdout, said
    found: dict[str, list[str]] = {name: [] for name in documents}
    for r in json.loads(verdict.read_text(encoding="utf-8"))["runs"][0]["results"]:
        found.setdefault(_log_name(r), []).append(f"{r['ruleId']}: {r['message'].get('arguments')}")
    return found


def _log_name(result: dict[str, Any]) -> str:
    """The document a Multitool result is about: the name of the log file it points at."""
    for location in result.get("locations", []):
        uri = location.get("physicalLocation", {}).get("artifactLocation", {}).get("uri")
        if uri:
            return Path(unquote(urlparse(uri).path)).stem
    return "(no file named)"


def _real_documents(folder: Path) -> dict[str, dict[str, Any]]:
    documents = {}
    for scenario in (Scenario.HEALTHY, Scenario.STALE_PASSWORD, Scenario.READ_ONLY):
        (folder / scenario).mkdir()
        with Emulator() as emulator:
            run, code = emulator_run(folder / scenario, scenario, emulator)
        documents[str(scenario)] = build(run, code)
    return documents


def test_github_rules_accept_every_status(tmp_path: Path) -> None:
    assert _multitool_findings({"mixed": mixed_document()}, tmp_path, "Gh") == {"mixed": []}


def test_github_and_sarif_rules_accept_real_runs(tmp_path: Path) -> None:
    documents = _real_documents(tmp_path)
    assert len(documents) == 3
    assert _multitool_findings(documents, tmp_path, "Gh;Sarif") == {name: [] for name in documents}


def test_real_runs_fit_the_official_schema(tmp_path: Path) -> None:
    schema = _schema()
    validator = validators.validator_for(schema)(schema)
    for document in _real_documents(tmp_path).values():
        errors = list(validator.iter_errors(json.loads(sarif.render(document))))
        assert errors == []


def test_every_result_is_located_and_every_finding_is_kept() -> None:
    document = mixed_document()
    run = json.loads(sarif.render(document))["runs"][0]
    assert run["results"], "the located findings are results"
    for result in run["results"]:
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    located = {r["ruleId"] for r in run["results"]}
    noted = {n["associatedRule"]["id"] for n in run["invocations"][0]["toolExecutionNotifications"]}
    finding = ("warn", "fail", "timeout", "error")
    findings = {c["id"] for c in document["checks"] if c["status"] in finding}
    assert located | noted == findings
    assert located == {"warning", "failing"}


def _readme_anchors() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^#{2,4} `?([a-z0-9-]+)`?$", text, re.MULTILINE)}


def test_rules_describe_themselves_and_link_their_readme_section() -> None:
    checks, _ = load_checks()
    document = mixed_document()
    document["checks"] = [
        {**document["checks"][0], "id": c.id, "title": c.title, "guide_step": c.guide_step}
        for c in checks
    ]
    rules = json.loads(sarif.render(document))["runs"][0]["tool"]["driver"]["rules"]
    anchors = _readme_anchors()
    assert len({r["helpUri"] for r in rules}) == len(rules)
    for rule, check in zip(rules, checks, strict=True):
        assert rule["helpUri"] == f"{README_URL}#{check.id}"
        assert check.id in anchors, f"README.md has no section for {check.id}"
        assert rule["fullDescription"]["text"] == check.explanation
        assert rule["help"]["text"].count("FortiFlex API token guide") <= 1


@pytest.mark.parametrize("step", [None, 1])
def test_help_names_the_guide_once(step: int | None) -> None:
    document = mixed_document()
    document["checks"] = [{**document["checks"][0], "guide_step": step}]
    rule = json.loads(sarif.render(document))["runs"][0]["tool"]["driver"]["rules"][0]
    assert "guide, FortiFlex API token guide" not in rule["help"]["text"]
