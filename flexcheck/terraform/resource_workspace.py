"""The run's one reading of the fortiflexvm_* values in the module tree, shared by the checks."""

from __future__ import annotations

from flexcheck.core.context import Context
from flexcheck.terraform.resource_values import Reading, local_module_dirs, read_resources
from flexcheck.terraform.workspace import tf_folder


def resource_reading(ctx: Context) -> Reading:
    """Read once per run. A folder that cannot be listed reads as empty."""
    root = tf_folder(ctx)

    def compute() -> Reading:
        # The module tree: the root and the local modules it calls. When
        # flexcheck/terraform/modules.py lands, pass [(m.address, m.folder) for m in
        # module_dirs(root)[0]] instead, so registry and git modules count too.
        return read_resources(local_module_dirs(root), root, ctx.env)

    return ctx.shared(("resource-values", root), compute)
