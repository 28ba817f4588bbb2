"""A secret that is also an ordinary word is masked in free text, never in a report's structure."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from flexcheck.core.model import CheckOutcome, Status
from flexcheck.core.runner import RunResult
from flexcheck.core.verdict import ExitCode
from flexcheck.credentials.fixtures import (
    generate_api_id,
    generate_api_password,
    write_credential_zip,
)
from flexcheck.emulator import EmulatedUser, Emulator
from flexcheck.emulator.demo_world import demo_plan
from flexcheck.report import document, json_report, outputs
from flexcheck.secrets import redact
from flexcheck.secrets.secret import Secret
from tests.commands.cli_support import run_cli


def _run(summary: str) -> RunResult:
    outcomes = (
        CheckOutcome("zip-decrypt", "Zip", Status.PASS, summary, "", 3, 12),
        CheckOutcome("api-login", "Login", Status.FAIL, "rejected", "try again", 3, 40),
        CheckOutcome("api-read", "Read", Status.SKIP, "not run", "", None, 0, "api-login"),
    )
    return RunResult(outcomes, ())


@pytest.mark.parametrize("password", ["null", "pass", "fail", "true", "skip"])
def test_a_word_as_zip_password_leaves_every_format_well_formed(password: str) -> None:
    Secret(password)
    report = document.build(_run(f"opened with {password} as typed"), ExitCode.FAILED)
    text = json_report.render_document(report)
    parsed = json.loads(text)  # still valid JSON
    assert [c["status"] for c in parsed["checks"]] == ["pass", "fail", "skip"]
    assert parsed["checks"][2]["blocked_by"] == "api-login"
    assert parsed["checks"][0]["blocked_by"] is None
    assert parsed["exit_code"] == 1
    assert parsed["ok"] is False
    assert parsed["checks"][0]["summary"] == "opened with *** as typed"  # free text: masked
    assert parsed["masking"]["reliable"] is False
    assert password not in parsed["masking"]["note"]
    junit = outputs.render(outputs.FileFormat.JUNIT, report).split("\n", 1)[1]
    cases = ET.fromstring(junit).iter("testcase")  # noqa: S314  # our own output: well-formed?
    assert [c.get("name") for c in cases] == ["zip-decrypt", "api-login", "api-read"]
    run = json.loads(outputs.render(outputs.FileFormat.SARIF, report))["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        "zip-decrypt",
        "api-login",
        "api-read",
    ]
    # A finding about no file is a notification (code scanning refuses a result without one).
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [(n["associatedRule"]["id"], n["level"]) for n in notes] == [("api-login", "error")]
    assert notes[0]["properties"]["status"] == "fail"


def test_a_long_distinctive_secret_is_masked_and_masking_is_reliable() -> None:
    redact.restore((frozenset(), frozenset()))  # only this test's secret (the fixture restores)
    secret = "Zq8-long-distinctive-secret"
    Secret(secret)
    report = document.build(_run(f"saw {secret}"), ExitCode.FAILED)
    assert report["checks"][0]["summary"] == "saw ***"
    assert report["masking"] == {"reliable": True, "note": None}


@pytest.mark.parametrize(
    ("value", "reason"), [("abc", "too short"), ("k3y!", "too short"), ("password", "too common")]
)
def test_a_weak_secret_is_reported_without_its_value(value: str, reason: str) -> None:
    Secret(value)
    assert reason in redact.unreliable()
    note = redact.unreliable_note()
    assert note is not None
    assert reason in note
    assert value not in note


def test_the_cli_report_stays_json_with_the_zip_password_null(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Emulator() as emulator:
        api_id, api_password = generate_api_id(), generate_api_password()
        emulator.add_user(EmulatedUser(api_id, api_password))
        Secret(api_password)
        credentials = tmp_path / "API_Credential_demo.zip"
        credentials.write_bytes(write_credential_zip(api_id, api_password, "null"))
        plan = tmp_path / "plan.json"
        plan.write_text(json.dumps(demo_plan()), encoding="utf-8")
        monkeypatch.setenv("FLEXCHECK_ZIP_PASSWORD", "null")
        monkeypatch.chdir(tmp_path)
        junit = tmp_path / "r.xml"
        args = ["--credentials", str(credentials), "--plan", str(plan)]
        urls = ["--auth-url", emulator.auth_url, "--api-url", emulator.api_url]
        result = run_cli([*args, *urls, "--format", "json", "--output", f"junit={junit}"], capsys)
    report = json.loads(result.out)
    assert result.code == 0, result.out
    assert report["exit_code"] == 0
    ids = {c["id"] for c in report["checks"]}
    assert {c["blocked_by"] for c in report["checks"]} <= ids | {None}
    assert {c["status"] for c in report["checks"]} <= {"pass", "skip", "warn"}
    assert report["masking"]["reliable"] is False
    assert ET.parse(junit).getroot().tag == "testsuites"  # noqa: S314  # well-formed
