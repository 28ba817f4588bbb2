"""Packaging details: typed, an SPDX licence, and immune to a user's own `checks/` folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.integrations.tools import built_wheel


def test_wheel_is_typed_and_has_an_spdx_licence(tmp_path_factory: pytest.TempPathFactory) -> None:
    wheel = built_wheel(tmp_path_factory)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode()
    assert "flexcheck/py.typed" in names
    assert "License-Expression: Apache-2.0" in text


def test_a_users_checks_folder_does_not_shadow_the_built_in_checks(tmp_path: Path) -> None:
    # A repository with a `checks/` package of its own, where `python -m flexcheck` is run.
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "__init__.py").write_text("raise ImportError('the user checks')\n")
    (tmp_path / "checks" / "api_login.py").write_text("ApiLogin = None\n")
    done = subprocess.run(
        [sys.executable, "-m", "flexcheck", "list"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken check pack" not in done.stdout
    assert "api-login" in done.stdout
    assert "plan-references" in done.stdout
