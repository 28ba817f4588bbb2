"""The container recipe: hadolint accepts it, and its install steps work as a non-root user.

No container engine with a base image can be reached here, so the test runs the Dockerfile's
own install script (scripts/container-install: the wheel into a clean venv) with the system
Python as the unprivileged user `nobody`, then `flexcheck demo` with the installed tool.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integrations.tools import ROOT, TOOLS, built_wheel, executable, require

DOCKERFILE = ROOT / "Dockerfile"


def test_hadolint_accepts_the_dockerfile() -> None:
    done = subprocess.run(
        [str(executable("hadolint")), "--no-color", str(DOCKERFILE)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_recipe_is_slim_non_root_and_runs_flexcheck() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    bases = re.findall(r"^FROM (\S+)", text, re.MULTILINE)
    assert bases
    assert all(re.fullmatch(r"python:3\.1[1-9]-slim", b) for b in bases)
    assert re.search(r"^USER 10001", text, re.MULTILINE)
    assert 'ENTRYPOINT ["flexcheck"]' in text
    assert "RUN container-install /opt/flexcheck /tmp/dist/flexcheck-*.whl" in text


@pytest.fixture
def unprivileged() -> Iterator[tuple[Path, int, int]]:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv (util-linux) to run the install as another user")
    nobody = pwd.getpwnam("nobody")
    folder = Path(tempfile.mkdtemp(prefix="flexcheck-container-"))
    folder.chmod(0o755)
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    yield folder, nobody.pw_uid, nobody.pw_gid
    shutil.rmtree(folder, ignore_errors=True)


def test_install_steps_as_a_non_root_user_then_demo(
    unprivileged: tuple[Path, int, int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder, uid, gid = unprivileged
    python = require("a system python3 with venv (the image's stand-in)", Path("/usr/bin/python3"))
    wheelhouse = require("the wheelhouse (.ci/tools/wheelhouse)", TOOLS / "wheelhouse")
    # Everything nobody reads is copied where nobody can read it (root's folders are closed).
    shutil.copytree(wheelhouse, folder / "wheelhouse")
    wheel = shutil.copy(built_wheel(tmp_path_factory), folder)
    script = shutil.copy(ROOT / "scripts" / "container-install", folder)
    env = {
        "PATH": f"{python.parent}:/usr/bin:/bin",
        "HOME": str(folder),
        "PIP_NO_INDEX": "1",  # the tests stay offline: dependencies from the wheelhouse
        "PIP_FIND_LINKS": str(folder / "wheelhouse"),
    }
    as_nobody = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]
    installed = subprocess.run(
        [*as_nobody, "sh", str(script), str(folder / "venv"), str(wheel)],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert installed.stdout.startswith("flexcheck ")
    assert (folder / "venv").stat().st_uid == uid  # installed by nobody, not root
    # The image's user cannot write the venv: the HCL grammar's tables were built at install,
    # or every run reading a .tf file would build them again (1.5 s). Read-only from here on.
    assert list((folder / "venv").glob("lib/python3*/site-packages/hcl2/.lark_cache.bin"))
    subprocess.run(["chmod", "-R", "a-w", str(folder / "venv")], check=True)
    demo = subprocess.run(
        [*as_nobody, str(folder / "venv" / "bin" / "flexcheck"), "demo"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "Ready" in demo.stdout
