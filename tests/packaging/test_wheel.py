"""The built wheel, in a fresh virtual environment, finds and runs every built-in check."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import rich

from tests.integrations.tools import built_wheel

REPO = Path(__file__).resolve().parents[2]
BUILT_IN = {"credentials-file", "zip-decrypt", "api-login", "api-read", "write-permission"}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def test_wheel_in_fresh_venv_runs_every_built_in_check(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    wheel = built_wheel(tmp_path_factory)

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    installed = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        str(wheel),
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr
    # The third-party libraries come from this test run's environment (no network here); the
    # fresh site-packages comes first, so flexcheck itself is the wheel's copy.
    fresh_site = Path(
        _run(
            str(python),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            cwd=tmp_path,
        ).stdout.strip()
    )
    (fresh_site / "zz_test_dependencies.pth").write_text(
        str(Path(rich.__file__).resolve().parents[1]) + "\n", encoding="utf-8"
    )

    where = _run(
        str(python),
        "-c",
        "import checks, flexcheck; print(checks.__file__); print(flexcheck.__file__)",
        cwd=tmp_path,
    )
    assert all(line.startswith(str(fresh_site)) for line in where.stdout.split()), where.stdout

    listed = _run(str(fresh / "bin" / "flexcheck"), "list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert all(check_id in listed.stdout for check_id in BUILT_IN)

    demo = _run(str(fresh / "bin" / "flexcheck"), "demo", "--json", cwd=tmp_path)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    statuses = {c["id"]: c["status"] for c in json.loads(demo.stdout)["checks"]}
    assert set(statuses) >= BUILT_IN
    assert all(statuses[i] == "pass" for i in BUILT_IN)
    assert sysconfig.get_paths()["purelib"] != str(fresh_site)
