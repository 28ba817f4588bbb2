"""SARIF locations and the invocation: what code-scanning views show and trust."""

from __future__ import annotations

import json

import pytest

from flexcheck.core.model import CheckOutcome, Location, Status
from flexcheck.core.runner import RunResult
from flexcheck.core.verdict import ExitCode
from flexcheck.report import sarif
from flexcheck.report.document import build


def _render(location: Location | None, code: ExitCode, summary: str = "found") -> dict[str, object]:
    outcome = CheckOutcome("zip-decrypt", "Zip", Status.FAIL, summary, "", 3, 5, location=location)
    rendered: dict[str, object] = json.loads(sarif.render(build(RunResult((outcome,), ()), code)))
    return rendered


def _artifact(rendered: dict[str, object]) -> object:
    result = rendered["runs"][0]["results"][0]  # type: ignore[index]
    return result["locations"][0]["physicalLocation"]["artifactLocation"]


def test_a_path_outside_the_repository_is_a_file_uri() -> None:
    rendered = _render(Location("/srv/keys/API Credential.zip"), ExitCode.FAILED)
    assert _artifact(rendered) == {"uri": "file:///srv/keys/API%20Credential.zip"}


def test_a_path_inside_the_repository_is_relative_to_it() -> None:
    rendered = _render(Location("infra/creds.zip", 4), ExitCode.FAILED)
    assert _artifact(rendered) == {"uri": "infra/creds.zip", "uriBaseId": "%SRCROOT%"}
    region = rendered["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]  # type: ignore[index]
    assert region == {"startLine": 4}


@pytest.mark.parametrize(
    ("code", "successful"),
    [(ExitCode.OK, True), (ExitCode.FAILED, True), (ExitCode.UNREACHABLE, True),
     (ExitCode.CRASHED, False)],
)  # fmt: skip
def test_only_a_crash_is_an_unsuccessful_execution(code: ExitCode, successful: bool) -> None:
    invocation = _render(None, code)["runs"][0]["invocations"][0]  # type: ignore[index]
    assert invocation["executionSuccessful"] is successful
    assert invocation["exitCode"] == int(code)


def test_text_that_is_not_ascii_stays_readable() -> None:
    outcome = CheckOutcome("x", "Zip", Status.FAIL, "Schlüssel für café", "", None, 0)
    text = sarif.render(build(RunResult((outcome,), ()), ExitCode.FAILED))
    assert "Schlüssel für café" in text  # UTF-8 as written, not \\u escapes
