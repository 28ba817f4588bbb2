"""SARIF 2.1.0 for code scanning: one rule per check, one located result per finding.

GitHub code scanning rejects a whole file when a single result has no location, so only findings
(warn, fail, timeout, error) that name a file become results, placed at that file and line. A
check that found several problems, each at its own line, gives one result per problem.
Findings about no file (the network, the API) and passes are not results: they are listed as
`toolExecutionNotifications` of the invocation, so the file still tells the whole run.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from flexcheck.core.guide import GUIDE_URL, README_URL, step_label, step_url
from flexcheck.core.verdict import ExitCode
from flexcheck.report.findings import Placement, placements

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"warn": "warning", "fail": "error", "timeout": "error", "error": "error"}


def render(document: dict[str, Any]) -> str:
    checks = document["checks"]
    explained = explanations()
    index = {c["id"]: n for n, c in enumerate(checks)}
    placed = [(c, placements(c)) for c in checks]
    results = [
        _result(c, index[c["id"]], p, p.location)
        for c, found in placed
        for p in found
        if p.location is not None
    ]
    notes = [c for c, found in placed if any(p.location is None for p in found)]
    invocation: dict[str, Any] = {
        "executionSuccessful": document["exit_code"] != int(ExitCode.CRASHED),
        "exitCode": document["exit_code"],
    }
    if notes:
        invocation["toolExecutionNotifications"] = [_notification(c, index) for c in notes]
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "flexcheck",
                        "version": document["flexcheck_version"],
                        "informationUri": README_URL,
                        "rules": [_rule(c, explained) for c in checks],
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "working directory"}}},
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False)  # masked in the document already


def explanations() -> dict[str, str]:
    """What each registered check verifies, for the rules' full descriptions."""
    from flexcheck.core.registry import load_checks

    checks, _ = load_checks()
    return {c.id: c.explanation for c in checks if c.explanation}


def _rule(check: dict[str, Any], explained: dict[str, str]) -> dict[str, Any]:
    step = check["guide_step"]
    where = f"{step_label(step)}: {step_url(step)}" if step is not None else GUIDE_URL
    full = explained.get(check["id"]) or f'Answers the question "{check["title"]}".'
    return {
        "id": check["id"],
        "name": "".join(part.capitalize() for part in check["id"].split("-")),
        "shortDescription": {"text": check["title"]},
        "fullDescription": {"text": full},
        "helpUri": f"{README_URL}#{check['id']}",
        "help": {
            "text": f"{full} Where it is fixed: {where}. "
            f"`flexcheck explain {check['id']}` lists every way it can fail."
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"guide_step": step},
    }


def _text(check: dict[str, Any], status: str | None = None, said: str | None = None) -> str:
    text = f"{status or check['status']}: {check['summary'] if said is None else said}"
    if check["hint"]:
        text += f" What to do: {check['hint']}"
    return text


def _result(
    check: dict[str, Any], index: int, placed: Placement, location: dict[str, Any]
) -> dict[str, Any]:
    """One result: a finding of the check, or the check itself, at its file and line."""
    physical: dict[str, Any] = {"artifactLocation": _artifact(location["path"])}
    physical["region"] = {"startLine": location["line"] or 1}
    properties = (
        {"status": placed.status, "check_status": check["status"]}
        if placed.of_finding
        else {"status": placed.status, "details": check["details"]}
    )
    return {
        "ruleId": check["id"],
        "ruleIndex": index,
        "kind": "fail",
        "level": _LEVEL[placed.status],
        "message": {"text": _text(check, placed.status, placed.message)},
        "locations": [{"physicalLocation": physical}],
        # Without the line, so that an edit above the finding keeps it the same alert.
        "partialFingerprints": {"flexcheckFinding/v1": placed.identity},
        "properties": properties,
    }


def _notification(check: dict[str, Any], index: dict[str, int]) -> dict[str, Any]:
    return {
        "associatedRule": {"id": check["id"], "index": index[check["id"]]},
        "level": _LEVEL[check["status"]],
        "message": {"text": _text(check)},
        "properties": {"status": check["status"], "details": check["details"]},
    }


def _artifact(path: str) -> dict[str, str]:
    posix = PurePosixPath(path)
    if posix.is_absolute():
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}
