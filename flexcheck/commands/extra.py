"""The subcommands beyond `check` and `list`, registered only when a command line is run."""

from __future__ import annotations

import typer

from flexcheck.commands.lazy import LazyCommandInfo

# Each by where its function is: its module is imported only when that subcommand is built
# (flexcheck.commands.lazy), so a run imports the one subcommand it runs.
COMMANDS = (
    LazyCommandInfo("demo", "flexcheck.commands.demo:demo"),
    LazyCommandInfo("emulator", "flexcheck.commands.emulator:emulator"),
    LazyCommandInfo("fleet", "flexcheck.commands.fleet:fleet"),
    LazyCommandInfo("explain", "flexcheck.commands.explain:explain"),
    LazyCommandInfo("bundle", "flexcheck.commands.bundle:bundle"),
    LazyCommandInfo("calibrate", "flexcheck.commands.calibrate:calibrate"),
    LazyCommandInfo("inspect", "flexcheck.commands.inspect:inspect"),
    LazyCommandInfo("diff", "flexcheck.commands.diff:diff"),
    LazyCommandInfo(
        "pre-commit",
        "flexcheck.commands.precommit:pre_commit",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    ),
)


def register(app: typer.Typer) -> None:
    """Add the subcommands once: main() may run many times in one process (the test suite)."""
    if any(command.name == "demo" for command in app.registered_commands):
        return
    app.registered_commands.extend(COMMANDS)
