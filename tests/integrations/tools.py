"""Where the real consumers of flexcheck's files are: `.ci/run` installs them, tests find them.

CI installs each one (`.ci/run`, CI=true), so there a missing tool is a red test, never a skip;
on a developer's machine without it, the test skips and names the command that installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.session import once_per_session

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".ci" / "tools"  # .ci/run installs npm packages here (git-ignored)
INSTALL_HINT = "bash .ci/install-consumers installs it"


def require(name: str, path: Path | None) -> Path:
    if path is not None and path.exists():
        return path
    message = f"{name} is not installed ({INSTALL_HINT})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run every real consumer: {message}")
    pytest.skip(message)


def executable(name: str) -> Path:
    """A console script from the test venv (PyPI wheels) or the PATH (Debian packages)."""
    beside = Path(sys.executable).parent / name
    found = beside if beside.exists() else shutil.which(name)
    return require(name, Path(found) if found else None)


def sarif_multitool() -> Path:
    # The native binary, not the npm `bin` wrapper: that one passes arguments through a shell,
    # which splits "Gh;Sarif" at the semicolon.
    found = sorted(TOOLS.glob("node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool"))
    return require("SARIF Multitool (npm @microsoft/sarif-multitool)", found[0] if found else None)


# What a build never needs: building in the checkout itself wrote build/ and *.egg-info there,
# and two test processes building at once broke each other's build (a red, random failure).
_CACHES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def not_source(folder: str, names: list[str]) -> set[str]:
    """What a copy of the checkout (`shutil.copytree(..., ignore=not_source)`) leaves out.

    The wheel build and the pre-commit test copy the source: caches, venvs and the installed
    consumers can be large, and none of them is a file flexcheck ships.
    """
    left_out = set(_CACHES(folder, names))
    if Path(folder) == TOOLS.parent:
        left_out.add(TOOLS.name)  # only .ci/tools: a package may have a folder named tools
    return left_out


def built_wheel(factory: pytest.TempPathFactory) -> Path:
    """This checkout as a wheel, built once per test session from a private copy of the source.

    No network: no build isolation, so hatchling comes from the test venv.
    """
    return once_per_session(factory, "flexcheck-wheel", _build_wheel)


def _build_wheel(folder: Path) -> Path:
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=not_source)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(folder / "dist"), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return next((folder / "dist").glob("flexcheck-*.whl"))
