"""Fixtures for end-to-end runs: a fresh emulator and folder per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flexcheck.emulator import Emulator
from tests.integration.support import World


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with Emulator() as emulator:
        yield World(tmp_path, emulator)
