"""credentials-git against real git repositories: tracked, pushed, unignored and ignored files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from checks.credentials_git import CredentialsGit
from flexcheck.core.model import Deps, Result, Status
from tests.checks.tf_support import CANARY, USER, write
from tests.helpers import make_context

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
ZIP = "API_Credential_test.zip"


def git(folder: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        GIT_CONFIG_GLOBAL="/dev/null",
    )
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=env, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "infra"
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / ZIP).write_bytes(b"PK\x05\x06" + b"\0" * 18)
    return folder


def run(folder: Path) -> Result[None]:
    ctx = make_context(credentials=folder / ZIP, cwd=folder, tf_dir=folder)
    return CredentialsGit().run(ctx, Deps({}))


def test_a_zip_in_a_work_tree_that_is_not_ignored_warns(repo: Path) -> None:
    result = run(repo)
    assert result.status is Status.WARN
    assert f"{ZIP} lies in a git work tree and is not ignored" in result.summary
    assert ".gitignore" in result.hint


def test_a_tracked_zip_warns_with_git_rm_cached(repo: Path) -> None:
    git(repo, "add", ZIP)
    git(repo, "commit", "-qm", "oops")
    result = run(repo)
    assert result.status is Status.WARN
    assert f"{ZIP} is tracked by git" in result.summary
    assert "if it was ever pushed" in result.summary
    assert f"git rm --cached {ZIP}" in result.hint
    assert "download" not in result.hint.lower()


def test_a_pushed_zip_says_the_password_is_exposed(repo: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(repo, "add", ZIP)
    git(repo, "commit", "-qm", "oops")
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "HEAD:main")
    git(repo, "fetch", "-q", "origin")
    result = run(repo)
    assert "a commit with it has been pushed: consider the password in it exposed" in result.summary


def test_an_ignored_zip_passes(repo: Path) -> None:
    (repo / ".gitignore").write_text("*.zip\n")
    assert run(repo).status is Status.PASS


def test_a_tracked_tfvars_holding_the_password_is_named(repo: Path) -> None:
    (repo / ".gitignore").write_text("*.zip\n")
    write(repo, "main.tf", 'variable "p" {}\nprovider "fortiflexvm" {\n  password = var.p\n}\n')
    write(repo, "secret.auto.tfvars", f'p = "{CANARY}"\nu = "{USER}"\n')
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "config")
    result = run(repo)
    assert result.status is Status.WARN
    assert "secret.auto.tfvars is tracked by git" in result.summary
    assert CANARY not in result.summary + result.hint


def test_outside_a_work_tree_passes(tmp_path: Path) -> None:
    (tmp_path / ZIP).write_bytes(b"PK")
    assert run(tmp_path).status is Status.PASS


def test_the_check_is_registered() -> None:
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text())["project"]["entry-points"]["flexcheck.checks"]
    assert declared["credentials-git"] == "checks.credentials_git:CredentialsGit"
