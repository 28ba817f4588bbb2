"""Building resources for the rules tests without writing files."""

from __future__ import annotations

from datetime import date
from typing import Any

from flexcheck.terraform.resource_values import BlockValues, ResourceValues
from flexcheck.terraform.rules.catalog import BY_TYPE
from flexcheck.terraform.rules.evaluate import evaluate
from flexcheck.terraform.rules.findings import Finding, Severity
from flexcheck.terraform.rules.model import Kind
from flexcheck.terraform.value_scope import Setting

TODAY = date(2026, 12, 1)


def settings(values: dict[str, Any]) -> dict[str, Setting]:
    return {k: v if isinstance(v, Setting) else Setting(v, line=10) for k, v in values.items()}


def resource(
    type_name: str,
    values: dict[str, Any],
    blocks: dict[str, dict[str, Any]] | None = None,
    name: str = "r",
    origin: str = "configuration",
) -> ResourceValues:
    return ResourceValues(
        "resource",
        type_name,
        name,
        "",
        "main.tf",
        1,
        settings(values),
        {k: (BlockValues(settings(v), 5),) for k, v in (blocks or {}).items()},
        origin=origin,
    )


def valid_block(product_type: str) -> dict[str, Any]:
    """Every required parameter of the product at a value the docs allow."""
    product = BY_TYPE[product_type]
    values: dict[str, Any] = {}
    for param in product.params:
        if not param.required:
            continue
        if param.kind is Kind.WHOLE:
            values[param.name] = param.low
        else:
            values[param.name] = param.allowed[0]
    return values


def config(product_type: str, **block: Any) -> ResourceValues:
    product = BY_TYPE[product_type]
    return resource(
        "fortiflexvm_config",
        {"product_type": product_type, "program_serial_number": "ELAVMS0000000001"},
        {product.block: {**valid_block(product_type), **block}},
    )


def findings(*resources: ResourceValues, today: date = TODAY) -> list[Finding]:
    return evaluate(list(resources), [], None, today)


def severity_of(found: list[Finding], attribute: str) -> Severity:
    """The worst severity reported for `attribute`; OK when nothing is."""
    matching = [f.severity for f in found if f.attribute == attribute]
    return matching[0] if matching else Severity.OK
