"""The rules table as text, for `flexcheck explain terraform-values`."""

from __future__ import annotations

from flexcheck.terraform.rules.catalog import PRODUCTS
from flexcheck.terraform.rules.model import CONFIG_PAGE, REPOSITORY, TABLE_VERSION, Param
from flexcheck.terraform.rules.resources import RESOURCES

ENTITLEMENT_RULES = (
    "end_date: ISO 8601, not before today (fail); on hardware and cloud entitlements, without a "
    "time zone (warn: a later update skips it)",
    "status: ACTIVE or STOPPED (fail otherwise: nothing is sent, the plan never settles)",
    "serial_number: a '.' breaks the resource id (fail); other than 8-20 capital letters and "
    "digits (warn)",
    "skip_pending = true (warn: charges start at once); regenerate_token = true (warn: replaced "
    "on every apply)",
    "config_id naming a fortiflexvm_config of this configuration: its product type must be of "
    "the entitlement's kind (fail)",
    "an argument the schema computes (account_id) or does not have (fail)",
    "a second fortiflexvm_entitlements_cloud on the same cloud product (warn: one per account)",
)


def _param(param: Param) -> str:
    mark = "*" if param.required else " "
    text = f"    {mark} {param.name}: {param.allowed_text()}"
    extras = []
    if param.required_if:
        extras.append(f"required when {param.required_if[0]} holds {param.required_if[1]}")
    if param.zero_only_with:
        extras.append(f"0 only with {param.zero_only_with[0]} {'/'.join(param.zero_only_with[1])}")
    if param.no_decrease:
        extras.append("may not go down")
    if param.doubtful:
        extras.append(f"{', '.join(param.doubtful)}: warn (only in examples)")
    if param.step_doubtful:
        extras.append("a step other than this: warn")
    if not param.complete:
        extras.append("another model: warn")
    if param.since:
        extras.append(f"since {param.since}")
    return text + (f" ({'; '.join(extras)})" if extras else "")


def describe() -> str:
    lines = [
        f"The rules, from the {REPOSITORY} documentation at {TABLE_VERSION} "
        "(* = FortiFlex requires it):",
        "",
        f"fortiflexvm_config ({CONFIG_PAGE}): product_type exactly one of the product types "
        "below; status ACTIVE or DISABLED; program_serial_number starting with ELAVM (warn). "
        "The block named after the product type must be there (unless config_id imports), "
        "blocks of other product types are ignored (warn), only the first block counts.",
    ]
    for product in PRODUCTS:
        lines.append(
            f"  {product.product_type} (block {product.block}, id {product.type_id}, "
            f"{product.category} entitlements, since {product.since}): {product.title}"
        )
        lines.extend(_param(p) for p in product.params)
    lines.extend(["", "Entitlement resources:"])
    for rule in RESOURCES:
        if rule.kind == "resource" and rule.category is not None:
            required = ", ".join(a.name for a in rule.arguments if a.required)
            lines.append(
                f"  {rule.type} ({rule.source.page}, since {rule.since}): takes "
                f"{rule.category} configurations; requires {required}"
            )
    lines.extend(f"  - {text}" for text in ENTITLEMENT_RULES)
    lines.extend(["", "Provider releases (a type or argument newer than the pinned one fails):"])
    for rule in RESOURCES:
        later = ", ".join(f"{a.name} {a.since}" for a in rule.arguments if a.since)
        lines.append(
            f"  {rule.kind} {rule.type}: {rule.since}" + (f" (arguments: {later})" if later else "")
        )
    return "\n".join(lines)
