"""A check's findings land one by one, each at its own line: SARIF, Code Quality, annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checks.terraform_values import TerraformValues
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, LocatedFinding, Location, Result, Status
from flexcheck.core.runner import Selection, run_checks
from flexcheck.core.verdict import exit_code
from flexcheck.report import codequality, github, json_report, sarif
from flexcheck.report.document import build
from flexcheck.support.replay import replay
from tests.checks.test_located_findings import A_TF, B_TF, two_bad_values
from tests.helpers import make_context
from tests.report.support import CANARY, Failing
from tests.report.test_codequality import _valid
from tests.report.test_sarif_consumers import _multitool_findings

HINT_START = "What to do: Change each value named above"


def values_document(folder: Path, selection: Selection | None = None) -> dict[str, Any]:
    """The report of terraform-values over `folder/infra`, through the real runner."""
    ctx = make_context(cwd=folder, tf_dir=folder / "infra")
    run = run_checks([TerraformValues], ctx, selection=selection)
    return build(run, exit_code(run.outcomes))


def results(document: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(sarif.render(document))["runs"][0]["results"]
    return found


def region(result: dict[str, Any]) -> tuple[str, int]:
    physical = result["locations"][0]["physicalLocation"]
    return physical["artifactLocation"]["uri"], physical["region"]["startLine"]


def test_two_bad_values_are_two_sarif_results_at_their_lines(tmp_path: Path) -> None:
    two_bad_values(tmp_path)
    found = results(values_document(tmp_path))
    assert [region(r) for r in found] == [("infra/a.tf", 5), ("infra/b.tf", 8)]
    assert {r["ruleId"] for r in found} == {"terraform-values"}
    assert {r["level"] for r in found} == {"error"}
    first, second = (r["message"]["text"] for r in found)
    assert first.startswith("fail: infra/a.tf:5: fortiflexvm_config.fgt: fgt_vm_bundle.cpu_size")
    assert "allowed: 1-96" in first
    assert HINT_START in first
    assert second.startswith("fail: infra/b.tf:8: fortiflexvm_config.fgt2:")
    assert "allowed: FC, UTP, ENT, ATP" in second
    assert HINT_START in second
    prints = [r["partialFingerprints"]["flexcheckFinding/v1"] for r in found]
    assert len(set(prints)) == 2
    assert not any(":5" in p or ":8" in p for p in prints), prints


def test_an_edit_above_a_finding_moves_it_but_keeps_its_fingerprints(tmp_path: Path) -> None:
    infra = two_bad_values(tmp_path)
    before = values_document(tmp_path)
    (infra / "a.tf").write_text("# moved\n\n" + A_TF, encoding="utf-8")
    (infra / "b.tf").write_text("# moved\n" + B_TF, encoding="utf-8")
    after = values_document(tmp_path)
    assert [region(r) for r in results(after)] == [("infra/a.tf", 7), ("infra/b.tf", 9)]

    def sarif_prints(document: dict[str, Any]) -> list[str]:
        return [r["partialFingerprints"]["flexcheckFinding/v1"] for r in results(document)]

    def quality_prints(document: dict[str, Any]) -> list[str]:
        return [i["fingerprint"] for i in json.loads(codequality.render(document))]

    assert sarif_prints(before) == sarif_prints(after)
    assert quality_prints(before) == quality_prints(after)


def test_two_bad_values_are_two_code_quality_issues(tmp_path: Path) -> None:
    two_bad_values(tmp_path)
    issues = json.loads(codequality.render(values_document(tmp_path)))
    _valid(issues)
    assert [i["location"] for i in issues] == [
        {"path": "infra/a.tf", "lines": {"begin": 5}},
        {"path": "infra/b.tf", "lines": {"begin": 8}},
    ]
    assert [i["severity"] for i in issues] == ["critical", "critical"]
    assert len({i["fingerprint"] for i in issues}) == 2
    assert issues[0]["description"].startswith("terraform-values (fail): infra/a.tf:5: ")


def test_two_bad_values_are_two_annotation_lines(tmp_path: Path) -> None:
    two_bad_values(tmp_path)
    lines = github.annotation_lines(values_document(tmp_path))
    assert len(lines) == 2
    title = "::error title=flexcheck terraform-values%3A fail"
    assert lines[0].startswith(f"{title},file=infra/a.tf,line=5::infra/a.tf:5: fortiflexvm_config")
    assert lines[1].startswith(f"{title},file=infra/b.tf,line=8::infra/b.tf:8: fortiflexvm_config")
    assert all(f"%0A{HINT_START}" in line and "\n" not in line for line in lines)


def test_github_and_sarif_rules_accept_one_result_per_finding(tmp_path: Path) -> None:
    two_bad_values(tmp_path)
    document = values_document(tmp_path)
    assert len(results(document)) == 2
    verdict = _multitool_findings({"values": document}, tmp_path, "Gh;Sarif")
    assert verdict == {"values": []}


def test_the_json_document_carries_each_finding_and_a_replay_keeps_it(tmp_path: Path) -> None:
    two_bad_values(tmp_path)
    document = json.loads(json_report.render_document(values_document(tmp_path)))
    findings = document["checks"][0]["findings"]
    assert [(f["status"], f["location"]) for f in findings] == [
        ("fail", {"path": "infra/a.tf", "line": 5}),
        ("fail", {"path": "infra/b.tf", "line": 8}),
    ]
    assert findings[0]["message"].startswith("infra/a.tf:5: fortiflexvm_config.fgt: ")
    run, _ = replay(document, "report.json")
    assert [f.location for f in run.outcomes[0].findings] == [
        Location("infra/a.tf", 5),
        Location("infra/b.tf", 8),
    ]
    assert run.outcomes[0].findings[1].message == findings[1]["message"]


def test_a_suppressed_check_places_none_of_its_findings(tmp_path: Path) -> None:
    two_bad_values(tmp_path)
    document = values_document(
        tmp_path, Selection(suppressed={"terraform-values": "accepted (flexcheck.toml)"})
    )
    assert document["checks"][0]["status"] == "skip"
    assert results(document) == []
    assert json.loads(codequality.render(document)) == []
    assert github.annotation_lines(document) == []


class Leaky(Check[None]):
    """A check from a pack whose finding messages hold a secret, and repeat one message."""

    id = "leaky"
    title = "finds the same thing twice"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        said = f"main.tf:3: the password {CANARY} is written here"
        return Result(
            Status.FAIL,
            "two problems",
            hint="remove them",
            findings=(
                LocatedFinding(Status.FAIL, said, Location("main.tf", 3)),
                LocatedFinding(Status.WARN, "the same words", Location("main.tf", 7)),
                LocatedFinding(Status.WARN, "the same words", Location("main.tf", 9)),
            ),
        )


def leaky_document() -> dict[str, Any]:
    run = run_checks([Leaky, Failing], make_context())
    return build(run, exit_code(run.outcomes))


def test_a_secret_in_a_finding_message_is_masked_everywhere() -> None:
    document = leaky_document()
    texts = {
        "json": json_report.render_document(document),
        "sarif": sarif.render(document),
        "codequality": codequality.render(document),
        "github": "\n".join(github.annotation_lines(document)),
    }
    for name, text in texts.items():
        assert CANARY not in text, name
        assert CANARY[:10] not in text, name
        assert "main.tf:3: the password " in text.replace("%3A", ":"), name
    finding = document["checks"][0]["findings"][0]
    assert finding["status"] == "fail"
    assert "is written here" in finding["message"]


def test_each_finding_keeps_its_level_and_a_repeated_message_its_own_fingerprint() -> None:
    document = leaky_document()
    found = [r for r in results(document) if r["ruleId"] == "leaky"]
    assert [(r["level"], region(r)[1]) for r in found] == [
        ("error", 3),
        ("warning", 7),
        ("warning", 9),
    ]
    assert len({r["partialFingerprints"]["flexcheckFinding/v1"] for r in found}) == 3
    issues = [i for i in json.loads(codequality.render(document)) if i["check_name"] == "leaky"]
    assert [i["severity"] for i in issues] == ["critical", "minor", "minor"]
    assert len({i["fingerprint"] for i in issues}) == 3


def test_every_check_gets_its_first_annotation_before_any_check_gets_a_second() -> None:
    # GitHub shows only the first 10 errors and 10 warnings of a step.
    lines = github.annotation_lines(leaky_document())
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error",
        "::error",
        "::warning",
        "::warning",
    ]
    assert "title=flexcheck leaky%3A fail,file=main.tf,line=3::" in lines[0]
    assert "title=flexcheck failing%3A fail,file=API_Credential_x.zip::" in lines[1]
    assert "line=7::the same words" in lines[2]
    assert "line=9::the same words" in lines[3]


class Unlined(Check[None]):
    """A failing check whose one warning names a file but no line (a whole plan file)."""

    id = "unlined"
    title = "warns about a whole file"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return Result(
            Status.FAIL,
            "one problem",
            hint="look at it",
            findings=(LocatedFinding(Status.WARN, "plan.json holds it", Location("plan.json")),),
        )


def test_a_finding_says_its_own_status_and_a_file_without_a_line_is_at_line_1() -> None:
    run = run_checks([Unlined], make_context())
    [result] = results(build(run, exit_code(run.outcomes)))
    assert result["message"]["text"] == "warn: plan.json holds it What to do: look at it"
    assert result["level"] == "warning"  # the finding's, not the failing check's
    assert result["properties"] == {"status": "warn", "check_status": "fail"}
    assert region(result) == ("plan.json", 1)
