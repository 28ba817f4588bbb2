"""`flexcheck diff BEFORE AFTER`: what changed between two runs; exit 1 when a check got worse."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from flexcheck.commands.inspect import BundlePasswordFile
from flexcheck.core.verdict import ExitCode

_SIDE = "A JSON report (--format json, --output json=PATH) or a support bundle."


class DiffFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"


def diff(
    before: Annotated[Path, typer.Argument(metavar="BEFORE", help=_SIDE)],
    after: Annotated[Path, typer.Argument(metavar="AFTER", help=_SIDE)],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", help="human (default) or json.")
    ] = DiffFormat.HUMAN,
    bundle_password_file: BundlePasswordFile = None,
) -> None:
    """Compare two runs: exit 0 if nothing got worse, 1 if a check went to fail, 2 unreadable."""
    from flexcheck.commands.usage import fail_usage
    from flexcheck.errors import UsageError
    from flexcheck.report import human
    from flexcheck.support import diff_view, password, sides
    from flexcheck.support.diff import compare

    try:
        for side in (before, after):  # both unreadable-or-not before any password is asked
            sides.probe(side)
        secret = password.source(bundle_password_file, os.environ)
        changes = compare(sides.load(before, secret), sides.load(after, secret))
    except UsageError as error:
        raise fail_usage(str(error)) from None
    code = ExitCode.FAILED if changes.worse else ExitCode.OK
    if output_format is DiffFormat.JSON:
        sys.stdout.write(diff_view.render_json(str(before), str(after), changes, int(code)))
    else:
        diff_view.render_human(human.make_console(), str(before), str(after), changes)
    raise typer.Exit(int(code))
