"""The pre-commit hook, installed and run by real `pre-commit run`, Terraform in a subfolder.

pre-commit installs the hook as it would from a user's config (a venv, `pip install` of this
repository); the wheels come from `.ci/tools/wheelhouse` (filled by `.ci/install-consumers`) with
no index, so the test stays offline.

The repository pre-commit installs from is a snapshot of this checkout's working tree,
uncommitted changes and new files included, so the hook tested is the code being tested. Both
scenarios share one pre-commit store, as two commits of one user do: `pre-commit try-repo`
keeps its store in a temporary folder, so it built the hook's venv from scratch for every run
(about 9 s of CPU each).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integrations.tools import ROOT, TOOLS, executable, not_source, require
from tests.session import once_per_session

HOOK = "flexcheck-offline"
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
CLEAN_PROVIDER = 'provider "fortiflexvm" {}\n'
# What pre-commit logs when it builds a hook's venv (pre_commit/repository.py, _hook_install).
INSTALLING = "Installing environment for "

# A fixed identity and date for the snapshot's commit: it commits in a shell with no git
# identity, and the same tree always gets the same commit id.
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_AUTHOR_DATE": "2025-01-01T00:00:00+00:00",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_DATE": "2025-01-01T00:00:00+00:00",
}


def _git(folder: Path, *args: str) -> str:
    # No signing: a developer's global git settings must not stop the snapshot's commit.
    done = subprocess.run(
        ["git", "-C", str(folder), "-c", "commit.gpgsign=false", *args],
        env={**os.environ, **_GIT_ENV}, check=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return done.stdout.strip()


def _snapshot(folder: Path) -> str:
    """This checkout's working tree, committed into a repository of its own: its commit id.

    The copied .gitignore keeps out of the commit what git keeps out of this checkout.
    """
    shutil.copytree(ROOT, folder, ignore=not_source)
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    # --no-verify: no git hook of the developer's (a global core.hooksPath) runs on it.
    _git(folder, "commit", "-q", "--no-verify", "-m", "flexcheck working tree")
    return _git(folder, "rev-parse", "HEAD")


def _repo(folder: Path, provider: str, hooks_repo: Path, rev: str) -> Path:
    """A user's repository whose pre-commit config names the flexcheck hook at `rev`."""
    (folder / "infra" / "prod").mkdir(parents=True)
    (folder / "README.md").write_text("docs\n", encoding="utf-8")
    (folder / "infra" / "prod" / "provider.tf").write_text(provider, encoding="utf-8")
    (folder / "infra" / "prod" / "versions.tf").write_text(VERSIONS, encoding="utf-8")
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks_repo}\n  rev: {rev}\n  hooks:\n  - id: {HOOK}\n",
        encoding="utf-8",
    )
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    return folder


@dataclass(frozen=True)
class Runs:
    blocked: subprocess.CompletedProcess[str]  # the first run: it installs the hook
    clean: subprocess.CompletedProcess[str]  # the second run: same store, nothing to install
    store: Path


def _both_runs(base: Path) -> Runs:
    """The blocked then the clean scenario, with one pre-commit store in `base`."""
    wheelhouse = require("the wheelhouse (.ci/tools/wheelhouse)", TOOLS / "wheelhouse")
    pre_commit = executable("pre-commit")
    hooks_repo = base / "flexcheck"
    rev = _snapshot(hooks_repo)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env.update(PRE_COMMIT_HOME=str(base / "home"), PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheelhouse))
    said: dict[str, subprocess.CompletedProcess[str]] = {}
    for name, provider in (("blocked", PROVIDER), ("clean", CLEAN_PROVIDER)):
        said[name] = subprocess.run(
            [str(pre_commit), "run", HOOK, "--all-files", "--verbose"],
            cwd=_repo(base / name, provider, hooks_repo, rev),
            env=env, capture_output=True, text=True, timeout=540, check=False,
        )  # fmt: skip
    return Runs(said["blocked"], said["clean"], base / "home")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """Both scenarios, run once per test session (tests/session.py); the tests only read them."""
    return once_per_session(tmp_path_factory, "pre-commit", _both_runs)


def test_a_password_in_a_subfolder_blocks_the_commit(runs: Runs) -> None:
    done = runs.blocked
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Failed" in out
    assert "infra/prod/provider.tf:3" in out or "provider.tf:3" in out
    assert LITERAL not in out
    assert "skipped by the user" not in out  # the checks the hook leaves out are not listed
    assert "the warnings above fail the gate" in out
    assert "fix the failures above" not in out


def test_a_clean_subfolder_passes(runs: Runs) -> None:
    done = runs.clean
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_the_hook_environment_is_installed_once(runs: Runs) -> None:
    # Proof that the store was shared: the second run reused the first run's venv.
    first = runs.blocked.stdout + runs.blocked.stderr
    second = runs.clean.stdout + runs.clean.stderr
    assert INSTALLING in first, first
    assert INSTALLING not in second, second
    assert len(list(runs.store.glob("repo*/py_env-*"))) == 1
