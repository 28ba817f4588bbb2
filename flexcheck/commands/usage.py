"""How every command tells the user about a usage mistake: one redacted line, exit code 2."""

from __future__ import annotations

import sys

import typer

from flexcheck.core.verdict import ExitCode
from flexcheck.secrets import redact


def say_error(message: str) -> None:
    """One unwrapped, redacted line on stderr: paths and commands in it stay copyable."""
    sys.stderr.write(f"flexcheck: {redact.scrub(message)}\n")


def fail_usage(message: str) -> typer.Exit:
    say_error(message)
    return typer.Exit(int(ExitCode.USAGE))
