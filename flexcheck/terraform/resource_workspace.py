"""The run's one reading of the fortiflexvm_* values in the module tree, shared by the checks."""

from __future__ import annotations

from flexcheck.core.context import Context
from flexcheck.terraform.modules import module_dirs
from flexcheck.terraform.resource_values import Reading, read_resources
from flexcheck.terraform.workspace import tf_folder


def resource_reading(ctx: Context) -> Reading:
    """Read once per run. A folder that cannot be listed reads as empty."""
    root = tf_folder(ctx)

    def compute() -> Reading:
        # Terraform's module tree: local, registry and git modules (once terraform init ran).
        modules, _ = module_dirs(root)  # its problems are terraform-provider's to report
        return read_resources([(m.address, m.folder) for m in modules], root, ctx.env)

    return ctx.shared(("resource-values", root), compute)
