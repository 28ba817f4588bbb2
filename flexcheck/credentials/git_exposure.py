"""Whether git holds, or is one `git add .` away from holding, a file with a password in it."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

GIT_TIMEOUT = 3.0


class Exposure(StrEnum):
    OUTSIDE = "outside"  # not in a git work tree
    IGNORED = "ignored"  # in a work tree, and .gitignore (or exclude) keeps it out
    UNTRACKED = "untracked"  # in a work tree, not ignored: `git add .` would commit it
    TRACKED = "tracked"  # committed or staged: the password is in the repository
    PUSHED = "pushed"  # tracked, and a remote-tracking branch holds a commit with it


@dataclass(frozen=True)
class GitFinding:
    path: Path
    exposure: Exposure
    work_tree: Path | None


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    git = shutil.which("git")
    if git is None:
        return None
    # Read-only questions: no lock is taken, no pager or prompt can hang the check.
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat")
    try:
        return subprocess.run(  # noqa: S603  # git itself, fixed arguments, no shell
            [git, "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def git_available() -> bool:
    return shutil.which("git") is not None


def exposure_of(path: Path) -> GitFinding | None:
    """How exposed `path` is to git; None when git cannot answer (absent, broken, too slow)."""
    folder, name = path.parent, path.name
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    if top.returncode != 0:
        return GitFinding(path, Exposure.OUTSIDE, None)
    work_tree = Path(top.stdout.strip())
    tracked = _git(folder, "ls-files", "--error-unmatch", "--", name)
    if tracked is not None and tracked.returncode == 0:
        pushed = _git(folder, "log", "--remotes", "-1", "--format=%h", "--", name)
        in_remote = pushed is not None and bool(pushed.stdout.strip())
        return GitFinding(path, Exposure.PUSHED if in_remote else Exposure.TRACKED, work_tree)
    ignored = _git(folder, "check-ignore", "-q", "--", name)
    if ignored is not None and ignored.returncode == 0:
        return GitFinding(path, Exposure.IGNORED, work_tree)
    return GitFinding(path, Exposure.UNTRACKED, work_tree)
