"""One product-block parameter's value against its rule: range, set, list, step and companions."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.rules.findings import Finding, Severity, outcome
from flexcheck.terraform.rules.model import Kind, Param, Product
from flexcheck.terraform.rules.values import as_items, as_text, as_whole, shown
from flexcheck.terraform.value_scope import Setting

F, W, OK = Severity.FAIL, Severity.WARN, Severity.OK
# The provider sends an empty list as this one value; FortiFlex reads it as "none of them".
NONE = "NONE"


def judge_param(
    resource: ResourceValues,
    product: Product,
    param: Param,
    setting: Setting,
    block: Mapping[str, Setting],
) -> Finding:
    where = f"{product.block}.{param.name}"

    def found(severity: Severity, message: str = "") -> Finding:
        allowed = param.allowed_text() if severity is not OK else ""
        return outcome(
            severity,
            resource,
            where,
            message,
            allowed=allowed,
            source=product.source,
            line=setting.line,
        )

    if not setting.known:
        return outcome(
            Severity.UNKNOWN, resource, where, f"not checked: {setting.unknown}", line=setting.line
        )
    value = setting.value
    if param.kind is Kind.READ_ONLY:
        return found(F, "is read-only: FortiFlex sets it and Terraform refuses a value")
    if param.kind is Kind.WHOLE:
        return _whole(param, value, block, found)
    if param.kind is Kind.LIST:
        items = as_items(value)
        if items is None:
            return found(F, f'= {shown(value)} is not a list (write ["A", "B"])')
        wrong = [i for i in items if i not in param.allowed and i != NONE]
        doubtful = [i for i in wrong if i in param.doubtful]
        if len(wrong) > len(doubtful):
            bad = ", ".join(shown(i) for i in wrong if i not in doubtful)
            return found(F, f"holds {bad}, which FortiFlex does not offer here")
        if doubtful:
            return found(W, f"holds {', '.join(doubtful)}, which the docs no longer list")
        return found(OK)
    text = as_text(value)
    if text is None:
        return found(F, f"= {shown(value)} is not a single value")
    if param.kind is Kind.CHOICE and as_whole(text) is not None and param.allowed[0].isdigit():
        text = str(as_whole(text))  # 16.0 and "16" both mean 16
    if text in param.allowed:
        return found(OK)
    if text in param.doubtful:
        return found(W, f"= {shown(value)} appears only in an example, not in the argument list")
    if not param.complete:
        return found(W, f"= {shown(value)} is not among the models the docs list (check FNDN)")
    folded = next((a for a in param.allowed if a.casefold() == text.casefold()), None)
    hint = f" (did you mean {shown(folded)}?)" if folded else ""
    return found(F, f"= {shown(value)} is not one FortiFlex accepts{hint}")


def _whole(
    param: Param, value: object, block: Mapping[str, Setting], found: Callable[..., Finding]
) -> Finding:
    number = as_whole(value)
    if number is None:
        return found(F, f"= {shown(value)} is not a whole number")
    if param.low is None or param.high is None:
        return found(OK)
    if number == 0 and param.zero_allowed:
        return found(OK)
    if not param.low <= number <= param.high:
        return found(F, f"= {number} is out of range")
    if number == 0 and param.zero_only_with is not None:
        other, values = param.zero_only_with
        companion = block.get(other, Setting())
        if companion.known and as_text(companion.value) not in values:
            shown_other = shown(companion.value)
            return found(
                F, f"= 0 is allowed only when {other} is {' or '.join(values)}, not {shown_other}"
            )
    if param.step and number % param.step:
        severity = W if param.step_doubtful else F
        return found(severity, f"= {number} is not a multiple of {param.step}")
    return found(OK)
