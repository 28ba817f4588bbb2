"""A `fortiflexvm_config` against the table: product type, its block, and every parameter."""

from __future__ import annotations

from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.rules.catalog import BY_BLOCK, BY_TYPE, product_by_case
from flexcheck.terraform.rules.findings import Finding, Severity, outcome
from flexcheck.terraform.rules.judge import judge_param
from flexcheck.terraform.rules.model import CONFIG_DOC, TABLE_VERSION, Kind, Product
from flexcheck.terraform.rules.resources import CONFIG_STATUS
from flexcheck.terraform.rules.values import as_items, as_text, as_whole, shown
from flexcheck.terraform.value_scope import Setting

F, W, U, OK = Severity.FAIL, Severity.WARN, Severity.UNKNOWN, Severity.OK


def judge_config(resource: ResourceValues) -> list[Finding]:
    found: list[Finding] = []
    written = resource.origin == "configuration"
    product_type = resource.setting("product_type")
    product: Product | None = None
    if not product_type.is_set:
        if written:
            found.append(_top(F, resource, "product_type", "is missing; Terraform requires it"))
    elif not product_type.known:
        found.append(_unknown(resource, "product_type", product_type))
    else:
        text = as_text(product_type.value) or ""
        product = BY_TYPE.get(text)
        if product is None:
            near = product_by_case(text)
            hint = f" (did you mean {near.product_type!r}? the case matters)" if near else ""
            found.append(
                _top(
                    F,
                    resource,
                    "product_type",
                    f"= {shown(text)} is not a product type of provider {TABLE_VERSION}{hint}",
                    allowed=", ".join(BY_TYPE),
                    line=product_type.line,
                )
            )
    found.extend(_status_and_program(resource, written))
    imported = resource.setting("config_id")
    importing = not imported.known or as_whole(imported.value) not in (None, 0)
    for name, blocks in resource.blocks.items():
        other = BY_BLOCK.get(name)
        line = blocks[0].line
        if other is None:
            found.append(
                _top(F, resource, name, "is not a block fortiflexvm_config has", line=line)
            )
        elif product is not None and other is not product:
            found.append(
                _top(
                    W,
                    resource,
                    name,
                    f"is ignored: for {product.product_type} the provider sends only the "
                    f"{product.block} block",
                    line=line,
                )
            )
        elif product is None:
            found.extend(_parameters(resource, other, written=False))
    if product is not None:
        found.extend(_product_block(resource, product, written and not importing))
    return found


def _product_block(resource: ResourceValues, product: Product, complete: bool) -> list[Finding]:
    blocks = resource.blocks.get(product.block)
    if blocks is None:
        if product.block in resource.dynamic:
            return [outcome(U, resource, product.block, "not checked: a dynamic block builds it")]
        settable = [p for p in product.params if p.kind is not Kind.READ_ONLY]
        if not complete or not settable:
            return []
        if product.required:
            names = ", ".join(p.name for p in product.required)
            return [
                _top(
                    F,
                    resource,
                    product.block,
                    f"is missing: {product.product_type} needs it, with {names}",
                    source_product=product,
                )
            ]
        return [
            _top(
                W,
                resource,
                product.block,
                "is missing: the configuration is created with FortiFlex's defaults",
                source_product=product,
            )
        ]
    found = _parameters(resource, product, written=complete)
    if len(blocks) > 1:
        found.append(
            _top(
                W,
                resource,
                product.block,
                f"is written {len(blocks)} times: the provider sends only the first",
                line=blocks[1].line,
            )
        )
    return found


def _parameters(resource: ResourceValues, product: Product, *, written: bool) -> list[Finding]:
    block = resource.blocks[product.block][0]
    found: list[Finding] = []
    for name, setting in block.settings.items():
        param = product.param(name)
        if param is None:
            if resource.origin == "configuration":
                found.append(
                    _top(
                        F,
                        resource,
                        f"{product.block}.{name}",
                        f"is not a parameter of {product.block}; Terraform refuses it",
                        allowed=", ".join(p.name for p in product.params),
                        line=setting.line,
                    )
                )
            continue
        found.append(judge_param(resource, product, param, setting, block.settings))
        found.extend(_no_decrease(resource, product, name, setting))
    for param in product.params:
        if param.name in block.settings:
            continue
        needed = param.required
        if param.required_if is not None:
            other, value = param.required_if
            items = as_items(block.settings.get(other, Setting()).value) or ()
            needed = value in items
        if needed and written:
            found.append(
                _top(
                    F,
                    resource,
                    f"{product.block}.{param.name}",
                    f"is missing; FortiFlex requires it for {product.product_type}",
                    allowed=param.allowed_text(),
                    line=block.line,
                    source_product=product,
                )
            )
    return found


def _no_decrease(
    resource: ResourceValues, product: Product, name: str, setting: Setting
) -> list[Finding]:
    param = product.param(name)
    if param is None or not param.no_decrease or resource.before is None:
        return []
    previous_blocks = resource.before.get(product.block)
    if not isinstance(previous_blocks, list) or not previous_blocks:
        return []
    first = previous_blocks[0]
    previous = first.get(name) if isinstance(first, dict) else None
    if param.allowed:  # an ordered choice: upgrades only
        rank = {value: i for i, value in enumerate(param.allowed)}
        old, new = rank.get(as_text(previous) or ""), rank.get(as_text(setting.value) or "")
    else:
        old, new = as_whole(previous), as_whole(setting.value)
    if old is None or new is None or new >= old:
        return []
    return [
        _top(
            F,
            resource,
            f"{product.block}.{name}",
            f"goes down from {shown(previous)} to {shown(setting.value)}: FortiFlex only "
            "lets it go up",
            source_product=product,
        )
    ]


def _status_and_program(resource: ResourceValues, written: bool) -> list[Finding]:
    found: list[Finding] = []
    status = resource.setting("status")
    if status.known and status.value is not None and as_text(status.value) not in CONFIG_STATUS:
        found.append(
            _top(
                F,
                resource,
                "status",
                f"= {shown(status.value)} is refused by the provider",
                allowed=" or ".join(CONFIG_STATUS),
                line=status.line,
            )
        )
    program = resource.setting("program_serial_number")
    if not program.is_set and written:
        found.append(
            _top(F, resource, "program_serial_number", "is missing; Terraform requires it")
        )
    elif not program.known:
        found.append(_unknown(resource, "program_serial_number", program))
    elif not (as_text(program.value) or "").startswith("ELAVM"):
        found.append(
            _top(
                W,
                resource,
                "program_serial_number",
                f"= {shown(program.value)} does not look like a FortiFlex program "
                "(they start with ELAVM)",
                line=program.line,
            )
        )
    return found


def _unknown(resource: ResourceValues, attribute: str, setting: Setting) -> Finding:
    return outcome(U, resource, attribute, f"not checked: {setting.unknown}", line=setting.line)


def _top(
    severity: Severity,
    resource: ResourceValues,
    attribute: str,
    message: str,
    *,
    allowed: str = "",
    line: int | None = None,
    source_product: Product | None = None,
) -> Finding:
    source = source_product.source if source_product else CONFIG_DOC
    return outcome(
        severity,
        resource,
        attribute,
        message,
        allowed=allowed,
        source=source,
        line=line or resource.setting(attribute).line,
    )
