"""main() can run many times in one process: the test suite, and any tool that embeds it."""

from __future__ import annotations

import pytest

from flexcheck.cli import app, click_command
from tests.commands.cli_support import run_cli


def test_running_main_again_adds_no_command_and_reuses_the_built_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(["list"], capsys).code == 0
    names = [c.name for c in app.registered_commands]
    built = click_command()
    for _ in range(3):
        assert run_cli(["list"], capsys).code == 0
    assert [c.name for c in app.registered_commands] == names
    assert len(names) == len(set(names)), names  # every subcommand registered once
    assert click_command() is built  # typer's signature reading ran once
    assert "demo" in names
