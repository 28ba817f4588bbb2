"""Which resources adopt an existing FortiFlex object instead of creating one, and what writes."""

from __future__ import annotations

from flexcheck.terraform.blocks import ImportBlock, TfBlock


def only_reads(block: TfBlock) -> bool:
    # provider-api.md 4: a config with config_id is listed and adopted, never created; only a
    # `status` that differs from FortiFlex's makes it call configs/enable or configs/disable.
    return block.type == "fortiflexvm_config" and bool(block.imports) and not block.sets_status


def adoption_note(block: TfBlock, imported: ImportBlock | None = None) -> str | None:
    """What adopting an existing object does, in the provider's terms; None for a plain create."""
    if imported is not None:
        where = f"{imported.file}:{imported.line}" if imported.line else imported.file
        return (
            f"imported by the import block at {where}: the import only reads; where the "
            "configuration differs from what FortiFlex holds, the same apply then updates it "
            "(a write, shown as update in the plan)"
        )
    if block.imports is None:
        return None
    if block.type == "fortiflexvm_config" and block.sets_status:
        return (
            f"adopts the existing config ({block.imports}) and, when FortiFlex holds another "
            "status than its `status`, enables or disables it (a write)"
        )
    if block.type == "fortiflexvm_config":
        return (
            f"adopts the existing config ({block.imports}): this apply only reads it; the next "
            "apply updates its name and parameters (configs/update, a write, needs ReadWrite)"
        )
    return (
        f"adopts the existing entitlement ({block.imports}), then always sends "
        "entitlements/update (a write)"
    )
