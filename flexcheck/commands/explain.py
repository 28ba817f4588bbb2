"""`flexcheck explain ID`: what a check verifies, why, and every way it can fail with its fix."""

from __future__ import annotations

import difflib
from typing import Annotated

import typer
from rich.console import Console

from flexcheck.core.verdict import ExitCode


def explain(
    check_id: Annotated[
        str, typer.Argument(metavar="ID", help="A check id from `flexcheck list`.")
    ],
) -> None:
    """Explain one check: what it verifies, why it matters, how it fails and what fixes it."""
    from flexcheck.core.explain import explain as explain_text
    from flexcheck.core.registry import load_checks

    checks, _ = load_checks()
    by_id = {c.id: c for c in checks}
    if check_id not in by_id:
        close = difflib.get_close_matches(check_id, list(by_id), n=3)
        also = f"; did you mean {', '.join(close)}?" if close else ""
        Console(stderr=True, highlight=False).print(
            f"flexcheck: no check has the id {check_id!r}{also} (see `flexcheck list`)",
            markup=False,
        )
        raise typer.Exit(int(ExitCode.USAGE))
    Console(highlight=False).print(explain_text(by_id[check_id]), markup=False, soft_wrap=True)
