"""The write probe's pass says what its evidence is, and claims no more than it shows."""

from __future__ import annotations

from pathlib import Path

from flexcheck.core.context import Need
from flexcheck.core.model import Status
from flexcheck.emulator import Emulator
from tests.network.world import options_for, run


def test_the_write_probe_pass_is_worded_as_an_inference(tmp_path: Path) -> None:
    with Emulator() as emulator:
        result = run(options_for(emulator, tmp_path, require=Need.WRITE))
    probe = result["write-permission"]
    assert probe.status is Status.PASS
    assert "confirmed:" not in probe.summary  # never "write access confirmed"
    assert "write access is likely" in probe.summary
    assert "refused for its config id, not for permission" in probe.summary
    assert "if FortiFlex checks permission before the config id" in probe.summary
    assert "no public source confirms" in probe.summary
