"""The command line a demanding user meets first: help, completion, typos, plain inputs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.runtime import FLEXCHECK


def _flexcheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    return subprocess.run(
        [*FLEXCHECK, *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_top_level_help_shows_the_check_options_commands_and_version() -> None:
    done = _flexcheck("--help")
    assert done.returncode == 0
    for option in ("--credentials", "--plan", "--format", "--check", "--version"):
        assert option in done.stdout
    assert "explain ID" in done.stdout  # the other commands are named
    assert "--show-completion" in done.stdout


def test_boolean_options_have_one_spelling() -> None:
    out = _flexcheck("--help").stdout
    assert "--no-write-probe" in out
    assert "--no-no-write-probe" not in out
    bundle = _flexcheck("bundle", "--help").stdout
    assert "--no-no-write-probe" not in bundle
    assert "OAuth token URL" in bundle  # --auth-url
    assert "FortiFlex v2 API base URL" in bundle  # --api-url


def test_shell_completion_is_offered() -> None:
    done = _flexcheck("--show-completion", "bash")
    assert done.returncode == 0, done.stderr
    assert "_FLEXCHECK_COMPLETE" in done.stdout


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["chek"], "did you mean check?"),
        (["explian", "api-login"], "did you mean explain?"),
        (["--offline", "--check", "api-lgin"], "did you mean api-login?"),
    ],
)
def test_typos_get_a_did_you_mean(args: list[str], hint: str) -> None:
    done = _flexcheck(*args)
    assert done.returncode == 2
    assert hint in done.stderr
    assert "Traceback" not in done.stderr


def test_an_empty_plan_is_called_empty(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text("", encoding="utf-8")
    done = _flexcheck("--offline", "--plan", "plan.json", cwd=tmp_path)
    assert done.returncode == 2
    assert "plan.json is empty" in done.stderr
    assert "invalid JSON" not in done.stderr


def test_version_in_help_works() -> None:
    assert _flexcheck("check", "--version").stdout.startswith("flexcheck ")
