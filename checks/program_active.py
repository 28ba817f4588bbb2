"""Are the programs the Terraform files and plan use running long enough for what they ask?"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from checks.api_login import ApiLogin
from checks.api_read import ApiRead
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Result, Status, ok, skip
from flexcheck.forticloud.api import host_of
from flexcheck.forticloud.configs_list import ConfigsUnreadable, configs_of
from flexcheck.terraform.plan_values import planned_resources
from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.resource_workspace import resource_reading
from flexcheck.terraform.route import RETRIES, symptom
from flexcheck.terraform.rules.catalog import BY_TYPE_ID, resource_rule
from flexcheck.terraform.rules.check_entitlement import parse_end_date
from flexcheck.terraform.rules.values import as_text, as_whole

SOON = timedelta(days=30)
_REFUSED_ENTITLEMENT = (
    "the apply would stop at the first of these entitlements with FortiFlex's refusal, after "
    f"creating the resources before it; {RETRIES}"
)
# Data sources that name a program too.
_NAMING = frozenset(
    {"fortiflexvm_config", "fortiflexvm_configs_list", "fortiflexvm_entitlements_list"}
)


def _resources(ctx: Context) -> list[ResourceValues]:
    plan = ctx.options.plan_document
    planned = list(planned_resources(plan)) if plan is not None else []
    seen = {r.address for r in planned}
    return planned + [r for r in resource_reading(ctx).resources if r.address not in seen]


def _text(resource: ResourceValues, name: str) -> str | None:
    setting = resource.setting(name)
    return as_text(setting.value) if setting.known and setting.value is not None else None


class ProgramActive(Check[None]):
    id = "program-active"
    title = "The programs the configuration uses are running, and outlast its entitlements"
    requires = (ApiLogin, ApiRead)
    network = True
    timeout = 45.0
    order = 76
    explanation = (
        "Looks up, with read-only calls (programs/list, configs/list, both shared with the other "
        "checks of the run), every program serial number the Terraform files and the --plan "
        "name: it must exist and must not have ended. It also holds each planned entitlement's "
        "end_date against its program's end date, and the product type of each configuration an "
        "entitlement names by id against the entitlement's kind (VM, hardware, cloud). FortiFlex "
        "refuses each of these at apply time."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "a program the configuration names is not in the account, or has ended",
            "Use a running program of this account (the FortiFlex portal lists them), or renew "
            "the program with Fortinet.",
            2,
        ),
        FailureMode(
            Status.FAIL,
            "an entitlement's end_date is after its program's end date, or an entitlement names "
            "a configuration of the wrong kind (a VM entitlement on a hardware configuration)",
            "Move end_date to the program's end date or earlier (or leave it out: the program's "
            "end date is used); point config_id at a configuration of the fitting product type.",
        ),
        FailureMode(
            Status.WARN,
            "a program the configuration uses ends within 30 days",
            "Renew the program before it ends: its entitlements stop with it.",
        ),
        FailureMode(
            Status.SKIP,
            "neither the Terraform files nor the --plan name a program or a configuration id",
            "Pass --plan plan.json, or point --tf-dir at your Terraform files.",
        ),
    )

    @classmethod
    def talks_to(cls, ctx: Context) -> tuple[str, ...]:
        return (host_of(ctx.options.api_url),)

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        resources = _resources(ctx)
        programs = {str(p.get("serialNumber", "")): p for p in deps[ApiRead]}
        serials = {
            serial: r.plan_address or r.address
            for r in resources
            if r.type in _NAMING and (serial := _text(r, "program_serial_number"))
        }
        entitlements = [
            r
            for r in resources
            if r.kind == "resource" and (rule := resource_rule(r.kind, r.type)) and rule.category
        ]
        if not serials and not entitlements:
            return skip("the Terraform files and the plan name no program and no entitlement")
        today = datetime.now(UTC).date()
        problems: list[str] = []
        warnings: list[str] = []
        ends: dict[str, date] = {}
        for serial, program in programs.items():
            end = parse_end_date(str(program.get("endDate", "")))
            if end is not None:
                ends[serial] = end
        for serial, address in sorted(serials.items()):
            end = ends.get(serial)
            if serial not in programs:
                problems.append(f"program {serial} (used by {address}) is not in this account")
            elif end is not None and end < today:
                problems.append(f"program {serial} (used by {address}) ended on {end}")
            elif end is not None and end - today <= SOON:
                warnings.append(
                    f"program {serial} (used by {address}) ends on {end}, in "
                    f"{(end - today).days} days"
                )
        try:
            configs = self._configs(ctx, deps, [s for s in programs if s])
        except ConfigsUnreadable as error:
            return error.result
        local = {r.address: r for r in resources if r.type == "fortiflexvm_config"}
        for entitlement in entitlements:
            problems.extend(self._entitlement(entitlement, configs, local, ends))
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return Result(
                Status.FAIL,
                problems[0] + more,
                hint="Use a running program of this account and keep each end_date within it; "
                "point config_id at a configuration of the kind the entitlement resource takes.",
                details=(*problems[1:], *warnings, symptom(_REFUSED_ENTITLEMENT)),
            )
        if warnings:
            return Result(
                Status.WARN,
                warnings[0],
                hint="Renew the program before it ends: its entitlements stop with it.",
                details=tuple(warnings[1:]),
            )
        return ok(
            f"{len(serials)} program(s) running, {len(entitlements)} entitlement(s) within "
            "their program and on configurations of their kind"
        )

    @staticmethod
    def _configs(ctx: Context, deps: Deps, serials: list[str]) -> dict[int, Mapping[str, Any]]:
        token = deps[ApiLogin].token
        found: dict[int, Mapping[str, Any]] = {}
        for serial in serials:
            for item in configs_of(ctx, token, serial):
                if (number := as_whole(item.get("id"))) is not None:
                    found[number] = item
        return found

    @staticmethod
    def _entitlement(
        resource: ResourceValues,
        configs: Mapping[int, Mapping[str, Any]],
        local: Mapping[str, ResourceValues],
        ends: Mapping[str, date],
    ) -> list[str]:
        rule = resource_rule(resource.kind, resource.type)
        address = resource.plan_address or resource.address
        setting = resource.setting("config_id")
        number = as_whole(setting.value) if setting.known else None
        config = configs.get(number) if number is not None else None
        problems: list[str] = []
        serial: str | None = None
        if config is not None:
            serial = str(config.get("programSerialNumber", "")) or None
            kind = config.get("productType")
            product = (
                BY_TYPE_ID.get(as_whole(kind.get("id")) or 0) if isinstance(kind, Mapping) else None
            )
            if rule and product is not None and product.category is not rule.category:
                problems.append(
                    f"{address}: configuration {number} is {product.product_type}, a "
                    f"{product.category} product; {resource.type} takes {rule.category} "
                    "configurations only"
                )
        elif setting.refers_to:
            target = local.get(f"{resource.module}.{setting.refers_to}".lstrip("."))
            serial = _text(target, "program_serial_number") if target else None
        elif len(ends) == 1:
            serial = next(iter(ends))
        end_text = _text(resource, "end_date")
        end = parse_end_date(end_text) if end_text else None
        program_end = ends.get(serial or "")
        if end is not None and program_end is not None and end > program_end:
            problems.append(
                f"{address}: end_date {end} is after the end of program {serial} "
                f"({program_end}); FortiFlex refuses it"
            )
        return problems
