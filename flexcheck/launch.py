"""The console entry point: `--version` is answered before typer, rich or httpx are imported."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] in (["--version"], ["-V"]):
        from flexcheck import __version__

        print(f"flexcheck {__version__}")
        return
    from flexcheck.cli import main as run_cli

    run_cli(argv)


def console_main() -> None:
    """`main`, then a fast exit: tearing down the interpreter (modules, sockets, threads) adds
    tens of milliseconds to every CI step, and every file flexcheck writes is already closed."""
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            sys.stderr.write(f"{done.code}\n")
    # Flush and close log handlers (os._exit skips logging's own atexit hook); a run that never
    # imported logging (--version, --help) has none, and need not import it to say so.
    if (logging := sys.modules.get("logging")) is not None:
        logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken pipe: nothing left to say
            code = code or 1
    os._exit(code)
