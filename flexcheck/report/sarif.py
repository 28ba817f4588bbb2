"""SARIF 2.1.0: one rule per check, results placed at the file that caused them where known."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from flexcheck.core.guide import GUIDE_URL, step_label
from flexcheck.core.verdict import ExitCode

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL_KIND = {
    "pass": ("none", "pass"),
    "warn": ("warning", "fail"),
    "fail": ("error", "fail"),
    "timeout": ("error", "fail"),
    "error": ("error", "fail"),
    "skip": ("none", "notApplicable"),
}


def render(document: dict[str, Any]) -> str:
    checks = document["checks"]
    rules = [_rule(c) for c in checks]
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "flexcheck",
                        "version": document["flexcheck_version"],
                        "informationUri": GUIDE_URL,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": document["exit_code"] != int(ExitCode.CRASHED),
                        "exitCode": document["exit_code"],
                    }
                ],
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "working directory"}}},
                "results": [_result(c, n) for n, c in enumerate(checks)],
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False)  # masked in the document already


def _rule(check: dict[str, Any]) -> dict[str, Any]:
    step = check["guide_step"]
    help_text = f"Fixed in the FortiFlex API token guide, {step_label(step)}."
    return {
        "id": check["id"],
        "name": "".join(part.capitalize() for part in check["id"].split("-")),
        "shortDescription": {"text": check["title"]},
        "helpUri": GUIDE_URL,
        "help": {"text": help_text},
        "defaultConfiguration": {"level": "error"},
        "properties": {"guide_step": step},
    }


def _result(check: dict[str, Any], index: int) -> dict[str, Any]:
    level, kind = _LEVEL_KIND[check["status"]]
    text = f"{check['status']}: {check['summary']}"
    if check["hint"]:
        text += f" What to do: {check['hint']}"
    result: dict[str, Any] = {
        "ruleId": check["id"],
        "ruleIndex": index,
        "kind": kind,
        "level": level,
        "message": {"text": text},
        "properties": {"status": check["status"], "details": check["details"]},
    }
    location = check["location"]
    if location is not None:
        physical: dict[str, Any] = {"artifactLocation": _artifact(location["path"])}
        if location["line"]:
            physical["region"] = {"startLine": location["line"]}
        result["locations"] = [{"physicalLocation": physical}]
    if check["skipped_by_user"]:
        result["suppressions"] = [{"kind": "external", "justification": check["skipped_by_user"]}]
    return result


def _artifact(path: str) -> dict[str, str]:
    posix = PurePosixPath(path)
    if posix.is_absolute():
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}
