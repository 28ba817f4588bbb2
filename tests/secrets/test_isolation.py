"""A secret one test registers cannot change another test's result, whatever the order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flexcheck.secrets import redact
from flexcheck.secrets.secret import Secret

ROOT = Path(__file__).resolve().parents[2]


def test_the_registry_is_restored_after_a_test() -> None:
    before = redact.snapshot()
    Secret("isolation-secret-0001")
    assert redact.scrub("isolation-secret-0001") == "***"
    redact.restore(before)
    assert redact.scrub("isolation-secret-0001") == "isolation-secret-0001"
    assert redact.snapshot() == before


def test_the_order_that_used_to_fail_passes() -> None:
    # test_password_input registers `zip-pass`; test_selection_config expects the word
    # "zip-password" in a message. In this order, before the fixture, the second one failed.
    first = "tests/secrets/test_password_input.py"
    second = "tests/commands/test_selection_config.py"
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", "-p", "no:cacheprovider",
         "-p", "no:xdist", first, second],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
