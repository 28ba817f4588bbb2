"""The calibration kit against the real FortiCloud: opt-in (`pytest -m online`), never in CI.

Needs FLEXCHECK_CALIBRATE_{RO,RW}_{USERNAME,PASSWORD}; writes the transcript to
FLEXCHECK_CALIBRATE_OUT (default: flexcheck-calibration.json in the working directory).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flexcheck.commands.calibrate import CI_VARIABLES, ENV

NAMES = [name for pair in ENV.values() for name in pair]

pytestmark = [
    pytest.mark.online,
    pytest.mark.skipif(
        not all(os.environ.get(name) for name in NAMES)
        or any(os.environ.get(name) for name in CI_VARIABLES),
        reason="set " + ", ".join(NAMES) + " outside CI to calibrate against FortiCloud",
    ),
]


def test_calibrate_against_forticloud() -> None:
    out = Path(os.environ.get("FLEXCHECK_CALIBRATE_OUT", "flexcheck-calibration.json"))
    done = subprocess.run(
        [sys.executable, "-m", "flexcheck", "calibrate", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    for name in NAMES:
        assert os.environ[name] not in text + done.stdout + done.stderr
    document = json.loads(text)
    roles = {step["role"] for step in document["steps"]}
    assert roles == {"read-only", "read-write", "unknown-user"}
    print(f"transcript: {out.resolve()}")
