"""The emulator refuses the configuration parameters FortiFlex refuses, in the API's own words.

The rules are flexcheck's rules table (flexcheck/terraform/rules), so a rehearsal against the
emulator fails where `terraform-values` said it would, with the message the provider shows (it
rewrites "Parameter id 1" to "Parameter cpu_size").
"""

from __future__ import annotations

from collections.abc import Sequence

from flexcheck.emulator.endpoints.fields import Rejected
from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.rules.catalog import BY_TYPE_ID
from flexcheck.terraform.rules.findings import Severity
from flexcheck.terraform.rules.judge import judge_param
from flexcheck.terraform.rules.model import Kind, Param
from flexcheck.terraform.value_scope import Setting

# What the provider sends for a parameter the user left out.
_PLACEHOLDERS = ("", "NONE", 0, "0", None)  # stored values are strings


def refuse_invalid_parameters(
    product_type_id: int, parameters: Sequence[dict[str, object]] | None
) -> None:
    """Raise Rejected (HTTP 400) for the first parameter FortiFlex would refuse."""
    product = BY_TYPE_ID.get(product_type_id)
    if product is None or parameters is None:
        return
    by_id = {p.api_id: p for p in product.params}
    values: dict[str, list[object]] = {}
    for entry in parameters:
        number = entry.get("id")
        param = by_id.get(number) if isinstance(number, int) else None
        if param is None:  # stored_parameters judged the id (3 is an old alias of managed_dev)
            continue
        values.setdefault(param.name, []).append(entry.get("value"))
    block = {
        name: Setting(_value(by_name, found))
        for name, found in values.items()
        if (by_name := product.param(name)) is not None
    }
    subject = ResourceValues("resource", "fortiflexvm_config", "api", "", None, None)
    for param in product.params:
        if param.name not in block:
            continue  # an update may send only what changes; the provider sends every one
        setting = block[param.name]
        if setting.value in _PLACEHOLDERS and (not param.required or param.kind is Kind.LIST):
            continue
        if param.required and setting.value in ("", None):
            raise Rejected(400, f"Parameter id {param.api_id} is required.")
        finding = judge_param(subject, product, param, setting, block)
        if finding.severity is Severity.FAIL:
            detail = finding.message.removeprefix("= ")
            raise Rejected(
                400,
                f"Parameter id {param.api_id} is invalid: {detail}. Allowed: {finding.allowed}.",
            )


def _value(param: Param, found: list[object]) -> object:
    # A list parameter arrives as one entry per item; an empty list as the single item NONE.
    if param.kind is Kind.LIST:
        items = tuple(v for v in found if v != "NONE")
        return items or "NONE"
    return found[0]
