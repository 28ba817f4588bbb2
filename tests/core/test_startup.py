"""A `flexcheck check` imports what it runs, not the rest of flexcheck nor httpx's own CLI.

Start-up is most of what a run costs (see the README's Performance section); these name what
was taken out of it, so that a new top-level import brings none of it back unseen.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

PROBE = textwrap.dedent(
    """
    import json, sys
    from flexcheck.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
    print(json.dumps(sorted(sys.modules)))
    """
)

# What this check does without (each with its submodules): the other commands and the packages
# only they use, the terminal report (rich), the other report formats, a config file parser
# (the folder has no config file).
NOT_FOR_A_JSON_CHECK = (
    *("rich", "tomllib", "httpx._main", "click"),
    *("flexcheck.report.human", "flexcheck.report.junit", "flexcheck.report.sarif"),
    "flexcheck.report.codequality",
    *("flexcheck.commands.bundle", "flexcheck.commands.calibrate", "flexcheck.commands.demo"),
    *("flexcheck.commands.diff", "flexcheck.commands.emulator", "flexcheck.commands.explain"),
    *("flexcheck.commands.fleet", "flexcheck.commands.inspect", "flexcheck.commands.precommit"),
    *("flexcheck.calibration", "flexcheck.emulator", "flexcheck.fleet", "flexcheck.support"),
)


def _imported(args: list[str], cwd: Path) -> set[str]:
    """Every module imported by `flexcheck ARGS` run in a fresh interpreter."""
    ran = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return set(json.loads(ran.stdout.splitlines()[-1]))


def _among(imported: set[str], left_out: tuple[str, ...]) -> set[str]:
    return {n for n in imported for m in left_out if n == m or n.startswith(m + ".")}


def test_a_json_check_imports_what_it_runs_and_not_the_rest(tmp_path: Path) -> None:
    imported = _imported(["check", "--offline", "--format", "json"], tmp_path)
    assert "httpx" in imported  # the run did reach the code that talks to FortiCloud
    assert "flexcheck.report.json_report" in imported
    assert _among(imported, NOT_FOR_A_JSON_CHECK) == set()


def test_help_imports_no_http_client_terminal_renderer_or_logging(tmp_path: Path) -> None:
    # httpx._main is flexcheck's stand-in, left waiting for an `import httpx` that never comes.
    imported = _imported(["--help"], tmp_path) - {"httpx._main"}
    left_out = ("httpx", "rich", "logging", "pyzipper", *NOT_FOR_A_JSON_CHECK)
    assert _among(imported, left_out) == set()
