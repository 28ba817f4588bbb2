"""JUnit XML: one test case per check, so any CI test-report view shows the gate's result.

The document's free text is already masked; masking the XML again would rewrite its markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from flexcheck.core.guide import step_label, step_url

_FAILURE = ("fail", "timeout")


def render(document: dict[str, Any]) -> str:
    checks = document["checks"]
    fail_on_warn = document.get("fail_on") == "warn"
    counts = {"failures": 0, "errors": 0, "skipped": 0}
    suite = ET.Element("testsuite", name="flexcheck")
    properties = ET.SubElement(suite, "properties")
    for name in ("flexcheck_version", "exit_code", "fail_on", "schema_version"):
        ET.SubElement(properties, "property", name=name, value=str(document.get(name)))
    for check in checks:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="flexcheck",
            name=check["id"],
            time=f"{check['duration_ms'] / 1000:.3f}",
        )
        status = check["status"]
        if check["location"] is not None:
            case.set("file", check["location"]["path"])
        text = _text(check)
        if status in _FAILURE or (status == "warn" and fail_on_warn):
            counts["failures"] += 1
            _child(case, "failure", f"{status}: {check['summary']}", status, text)
        elif status == "error":
            counts["errors"] += 1
            _child(case, "error", check["summary"], "crash", text)
        elif status == "skip":
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=check["summary"])
        elif status == "warn":
            # JUnit has no warning state and a warning is no pass: `skipped` is the one state
            # every viewer (GitLab, Jenkins, junit2html) shows neither green nor red.
            counts["skipped"] += 1
            message = f"warning (the gate passes it under --fail-on fail): {check['summary']}"
            _child(case, "skipped", message, "warning", text)
        else:
            ET.SubElement(case, "system-out").text = text
    total_ms = sum(c["duration_ms"] for c in checks)
    suite.set("tests", str(len(checks)))
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", f"{total_ms / 1000:.3f}")
    root = ET.Element("testsuites", name="flexcheck", tests=str(len(checks)))
    for key, value in counts.items():
        root.set(key, str(value))
    root.append(suite)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _child(case: ET.Element, tag: str, message: str, kind: str, text: str) -> None:
    element = ET.SubElement(case, tag, message=message, type=kind)
    element.text = text


def _text(check: dict[str, Any]) -> str:
    lines = [f"{check['title']}: {check['status']}", check["summary"], *check["details"]]
    if check["hint"]:
        lines.append(f"What to do: {check['hint']}")
    if check["guide_step"] is not None:
        lines.append(f"Guide {step_label(check['guide_step'])}: {step_url(check['guide_step'])}")
    return "\n".join(lines)
