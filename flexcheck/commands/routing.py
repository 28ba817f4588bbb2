"""Which command a command line means: `check` is the default, and a mistyped name is caught."""

from __future__ import annotations

import difflib

from flexcheck.errors import UsageError

SUBCOMMANDS = (
    *("check", "list", "demo", "emulator", "fleet", "explain", "bundle", "pre-commit"),
    *("inspect", "diff", "calibrate"),
)
# Options of the program itself, not of `check`: typer's shell completion.
PROGRAM_OPTIONS = ("--install-completion", "--show-completion")

EPILOG = (
    "Other commands: list (every check), explain ID (what a check verifies and how to fix it), "
    "demo (a run against the built-in emulator), emulator, fleet (many API users), bundle "
    "(a support bundle), inspect (read one), diff (compare two runs), calibrate, pre-commit "
    "(the hook). `flexcheck COMMAND --help` tells more. "
    "`flexcheck --show-completion` prints shell completion; `flexcheck --version` the version."
)


def route(args: list[str], commands: tuple[str, ...] = SUBCOMMANDS) -> list[str]:
    """The arguments typer gets: `check` in front unless another command is named."""
    if args[:1] in (["--help"], ["-h"]):
        return ["check", "--help"]  # the default command's options are what users look for
    if args and (args[0] in commands or args[0] in PROGRAM_OPTIONS):
        return args
    if args and not args[0].startswith("-"):
        # `check` takes no bare word, so one in front is a mistyped command.
        close = difflib.get_close_matches(args[0], commands, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else ""
        known = ", ".join(commands)
        raise UsageError(f"unknown command {args[0]!r}{hint} (commands: {known})")
    return ["check", *args]
