"""Runs `flexcheck fleet` in-process against an emulator and hands back exit code and output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flexcheck.cli import main
from flexcheck.emulator import Emulator


@dataclass(frozen=True)
class FleetOutcome:
    code: int
    out: str
    err: str

    def document(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.out)
        return parsed

    def entries(self) -> dict[str, dict[str, Any]]:
        return {e["name"]: e for e in self.document()["entries"]}


def run_fleet_cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    manifest: Path,
    *args: str,
    emulator: Emulator | None = None,
    env: dict[str, str] | None = None,
) -> FleetOutcome:
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    if emulator is not None:
        monkeypatch.setenv("FLEXCHECK_AUTH_URL", emulator.auth_url)
        monkeypatch.setenv("FLEXCHECK_API_URL", emulator.api_url)
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        main(["fleet", str(manifest), *args])
    captured = capsys.readouterr()
    code = stopped.value.code
    return FleetOutcome(code if isinstance(code, int) else 1, captured.out, captured.err)
