"""Entitlement resources against the table: arguments, dates, status, the configuration's type."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.rules.catalog import BY_TYPE
from flexcheck.terraform.rules.findings import Finding, Severity, outcome
from flexcheck.terraform.rules.model import ResourceRule
from flexcheck.terraform.rules.values import as_items, as_text, as_whole, shown
from flexcheck.terraform.value_scope import Setting

F, W, U, OK = Severity.FAIL, Severity.WARN, Severity.UNKNOWN, Severity.OK
META_ARGUMENTS = frozenset({"depends_on", "provider", "count", "for_each", "lifecycle"})
_SERIAL = re.compile(r"[A-Z0-9]{8,20}")
_ZONE = re.compile(r".*T.*(Z|[+-]\d\d:?\d\d)$", re.IGNORECASE)


def parse_end_date(text: str) -> date | None:
    """ISO 8601 as the provider's docs accept it: a date, or a date and time (zone optional)."""
    candidate = text.strip()
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(candidate).date()
    except ValueError:
        return None


def judge_entitlement(
    resource: ResourceValues,
    rule: ResourceRule,
    today: date,
    configs: Mapping[str, ResourceValues],
) -> list[Finding]:
    """`configs`: the configuration's fortiflexvm_config resources by address and by config id."""
    found: list[Finding] = []
    written = resource.origin == "configuration"

    def add(severity: Severity, attribute: str, message: str, allowed: str = "") -> None:
        line = resource.setting(attribute).line
        found.append(
            outcome(
                severity,
                resource,
                attribute,
                message,
                allowed=allowed,
                source=rule.source,
                line=line,
            )
        )

    for name, setting in resource.settings.items():
        argument = rule.argument(name)
        if written and argument is None and name not in META_ARGUMENTS:
            add(
                F,
                name,
                f"is not an argument of {rule.type}; Terraform refuses it",
                ", ".join(a.name for a in rule.arguments if a.settable),
            )
        elif written and argument is not None and not argument.settable:
            add(F, name, "is computed by FortiFlex: Terraform refuses a value (the docs are wrong)")
        elif (
            not setting.known
            and argument is not None
            and not _local_config(resource, setting, configs)
        ):
            add(U, name, f"not checked: {setting.unknown}")
    for argument in rule.arguments:
        if written and argument.required and not resource.setting(argument.name).is_set:
            add(F, argument.name, f"is missing; {rule.type} requires it")
    status = resource.setting("status")
    status_rule = rule.argument("status")
    if (
        status_rule
        and status.known
        and status.value is not None
        and as_text(status.value) not in status_rule.allowed
    ):
        add(
            F,
            "status",
            f"= {shown(status.value)} is never sent: the plan will not settle",
            " or ".join(status_rule.allowed),
        )
    _end_date(resource, rule, today, add)
    serial = resource.setting("serial_number")
    if serial.known and serial.value is not None:
        text = as_text(serial.value) or ""
        if "." in text or not text.strip():
            add(
                F,
                "serial_number",
                f"= {shown(text)} breaks the resource id (<serial_number>.<config_id>)",
            )
        elif not _SERIAL.fullmatch(text):
            add(
                W,
                "serial_number",
                f"= {shown(text)} does not look like a Fortinet serial "
                "number (8-20 capital letters and digits)",
            )
    if resource.setting("skip_pending").value is True:
        add(W, "skip_pending", "= true: charges start at once, before any VM uses the token")
    if resource.setting("regenerate_token").value is True:
        add(W, "regenerate_token", "= true: every apply replaces the token (and the resource)")
    retrieve = rule.argument("retrieve_status")
    statuses = resource.setting("retrieve_status")
    if retrieve and statuses.known and statuses.value is not None:
        items = as_items(statuses.value) or ()
        if any(i not in retrieve.allowed for i in items):
            add(
                W,
                "retrieve_status",
                f"= {shown(statuses.value)}: only STOPPED and PENDING entitlements can be taken",
                ", ".join(retrieve.allowed),
            )
    found.extend(_fit(resource, rule, configs))
    return found


def _end_date(
    resource: ResourceValues, rule: ResourceRule, today: date, add: Callable[..., None]
) -> None:
    setting = resource.setting("end_date")
    if not setting.known or setting.value is None:
        return
    text = as_text(setting.value) or ""
    day = parse_end_date(text)
    if day is None:
        add(F, "end_date", f"= {shown(text)} is not an ISO 8601 date", "YYYY-MM-DDThh:mm:ss")
    elif day < today:
        add(
            F,
            "end_date",
            f"= {shown(text)} is in the past; FortiFlex refuses it",
            f"{today.isoformat()} or later, up to the program's end date",
        )
    elif rule.type != "fortiflexvm_entitlements_vm" and not _ZONE.match(text):
        add(
            W,
            "end_date",
            f"= {shown(text)} has no time zone: on a later update the provider "
            "reads only RFC 3339 and skips the whole update",
            "e.g. 2027-01-31T00:00:00Z",
        )


def _fit(
    resource: ResourceValues, rule: ResourceRule, configs: Mapping[str, ResourceValues]
) -> list[Finding]:
    """The configuration named by config_id, when the same configuration defines it."""
    if rule.category is None:
        return []
    setting = resource.setting("config_id")
    target: ResourceValues | None = None
    if setting.refers_to:
        target = _local_config(resource, setting, configs)
    elif setting.known and (number := as_whole(setting.value)) is not None:
        target = configs.get(f"id:{number}")
    if target is None:
        return []
    product_type = target.setting("product_type")
    product = BY_TYPE.get(as_text(product_type.value) or "") if product_type.known else None
    if product is None or product.category is rule.category:
        return []
    message = (
        f"names {target.address}, a {product.category} configuration ({product.product_type}); "
        f"{rule.type} takes {rule.category} configurations only, and FortiFlex refuses it"
    )
    return [outcome(F, resource, "config_id", message, source=rule.source, line=setting.line)]


def _local_config(
    resource: ResourceValues, setting: Setting, configs: Mapping[str, ResourceValues]
) -> ResourceValues | None:
    """The fortiflexvm_config of the same module a value refers to (`fortiflexvm_config.x.id`)."""
    if not setting.refers_to:
        return None
    local = setting.refers_to
    return configs.get(f"{resource.module}.{local}" if resource.module else local)


def one_per_cloud_product(
    resources: Sequence[ResourceValues], configs: Mapping[str, ResourceValues]
) -> list[Finding]:
    """FortiFlex holds at most one entitlement per cloud product in an account."""
    first: dict[str, ResourceValues] = {}
    found: list[Finding] = []
    for resource in resources:
        if resource.type != "fortiflexvm_entitlements_cloud":
            continue
        setting = resource.setting("config_id")
        target = _local_config(resource, setting, configs)
        if target is None and setting.known and (number := as_whole(setting.value)) is not None:
            target = configs.get(f"id:{number}")
        product_type = as_text(target.setting("product_type").value) if target else None
        if not product_type:
            continue
        earlier = first.setdefault(product_type, resource)
        if earlier is not resource:
            message = (
                f"is a second {product_type} entitlement (after {earlier.address}): an account "
                "holds one per cloud product, so FortiFlex may refuse it"
            )
            found.append(outcome(W, resource, "config_id", message, line=setting.line))
    return found
