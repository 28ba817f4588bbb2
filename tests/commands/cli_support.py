"""Run the real CLI in-process against a loopback emulator world."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from flexcheck.cli import main
from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import DemoWorld, Scenario, build_world


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> CliResult:
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        main(args)
    captured = capsys.readouterr()
    code = stopped.value.code
    return CliResult(code if isinstance(code, int) else 0, captured.out, captured.err)


def world_args(world: DemoWorld) -> list[str]:
    return [
        "--credentials",
        str(world.credentials),
        "--plan",
        str(world.plan),
        "--auth-url",
        world.emulator.auth_url,
        "--api-url",
        world.emulator.api_url,
    ]


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as running:
        yield running


def make_world(
    scenario: Scenario, folder: Path, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> DemoWorld:
    world = build_world(scenario, folder, emulator)
    monkeypatch.setenv("FLEXCHECK_ZIP_PASSWORD", world.zip_password.reveal())
    monkeypatch.chdir(folder)
    return world
