from __future__ import annotations

import json
from pathlib import Path

import pytest

from flexcheck.emulator.demo_world import Scenario
from tests.commands.cli_support import emulator, run_cli
from tests.commands.support_worlds import BUNDLE_PASSWORD, WriteBundle, bundles, snapshot

__all__ = ["bundles", "emulator"]


def test_diff_of_a_good_and_a_stale_run_names_the_change_and_gates(
    tmp_path: Path,
    bundles: WriteBundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = bundles(Scenario.HEALTHY)
    stale = bundles(Scenario.STALE_PASSWORD)
    before = snapshot(tmp_path)

    worse = run_cli(["diff", str(good.bundle), str(stale.bundle)], capsys)
    assert worse.code == 1, worse.err
    assert "api-login: pass -> fail  (worse)" in worse.out
    assert "Worse: 1 check(s) went from pass or warn to fail or error (api-login)." in worse.out
    assert "exit code 0 -> 1" in worse.out
    assert "POST 127.0.0.1/api/v1/oauth/token/: 200 -> 401" in worse.out
    assert "POST 127.0.0.1/ES/api/fortiflex/v2/programs/list" in worse.out.split("vanished")[1]
    # Two customers' worlds: the credential file changed, and diff says where it is read from.
    assert "credentials from: --credentials (API_Credential_" in worse.out

    as_json = run_cli(["diff", str(good.bundle), str(stale.bundle), "--format", "json"], capsys)
    assert as_json.code == 1
    document = json.loads(as_json.out)
    assert document["worse"] is True
    assert document["exit_code"] == 1
    assert document["customer_exit_codes"] == [0, 1]
    login = next(c for c in document["status_changes"] if c["id"] == "api-login")
    assert (login["before"], login["after"], login["worse"]) == ("pass", "fail", True)
    assert "rejected: HTTP 401" in login["after_summary"]
    assert document["not_compared"] == []

    better = run_cli(["diff", str(stale.bundle), str(good.bundle)], capsys)
    assert better.code == 0, better.out
    assert "api-login: fail -> pass" in better.out
    assert "Nothing got worse." in better.out

    same = run_cli(["diff", str(good.bundle), str(good.bundle)], capsys)
    assert same.code == 0
    assert "No change: both runs found the same." in same.out

    for text in (worse.out, as_json.out, better.out, worse.err):
        assert BUNDLE_PASSWORD not in text
        assert good.zip_password not in text
        assert stale.zip_password not in text
    assert snapshot(tmp_path) == before  # read only


def test_a_json_report_against_a_bundle(
    tmp_path: Path,
    bundles: WriteBundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = bundles(Scenario.HEALTHY)
    stale = bundles(Scenario.STALE_PASSWORD)
    monkeypatch.delenv("FLEXCHECK_BUNDLE_PASSWORD")
    # Two JSON reports: no password is needed or asked for.
    reports = run_cli(["diff", str(good.report), str(stale.report), "--format", "json"], capsys)
    assert reports.code == 1, reports.err
    changes = {
        c["id"]: (c["before"], c["after"]) for c in json.loads(reports.out)["status_changes"]
    }
    assert changes["api-login"] == ("pass", "fail")
    assert len(json.loads(reports.out)["not_compared"]) == 2

    monkeypatch.setenv("FLEXCHECK_BUNDLE_PASSWORD", BUNDLE_PASSWORD)
    mixed = run_cli(["diff", str(good.report), str(stale.bundle)], capsys)
    assert mixed.code == 1, mixed.err
    assert "api-login: pass -> fail" in mixed.out
    assert f"only a bundle records them ({good.report} is a JSON report)" in mixed.out


def test_unreadable_input_exits_2(
    tmp_path: Path,
    bundles: WriteBundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = bundles(Scenario.HEALTHY)
    notes = tmp_path / "notes.txt"
    notes.write_text("the customer says it worked yesterday\n", encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text('{"name": "not a report"}', encoding="utf-8")
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(good.bundle.read_bytes()[:300])
    cases = {
        "text": ([str(notes), str(good.report)], "is neither JSON nor a zip"),
        "other json": ([str(good.report), str(other)], "is not a flexcheck report"),
        "truncated": ([str(good.report), str(truncated)], "is damaged"),
        "missing": ([str(good.report), str(tmp_path / "gone.json")], "gone.json: no such file"),
    }
    for case, (args, message) in cases.items():
        result = run_cli(["diff", *args], capsys)
        assert result.code == 2, case
        assert message in result.err, (case, result.err)
        assert result.out == ""
    monkeypatch.setenv("FLEXCHECK_BUNDLE_PASSWORD", "not-the-bundle-pw")
    wrong = run_cli(["diff", str(good.bundle), str(good.report)], capsys)
    assert wrong.code == 2
    assert "wrong password for" in wrong.err
