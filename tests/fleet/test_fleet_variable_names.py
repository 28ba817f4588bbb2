"""A fleet entry's report names the variables the manifest gave, not the provider's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexcheck.emulator import Emulator
from flexcheck.fleet.sample import Kind, write_sample_fleet
from tests.fleet.fleet_support import run_fleet_cli


def test_entry_from_named_variables_reports_those_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Emulator() as emulator:
        manifest, env, made = write_sample_fleet(tmp_path, emulator, [Kind.FROM_ENV])
        result = run_fleet_cli(
            capsys, monkeypatch, manifest, "--format", "json", emulator=emulator, env=env
        )
    report = result.entries()[made[0].name]["report"]
    text = " ".join(f"{c['summary']} {c['hint']}" for c in report["checks"])
    assert "CUSTOMER_001_USER" in text
    assert "CUSTOMER_001_PASSWORD" in text
    assert "FORTIFLEX_ACCESS_USERNAME" not in text
