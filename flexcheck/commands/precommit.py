"""`flexcheck pre-commit FILE...`: the hook's offline checks on every Terraform folder touched.

pre-commit passes the files it matched; their folders are the Terraform configurations to check,
wherever they lie in the repository. Each folder runs as its own `flexcheck` run (the same
checks, reports and exit codes), and the hook's exit code is the worst of them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import typer

from flexcheck.core.verdict import ExitCode

TERRAFORM_FILE = re.compile(r"(\.tf|\.tfvars|\.tf\.json|\.tfvars\.json|\.terraform\.lock\.hcl)$")
HOOK_CHECKS = (
    "--offline",
    *("--check", "terraform-secrets"),
    *("--check", "terraform-provider"),
    *("--check", "terraform-values"),
)
# A real problem beats a crash: the order verdict.exit_code uses for one run.
_WORST = (ExitCode.FAILED, ExitCode.USAGE, ExitCode.UNREACHABLE, ExitCode.CRASHED)


def folders(paths: list[str]) -> list[Path]:
    """The folders of the Terraform files among `paths`, each once, in the order given."""
    found: dict[Path, None] = {}
    for path in paths:
        if TERRAFORM_FILE.search(path):
            found.setdefault(Path(path).parent, None)
    return list(found)


def worst(codes: list[int]) -> int:
    for code in _WORST:
        if int(code) in codes:
            return int(code)
    return max(codes, default=0)


def pre_commit(ctx: typer.Context) -> None:
    """The pre-commit hook: offline checks on the folders of the Terraform files given."""
    paths = [a for a in ctx.args if not a.startswith("-") and TERRAFORM_FILE.search(a)]
    options = [a for a in ctx.args if a not in paths]
    targets = folders(paths) or [Path(".")]
    codes = []
    for folder in targets:
        if len(targets) > 1:
            sys.stdout.write(f"\n== Terraform folder {folder.as_posix()}/\n")
            sys.stdout.flush()
        command = [sys.executable, "-m", "flexcheck", "check", "--fail-on", "warn", *HOOK_CHECKS]
        # Only this interpreter and flexcheck itself: the arguments are the hook's own.
        done = subprocess.run([*command, "--tf-dir", str(folder), *options], check=False)  # noqa: S603
        codes.append(done.returncode)
    raise typer.Exit(worst(codes))
