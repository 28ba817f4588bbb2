from __future__ import annotations

from pathlib import Path

from junitparser import Error, Failure, JUnitXml, Skipped

from flexcheck.report import junit
from tests.report.support import CANARY, EXPECTED, mixed_document


def _cases(tmp_path: Path, fail_on: str = "fail") -> dict[str, object]:
    path = tmp_path / "report.xml"
    path.write_text(junit.render(mixed_document(fail_on)), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    return {case.name: case for suite in xml for case in suite}


def test_every_check_is_one_case_with_its_outcome(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    assert set(cases) == set(EXPECTED)
    kinds = {Failure: "failure", Error: "error", Skipped: "skipped"}
    seen = {
        name: [kinds[type(r)] for r in case.result]
        for name, case in cases.items()  # type: ignore[attr-defined]
    }
    assert seen == {
        "passing": [],
        "warning": ["skipped"],  # not failing the gate by default, and never a green pass
        "failing": ["failure"],
        "slow": ["failure"],
        "crashing": ["error"],
        "blocked": ["skipped"],
        "user-skipped": ["skipped"],
        "suppressed": ["skipped"],
    }
    failure = cases["failing"].result[0]  # type: ignore[attr-defined]
    assert "login rejected" in failure.message
    assert "What to do: download again" in failure.text
    assert "Guide Step 3" in failure.text
    assert "skipped by the user (--skip user-*)" in cases["user-skipped"].result[0].message  # type: ignore[attr-defined]
    assert "suppressed by the user: accepted until the migration" in (
        cases["suppressed"].result[0].message  # type: ignore[attr-defined]
    )


def test_fail_on_warn_makes_the_warning_a_failure(tmp_path: Path) -> None:
    cases = _cases(tmp_path, fail_on="warn")
    assert [type(r) for r in cases["warning"].result] == [Failure]  # type: ignore[attr-defined]


def test_suite_counts_and_no_secret(tmp_path: Path) -> None:
    text = junit.render(mixed_document())
    path = tmp_path / "r.xml"
    path.write_text(text, encoding="utf-8")
    suite = next(iter(JUnitXml.fromfile(str(path))))
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (8, 2, 1, 4)
    assert CANARY not in text


def test_a_warning_says_what_it_is(tmp_path: Path) -> None:
    skipped = _cases(tmp_path)["warning"].result[0]  # type: ignore[attr-defined]
    assert skipped.message.startswith("warning (the gate passes it under --fail-on fail): ")
    assert skipped.type == "warning"
