"""A `flexcheck check` imports what it runs, not the rest of flexcheck nor httpx's own CLI.

Start-up is most of what a run costs (see the README's Performance section); these name what
was taken out of it, so that a new top-level import brings none of it back unseen.
"""

from __future__ import annotations

import importlib.util
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
        main(["check", "--offline", "--format", "json"])
    except SystemExit:
        pass
    print(json.dumps(sorted(sys.modules)))
    """
)

# What a check never uses: the other commands, and the packages only they need.
NOT_FOR_A_CHECK = (
    "flexcheck.commands.bundle",
    "flexcheck.commands.calibrate",
    "flexcheck.commands.demo",
    "flexcheck.commands.diff",
    "flexcheck.commands.emulator",
    "flexcheck.commands.explain",
    "flexcheck.commands.fleet",
    "flexcheck.commands.inspect",
    "flexcheck.commands.precommit",
    "flexcheck.calibration",
    "flexcheck.emulator",
    "flexcheck.fleet",
    "flexcheck.support",
)


def test_a_check_run_imports_httpx_but_not_its_cli_nor_other_commands(tmp_path: Path) -> None:
    ran = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    imported = set(json.loads(ran.stdout.splitlines()[-1]))
    assert "httpx" in imported  # the run did reach the code that talks to FortiCloud
    assert "httpx._main" not in imported
    if importlib.util.find_spec("click") is not None:
        assert "click" not in imported  # httpx's CLI is the only thing that would import it
    unneeded = {n for n in imported if n.startswith(NOT_FOR_A_CHECK)}
    assert unneeded == set()
