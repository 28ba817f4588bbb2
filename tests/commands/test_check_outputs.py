from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import JUnitXml

from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from tests.commands.cli_support import emulator, make_world, run_cli, world_args

__all__ = ["emulator"]


def test_several_outputs_in_one_run(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.READ_ONLY, tmp_path, emulator, monkeypatch)
    out = tmp_path / "reports"
    result = run_cli(
        [
            *world_args(world),
            "--output", f"json={out / 'r.json'}",
            "--output", f"junit={out / 'r.xml'}",
            "--output", f"sarif={out / 'r.sarif'}",
            "--output", f"markdown={out / 'r.md'}",
        ],
        capsys,
    )  # fmt: skip
    assert result.code == 1
    assert "✘ fail" in result.out  # the human report still goes to the terminal
    document = json.loads((out / "r.json").read_text(encoding="utf-8"))
    statuses = {c["id"]: c["status"] for c in document["checks"]}
    assert statuses["write-permission"] == "fail"
    write = next(c for c in document["checks"] if c["id"] == "write-permission")
    assert write["location"] == {"path": "plan.json", "line": None}
    cases = {c.name: c for s in JUnitXml.fromfile(str(out / "r.xml")) for c in s}
    assert set(cases) == set(statuses)
    sarif = json.loads((out / "r.sarif").read_text(encoding="utf-8"))
    located = {
        r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
        if "locations" in r
    }
    assert located == {"write-permission": "plan.json"}  # findings only: passes are no results
    assert "created the folder" in result.err  # one missing folder is made, and said
    assert "| ❌ fail | `write-permission`" in (out / "r.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["junit", "sarif", "markdown", "json"])
def test_format_chooses_stdout(
    fmt: str,
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.HEALTHY, tmp_path, emulator, monkeypatch)
    result = run_cli([*world_args(world), "--format", fmt], capsys)
    assert result.code == 0
    first = result.out.lstrip()[:20]
    expected = {"junit": "<?xml", "sarif": "{", "markdown": "### flexcheck", "json": "{"}[fmt]
    assert first.startswith(expected)
    if fmt in ("sarif", "json"):
        json.loads(result.out)  # nothing but the document on stdout


def test_fail_on_warn_and_github_annotations(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.HEALTHY, tmp_path, emulator, monkeypatch)
    world.credentials.chmod(0o644)  # credentials-file warns: readable by others
    assert run_cli(world_args(world), capsys).code == 0
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli([*world_args(world), "--fail-on", "warn"], capsys)
    assert result.code == 1
    warning = [line for line in result.out.splitlines() if line.startswith("::warning ")]
    assert len(warning) == 1
    assert f"file={world.credentials.name}" in warning[0]
    assert "| ⚠️ warn | `credentials-file`" in summary.read_text(encoding="utf-8")
    json_run = run_cli([*world_args(world), "--format", "json"], capsys)
    json.loads(json_run.out)  # annotations went to stderr, stdout stays one document
    assert "::warning " in json_run.err


def test_without_github_actions_no_annotations(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.READ_ONLY, tmp_path, emulator, monkeypatch)
    result = run_cli(world_args(world), capsys)
    assert "::error" not in result.out + result.err


@pytest.mark.parametrize(
    ("value", "message"),
    [("sarif", "FORMAT=PATH"), ("yaml=x.yml", "unknown format 'yaml'")],
)
def test_bad_output_is_a_usage_error(
    value: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(["--offline", "--output", value], capsys)
    assert result.code == 2
    assert message in result.err


def test_outputs_that_collide_or_miss_two_folders_are_usage_errors(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.HEALTHY, tmp_path, emulator, monkeypatch)
    same = run_cli([*world_args(world), "--output", "json=r", "--output", "sarif=r"], capsys)
    assert same.code == 2
    assert "name the same file" in same.err
    deep = run_cli([*world_args(world), "--output", "json=no/such/r.json"], capsys)
    assert deep.code == 2
    assert "mkdir -p no/such" in deep.err
    assert not (tmp_path / "no").exists()
