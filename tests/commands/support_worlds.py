"""Bundles written by the real `flexcheck bundle` against the emulator, for inspect and diff."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from tests.commands.cli_support import make_world, run_cli, world_args

BUNDLE_PASSWORD = "bundle-Pw-inspect-7c21"


@dataclass(frozen=True)
class Written:
    bundle: Path
    report: Path  # the same run's --output json= report, for diffs of a report and a bundle
    zip_password: str


def write_bundle(
    scenario: Scenario,
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Written:
    folder = tmp_path / str(scenario)
    folder.mkdir()
    world = make_world(scenario, folder, emulator, monkeypatch)
    monkeypatch.setenv("FLEXCHECK_BUNDLE_PASSWORD", BUNDLE_PASSWORD)
    bundle = folder / "support.zip"
    made = run_cli(["bundle", str(bundle), *world_args(world)], capsys)
    assert bundle.is_file(), made.err
    report = folder / "report.json"
    checked = run_cli(["check", *world_args(world), "--output", f"json={report}"], capsys)
    # `bundle` exits with the verdict of the checks it bundled, as `check` does.
    assert made.code == checked.code, made.err
    monkeypatch.chdir(tmp_path)
    return Written(bundle, report, world.zip_password.reveal())


WriteBundle = Callable[[Scenario], Written]


@pytest.fixture
def bundles(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> WriteBundle:
    """Writes the bundle of a scenario's world under tmp_path/SCENARIO and returns its paths."""
    return lambda scenario: write_bundle(scenario, tmp_path, emulator, monkeypatch, capsys)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time: read-only means equal."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }
