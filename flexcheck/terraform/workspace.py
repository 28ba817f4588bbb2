"""The run's one reading of the Terraform folder, shared by every check and the support bundle."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flexcheck.core.context import Context
from flexcheck.core.memo import RunMemo

if TYPE_CHECKING:
    from flexcheck.terraform.config import TfConfig
    from flexcheck.terraform.lockfile import ProviderVersion


def tf_folder(ctx: Context) -> Path:
    return ctx.options.tf_dir or ctx.options.cwd


def tf_config(ctx: Context) -> TfConfig:
    """Every *.tf and tfvars file of the folder and the modules it calls, parsed once per run.

    OSError: the folder cannot be listed."""
    return config_in(ctx.memo, tf_folder(ctx))


def provider_version(ctx: Context) -> ProviderVersion | None:
    """The lock file's version, else the configuration's constraint, read once per run."""
    return provider_version_in(ctx.memo, tf_folder(ctx))


def config_in(memo: RunMemo, folder: Path) -> TfConfig:
    # The HCL parser costs more to import than a whole run with --require or --plan takes.
    from flexcheck.terraform.tree import read_tree

    return memo.get(("tf-config", folder), lambda: read_tree(folder))


def provider_version_in(memo: RunMemo, folder: Path) -> ProviderVersion | None:
    from flexcheck.terraform.lockfile import locked_version, required_version

    def compute() -> ProviderVersion | None:
        # With a lock file the .tf files are not needed: a --check selection may never read them.
        locked = locked_version(folder)
        return locked if locked is not None else required_version(config_in(memo, folder))

    return memo.get(("provider-version", folder), compute)
