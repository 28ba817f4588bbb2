"""The pre-commit hook, installed and run by real `pre-commit try-repo`, Terraform in a subfolder.

pre-commit installs the hook as it would from a user's config (a venv, `pip install` of this
repository); the wheels come from `.ci/tools/wheelhouse` (filled by `.ci/install-consumers`) with
no index, so the test stays offline.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.integrations.tools import ROOT, TOOLS, executable, require

# Without this entry Terraform resolves the provider to hashicorp/fortiflexvm.
VERSIONS = (
    "terraform {\n  required_providers {\n    fortiflexvm = {\n"
    '      source  = "fortinetdev/fortiflexvm"\n      version = "2.4.3"\n    }\n  }\n}\n'
)
LITERAL = "Literal-Canary-77q!"
PROVIDER = (
    'provider "fortiflexvm" {\n  username = "1B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B1C"\n'
    f'  password = "{LITERAL}"\n}}\n'
)


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    wheelhouse = require("the wheelhouse (.ci/tools/wheelhouse)", TOOLS / "wheelhouse")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env.update(
        PRE_COMMIT_HOME=str(home),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid",
    )  # fmt: skip
    return subprocess.run(
        [str(executable("pre-commit")), "try-repo", str(ROOT), "flexcheck-offline",
         "--all-files", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=540, check=False,
    )  # fmt: skip


def _repo(tmp_path: Path, provider: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "infra" / "prod").mkdir(parents=True)
    (repo / "README.md").write_text("docs\n", encoding="utf-8")
    (repo / "infra" / "prod" / "provider.tf").write_text(provider, encoding="utf-8")
    (repo / "infra" / "prod" / "versions.tf").write_text(VERSIONS, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo


def test_a_password_in_a_subfolder_blocks_the_commit(tmp_path: Path, hook_home: Path) -> None:
    done = _try_repo(_repo(tmp_path, PROVIDER), hook_home)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Failed" in out
    assert "infra/prod/provider.tf:3" in out or "provider.tf:3" in out
    assert LITERAL not in out
    assert "skipped by the user" not in out  # the checks the hook leaves out are not listed
    assert "the warnings above fail the gate" in out
    assert "fix the failures above" not in out


def test_a_clean_subfolder_passes(tmp_path: Path, hook_home: Path) -> None:
    done = _try_repo(_repo(tmp_path, 'provider "fortiflexvm" {}\n'), hook_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
