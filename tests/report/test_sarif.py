from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import validators

from flexcheck.core.guide import README_URL
from flexcheck.report import sarif
from tests.report.support import CANARY, EXPECTED, mixed_document

# CI runs in a fresh clone with shared/ beside it; the schema is read there, never copied.
SCHEMA = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
)


def _schema() -> dict[str, Any]:
    if not SCHEMA.is_file():
        pytest.skip(f"the official SARIF 2.1.0 schema is not at {SCHEMA.resolve()}")
    loaded: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return loaded


def test_validates_against_the_official_schema() -> None:
    schema = _schema()
    document = json.loads(sarif.render(mixed_document()))
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(document), key=str)
    assert errors == []


def test_one_rule_per_check_and_results_where_they_belong() -> None:
    text = sarif.render(mixed_document())
    run = json.loads(text)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(EXPECTED)
    assert all(r["helpUri"] == f"{README_URL}#{r['id']}" for r in rules)
    assert "Step 3" in rules[0]["help"]["text"]
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["warning"]["level"] == "warning"
    assert results["failing"]["level"] == "error"
    physical = results["warning"]["locations"][0]["physicalLocation"]
    assert physical == {
        "artifactLocation": {"uri": "infra/main.tf", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12},
    }
    # Passes and skips are no findings: code scanning would only show them as noise.
    assert set(results) == {"warning", "failing"}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert {n["associatedRule"]["id"]: n["level"] for n in notes} == {
        "crashing": "error",
        "slow": "error",
    }
    assert run["invocations"][0]["exitCode"] == 1
    assert CANARY not in text
