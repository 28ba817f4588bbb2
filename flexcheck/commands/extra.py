"""The subcommands beyond `check` and `list`, registered only when a command line is run."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the subcommands once: main() may run many times in one process (the test suite)."""
    if any(command.name == "demo" for command in app.registered_commands):
        return
    # Imported here, not at the top: `flexcheck --version` never pays for them.
    from flexcheck.commands import (
        bundle,
        calibrate,
        demo,
        diff,
        emulator,
        explain,
        fleet,
        inspect,
        precommit,
    )

    app.command("demo")(demo.demo)
    app.command("emulator")(emulator.emulator)
    app.command("fleet")(fleet.fleet)
    app.command("explain")(explain.explain)
    app.command("bundle")(bundle.bundle)
    app.command("calibrate")(calibrate.calibrate)
    app.command("inspect")(inspect.inspect)
    app.command("diff")(diff.diff)
    app.command(
        "pre-commit",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(precommit.pre_commit)
