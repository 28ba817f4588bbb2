from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import pyzipper
from rich.console import Console

from flexcheck.core.registry import explainable
from flexcheck.emulator.demo_world import Scenario
from flexcheck.report import bundle as support_bundle
from flexcheck.report import human
from flexcheck.secrets.secret import Secret
from flexcheck.support.replay import replay
from tests.commands.cli_support import emulator, run_cli
from tests.commands.support_worlds import BUNDLE_PASSWORD, WriteBundle, bundles, snapshot
from tests.runtime import PYTHON

__all__ = ["bundles", "emulator"]


def _files(path: Path) -> dict[str, str]:
    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(BUNDLE_PASSWORD.encode())
        return {n: archive.read(n).decode() for n in archive.namelist()}


def test_inspect_shows_header_report_ledger_and_redactions(
    tmp_path: Path,
    bundles: WriteBundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    healthy = bundles(Scenario.HEALTHY)
    stale = bundles(Scenario.STALE_PASSWORD)
    monkeypatch.setenv("COLUMNS", "200")
    before = snapshot(stale.bundle.parent)

    shown = run_cli(["inspect", str(stale.bundle)], capsys)
    assert shown.code == 0, shown.err  # the customer's exit 1 is shown, not re-gated
    out = shown.out
    order = [
        "Bundle",
        "Versions",
        "Inputs",
        "Variables set",
        "The customer's report",
        "What each failing check means",
        "Requests the customer's run made",
        "What was redacted",
    ]
    positions = [out.index(title) for title in order]
    assert positions == sorted(positions)
    assert "exit code 1 on the customer's machine" in out
    assert "bundle schema 1" in out
    assert "encryption  AES-256, as `flexcheck bundle` writes it" in out
    assert re.search(r"made +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n", out)
    assert "FLEXCHECK_ZIP_PASSWORD" in out  # the variable's name, from environment.json
    assert "zip password  FLEXCHECK_ZIP_PASSWORD" in out
    assert "flexcheck explain api-login   (fail)" in out
    assert "POST 127.0.0.1/api/v1/oauth/token/ -> 401" in out
    assert "withheld: values of environment variables" in out

    # The report part is exactly what the human renderer prints for the customer's run.
    report = json.loads(_files(stale.bundle)["report.json"])
    run, code = replay(report, "report.json")
    drawn = io.StringIO()
    human.render(Console(file=drawn, width=200, color_system=None, highlight=False), run, code)
    assert "Not ready: fix the failures above" in drawn.getvalue()
    assert drawn.getvalue() in out
    flowing = " ".join(out.split())  # the human report word-wraps to the terminal's width
    for check in report["checks"]:
        assert check["title"] in flowing
        assert " ".join(check["summary"].split()) in flowing
    login = next(c for c in report["checks"] if c["id"] == "api-login")
    assert login["status"] == "fail"
    assert " ".join(f"What to do: {login['hint']}".split()) in flowing

    healthy_shown = run_cli(["inspect", str(healthy.bundle)], capsys)
    assert healthy_shown.code == 0
    assert "Ready: nothing flexcheck checked stands in the way." in healthy_shown.out
    assert "flexcheck explain" not in healthy_shown.out  # nothing failed, nothing to explain

    for text in (out, shown.err, healthy_shown.out):
        assert BUNDLE_PASSWORD not in text
        assert stale.zip_password not in text
    assert snapshot(stale.bundle.parent) == before  # read only: nothing new, nothing touched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["healthy", "stale-password"]


def test_inspect_json_is_the_report_unchanged_and_markdown_pastes_into_a_ticket(
    tmp_path: Path,
    bundles: WriteBundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stale = bundles(Scenario.STALE_PASSWORD)
    password_file = tmp_path / "pw.txt"
    password_file.write_text(BUNDLE_PASSWORD + "\n", encoding="utf-8")
    monkeypatch.delenv("FLEXCHECK_BUNDLE_PASSWORD")
    args = ["inspect", str(stale.bundle), "--bundle-password-file", str(password_file)]
    as_json = run_cli([*args, "--format", "json"], capsys)
    assert as_json.code == 0, as_json.err
    assert as_json.out == _files(stale.bundle)["report.json"]

    md = run_cli([*args, "--format", "markdown"], capsys)
    assert md.code == 0, md.err
    assert md.out.startswith("## flexcheck support bundle support.zip\n")
    assert "| zip password | FLEXCHECK_ZIP_PASSWORD |" in md.out
    assert "| ❌ fail | `api-login`" in md.out  # the report's own Markdown table
    assert "flexcheck explain api-login" in md.out
    assert "POST 127.0.0.1/api/v1/oauth/token/ -> 401" in md.out
    assert BUNDLE_PASSWORD not in md.out + as_json.out


def test_a_password_read_from_stdin(
    tmp_path: Path,
    bundles: WriteBundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    healthy = bundles(Scenario.HEALTHY)
    monkeypatch.delenv("FLEXCHECK_BUNDLE_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"not-the-bundle-pw\n")))
    wrong = run_cli(["inspect", str(healthy.bundle), "--bundle-password-file", "-"], capsys)
    assert wrong.code == 2
    assert "wrong password for" in wrong.err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BUNDLE_PASSWORD.encode())))
    right = run_cli(["inspect", str(healthy.bundle), "--bundle-password-file", "-"], capsys)
    assert right.code == 0, right.err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal, no password: told how
    none = run_cli(["inspect", str(healthy.bundle)], capsys)
    assert none.code == 2
    assert "needs its password: --bundle-password-file PATH" in none.err


def test_each_unreadable_file_gets_its_own_error_and_exit_2(
    tmp_path: Path,
    bundles: WriteBundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    healthy = bundles(Scenario.HEALTHY)
    files = _files(healthy.bundle)
    raw = healthy.bundle.read_bytes()

    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(raw[: len(raw) // 2])
    plain = tmp_path / "photos.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8 not really")
    newer = tmp_path / "newer.zip"
    versions = json.loads(files["versions.json"])
    support_bundle.write(
        newer,
        {**files, "versions.json": json.dumps({**versions, "bundle_schema_version": 2})},
        Secret(BUNDLE_PASSWORD),
    )
    report = tmp_path / "report.json"
    report.write_text(files["report.json"], encoding="utf-8")

    expected = {
        "wrong": (healthy.bundle, "wrong password for"),
        "truncated": (truncated, "is damaged: it starts as a zip but its end is missing"),
        "plain zip": (plain, "is a zip, but not a flexcheck support bundle: it holds holiday.jpg"),
        "newer": (newer, "was made by a newer flexcheck (0.1.0, bundle schema 2"),
        "not a zip": (report, "is not a zip file, so not a support bundle"),
        "missing": (tmp_path / "nope.zip", "nope.zip: no such file"),
    }
    for case, (path, message) in expected.items():
        if case == "wrong":
            monkeypatch.setenv("FLEXCHECK_BUNDLE_PASSWORD", "not-the-password")
        else:
            monkeypatch.setenv("FLEXCHECK_BUNDLE_PASSWORD", BUNDLE_PASSWORD)
        result = run_cli(["inspect", str(path)], capsys)
        assert result.code == 2, case
        assert message in result.err, (case, result.err)
        assert "Traceback" not in result.err
        assert result.out == "", case
    assert "use `flexcheck diff`" in run_cli(["inspect", str(report)], capsys).err


def test_only_the_failing_checks_are_looked_up_for_explain() -> None:
    # A check pack the customer had and this flexcheck lacks is not explainable here.
    assert explainable({"api-login", "acme-vpn"}) == {"api-login"}
    assert explainable(set()) == set()


# Prints the check modules `flexcheck inspect` imported, after the command itself.
_INSPECT_PROBE = """
import json, sys
from flexcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith("checks."))))
"""


def test_inspect_imports_only_the_checks_it_may_explain(
    tmp_path: Path, bundles: WriteBundle
) -> None:
    stale = bundles(Scenario.STALE_PASSWORD)  # api-login fails; everything after it is skipped
    password_file = tmp_path / "pw.txt"
    password_file.write_text(BUNDLE_PASSWORD + "\n", encoding="utf-8")
    ran = subprocess.run(
        [PYTHON, "-c", _INSPECT_PROBE, "inspect", str(stale.bundle),
         "--bundle-password-file", str(password_file)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    *shown, imported = ran.stdout.splitlines()
    assert "flexcheck explain api-login   (fail)" in "\n".join(shown), ran.stderr
    # api-login's module and what it is built on (the checks it requires), not the other checks.
    modules = set(json.loads(imported))
    assert "checks.api_login" in modules
    assert modules.isdisjoint({"checks.write_permission", "checks.terraform_values"}), modules
