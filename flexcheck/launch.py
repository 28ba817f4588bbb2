"""The console entry point: `--version` is answered before typer, rich or httpx are imported."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] in (["--version"], ["-V"]):
        from flexcheck import __version__

        print(f"flexcheck {__version__}")
        return
    from flexcheck.cli import main as run_cli

    run_cli(argv)
