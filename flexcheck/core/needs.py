"""What access the coming Terraform run needs: declared, read from a plan, or read from *.tf."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flexcheck.core.context import Need, Options
from flexcheck.terraform.plan import fortiflex_reads, fortiflex_writes

if TYPE_CHECKING:
    from flexcheck.terraform.config import TfConfig


@dataclass(frozen=True)
class RunNeeds:
    need: Need | None  # None: nothing says what the run will do
    source: str
    reasons: tuple[str, ...] = ()  # e.g. "fortiflexvm_entitlements_vm.web: create"
    problems: tuple[str, ...] = ()  # files that could not be read, named with their line


def determine_needs(options: Options, tf_config: Callable[[], TfConfig] | None = None) -> RunNeeds:
    """`tf_config` gives the run's already-read configuration; without it the folder is read."""
    if options.require is not None:
        return RunNeeds(options.require, "--require")
    if options.plan_document is not None:
        name = options.plan.name if options.plan else "the plan"
        writes = fortiflex_writes(options.plan_document)
        if writes:
            return RunNeeds(Need.WRITE, name, tuple(str(w) for w in writes))
        reads = fortiflex_reads(options.plan_document)
        return RunNeeds(Need.READ, name, tuple(str(r) for r in reads))
    folder = options.tf_dir or options.cwd
    return _from_tf_dir(folder, tf_config or (lambda: _read(folder)))


def _read(folder: Path) -> TfConfig:
    # The HCL parser costs more to import than a whole run with --require or --plan takes.
    from flexcheck.terraform.tree import read_tree

    return read_tree(folder)


def _from_tf_dir(folder: Path, tf_config: Callable[[], TfConfig]) -> RunNeeds:
    config = tf_config()
    problems = (
        *(f"{p.file}:{p.line or '?'}: {p.message}" for p in config.problems),
        *(str(p) for p in config.module_problems),
    )
    modules = len(config.modules) - 1
    source = f"*.tf in {folder}" + (
        f" and the {modules} module{'s' if modules != 1 else ''} it calls" if modules > 0 else ""
    )
    writes = config.write_needs()
    if writes:
        return RunNeeds(Need.WRITE, source, tuple(str(w) for w in writes), problems)
    reads = config.read_needs()
    if reads:
        return RunNeeds(Need.READ, source, tuple(str(r) for r in reads), problems)
    return RunNeeds(None, source, (), problems)
