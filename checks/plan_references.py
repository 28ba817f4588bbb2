"""Do the configurations and programs the plan's fortiflexvm resources name exist, and are the
configurations active?"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checks.api_login import ApiLogin, Session
from checks.api_read import ApiRead
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Result, Status, fail, ok, skip
from flexcheck.forticloud.api import host_of
from flexcheck.forticloud.configs_list import ConfigsUnreadable, configs_of
from flexcheck.terraform.plan import Plan, plan_references

# A fortiflexvm_config resource sets its configuration's status itself: disabled is not an error.
STATUS_MANAGING_TYPES = frozenset({"fortiflexvm_config"})
MISSING_HINT = (
    "Check the id in your Terraform files against the FortiFlex portal (or the "
    "fortiflexvm_configs_list data source). An API user sees only its own account's programs: "
    "if the id belongs to another account, use an API user of that account (Step 2)."
)
DISABLED_HINT = (
    "Enable the configuration in the FortiFlex portal (or manage it with a fortiflexvm_config "
    "resource whose status is ACTIVE), or point the resource at an active configuration."
)


def _types(plan: Plan) -> dict[str, str]:
    return {c.address: c.type for c in plan.resource_changes}


def _as_int(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


class PlanReferences(Check[None]):
    id = "plan-references"
    title = "The configurations and programs the plan uses exist and are active"
    requires = (ApiLogin, ApiRead)
    guide_step = None
    network = True
    timeout = 45.0
    order = 75
    explanation = (
        "Reads the configuration ids and program serial numbers the --plan's fortiflexvm "
        "resources name and looks them up with read-only calls (programs/list, configs/list). "
        "A configuration id from another account or a disabled configuration makes terraform "
        "apply fail midway, after other resources may already have changed."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "a program serial number or configuration id the plan uses is not in this API "
            "user's account",
            "Check the id against the FortiFlex portal (or the fortiflexvm_configs_list data "
            "source); for another account's id, use an API user of that account.",
            2,
        ),
        FailureMode(
            Status.FAIL,
            "a configuration the plan uses is not ACTIVE (disabled or pending), and no "
            "fortiflexvm_config resource of the plan manages its status",
            "Enable the configuration in the FortiFlex portal, manage it with a "
            "fortiflexvm_config resource whose status is ACTIVE, or use an active one.",
        ),
        FailureMode(
            Status.FAIL,
            "configs/list refused or failed for a program, or FortiCloud could not be reached "
            "while listing configurations",
            "Run again later; if it persists, check the API user's FortiFlex permission.",
            1,
        ),
        FailureMode(
            Status.SKIP,
            "no --plan was given, or the plan's fortiflexvm resources name no configuration "
            "id or program serial number",
            "Pass --plan plan.json (from terraform show -json PLANFILE) to check them.",
        ),
    )

    @classmethod
    def talks_to(cls, ctx: Context) -> tuple[str, ...]:
        return (host_of(ctx.options.api_url),)

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        plan = ctx.options.plan_document
        if plan is None:
            return skip("no --plan given: nothing names the configurations the run will use")
        refs = plan_references(plan)
        if not refs.config_ids and not refs.program_serial_numbers:
            return skip(
                "the plan's fortiflexvm resources name no configuration id or program serial number"
            )
        programs = [str(p.get("serialNumber", "")) for p in deps[ApiRead]]
        problems = [
            f"program {r.serial_number} (used by {r.address}) is not in this account"
            for r in refs.program_serial_numbers
            if r.serial_number not in programs
        ]
        wanted = {r.serial_number for r in refs.program_serial_numbers} & set(programs)
        configs: dict[int, Mapping[str, Any]] = {}
        try:
            self._load(ctx, deps[ApiLogin], sorted(wanted), configs)
            if any(r.config_id not in configs for r in refs.config_ids):
                self._load(ctx, deps[ApiLogin], [p for p in programs if p not in wanted], configs)
        except ConfigsUnreadable as error:
            return error.result
        types = _types(plan)
        for ref in refs.config_ids:
            config = configs.get(ref.config_id)
            if config is None:
                problems.append(
                    f"configuration {ref.config_id} (used by {ref.address}) does "
                    "not exist in this account's programs"
                )
                continue
            status = str(config.get("status", "")).upper()
            if status != "ACTIVE" and types.get(ref.address) not in STATUS_MANAGING_TYPES:
                problems.append(
                    f"configuration {ref.config_id} (used by {ref.address}) is "
                    f"{status or 'of unknown status'}, not ACTIVE"
                )
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            hint = DISABLED_HINT if all("not ACTIVE" in p for p in problems) else MISSING_HINT
            result = fail(f"{problems[0]}{more}", hint=hint)
            return Result(result.status, result.summary, hint=result.hint, details=tuple(problems))
        used = len({r.config_id for r in refs.config_ids})
        serials = len({r.serial_number for r in refs.program_serial_numbers})
        return ok(
            f"the plan's {used} configuration(s) exist and are active, and its "
            f"{serials} program(s) are in this account"
        )

    @staticmethod
    def _load(
        ctx: Context, session: Session, serials: list[str], into: dict[int, Mapping[str, Any]]
    ) -> None:
        for serial in serials:
            for item in configs_of(ctx, session.token, serial):
                if (number := _as_int(item.get("id"))) is not None:
                    into[number] = item
