"""Will the API user be allowed to write, when the coming Terraform run writes?"""

from __future__ import annotations

import re
from dataclasses import replace

from checks.api_login import ApiLogin
from flexcheck.core.context import Context, Need
from flexcheck.core.model import (
    Check,
    Deps,
    FailureMode,
    Location,
    Result,
    Status,
    fail,
    ok,
    skip,
    warn,
)
from flexcheck.core.needs import RunNeeds, determine_needs
from flexcheck.errors import RemoteError
from flexcheck.forticloud import api as fortiflex
from flexcheck.forticloud.probe import Access, classify
from flexcheck.forticloud.remote import remote_failure
from flexcheck.terraform.route import refused_request
from flexcheck.terraform.workspace import tf_config

READ_WRITE_HINT = (
    "In FortiCloud IAM open the API user's permission profile (Step 1) and set the FortiFlex "
    "(FlexVM) access type to ReadWrite, or give the API user a profile that has it (Step 2)."
)
# Looking a config up needs the caller's account, so a not-found answer comes after the
# permission check; a refusal of the request's form may come before it (a validator in front).
_LOOKUP = re.compile(r"not found|does not exist|doesn't exist|not exist|no such", re.IGNORECASE)
FORM_ONLY_HINT = (
    "FortiFlex refused the probe for its form, which it may check before permission: a "
    "read-only API user could get the same answer. Check the permission profile's FortiFlex "
    "access type in IAM (Step 1) by hand, and see the README's emulator section."
)
DECLARE_HINT = (
    "Tell flexcheck what the run will do: --require read|write, --plan plan.json (from "
    "terraform show -json PLANFILE), or --tf-dir pointing at your Terraform files."
)


def _because(needs: RunNeeds) -> str:
    shown = ", ".join(needs.reasons[:3])
    more = f" and {len(needs.reasons) - 3} more" if len(needs.reasons) > 3 else ""
    return f"{needs.source} needs write ({shown}{more})" if shown else f"{needs.source} says write"


def _details(needs: RunNeeds) -> tuple[str, ...]:
    """Every reason, not only the three the summary has room for."""
    verb = "needs write" if needs.need is Need.WRITE else "reads"
    # The summary names up to three; list them here only when it could not name them all.
    summarised = needs.need is Need.WRITE and len(needs.reasons) <= 3
    listed = () if summarised else needs.reasons
    shown = [f"{verb}: {reason}" for reason in listed]
    if needs.need is Need.WRITE and any(_destroys(r) for r in needs.reasons):
        shown.append("a destroy (delete) is a write: it stops entitlements or disables configs")
    return (*shown, *(f"could not read {p}" for p in needs.problems))


def _after_permission(answer: fortiflex.ApiAnswer) -> bool:
    """Only an answer about the missing config proves the request got past the permission check."""
    return answer.http_status == 404 or bool(_LOOKUP.search(answer.message))


def _destroys(reason: str) -> bool:
    actions = reason.rpartition(": ")[2]
    return "delete" in (a.strip() for a in actions.split(","))


class WritePermission(Check[None]):
    id = "write-permission"
    title = "ReadWrite access is present where writes are planned"
    requires = (ApiLogin,)
    guide_step = 1
    network = True
    order = 50
    explanation = (
        "Works out whether the coming Terraform run writes (from --require, the plan or the "
        "*.tf files) and, only then, sends one write probe built so it cannot change anything "
        "(configs/update with id 0). A read-only API user passes every other check and then "
        "fails in the middle of terraform apply."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "the run writes, but the write probe is denied: the API user is read-only",
            "Set the FortiFlex (FlexVM) access type of the permission profile to ReadWrite.",
            1,
        ),
        FailureMode(
            Status.FAIL,
            "the run writes, but the API user's profile cannot be changed",
            "Give the API user a permission profile with ReadWrite.",
            2,
        ),
        FailureMode(
            Status.WARN,
            "write access was not verified (--no-write-probe), the answer could not be read, "
            "or the probe was refused only for its form (which may be checked before permission)",
            "Run without --no-write-probe, or check the permission profile in IAM by hand.",
            1,
        ),
        FailureMode(
            Status.SKIP,
            "nothing says whether the run writes",
            "Pass --require read|write, --plan plan.json or --tf-dir.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        needs = determine_needs(ctx.options, lambda: tf_config(ctx))
        result = self._answer(ctx, deps, needs)
        return replace(result, details=(*_details(needs), *result.details))

    def _answer(self, ctx: Context, deps: Deps, needs: RunNeeds) -> Result[None]:
        if needs.need is None:
            return skip(
                f"nothing says whether the run writes ({needs.source}: no fortiflexvm "
                "resources or data sources)"
            )
        if needs.need is Need.READ:
            return ok(f"{needs.source} only reads: read access is enough")
        if not ctx.options.write_probe:
            return warn(
                f"{_because(needs)}; not verified: --no-write-probe is set",
                hint="Run without --no-write-probe to verify write access.",
            )
        session = deps[ApiLogin]
        try:
            answer = fortiflex.call(
                ctx.http,
                ctx.options.endpoints,
                fortiflex.PROBE_ENDPOINT,
                fortiflex.write_probe_body(),
                session.token,
                retry=False,
            )
        except RemoteError as error:
            return remote_failure(error, "probe for write access")
        reading = classify(answer)
        if reading.access is Access.READ_ONLY:
            denied: Result[None] = fail(
                f"{_because(needs)}, but the API user is read-only: the write probe "
                f"was denied ({reading.evidence})",
                hint=READ_WRITE_HINT,
            )
            shown = refused_request(reading.evidence, "at its first write")
            return replace(denied, details=(shown,))
        if reading.access is Access.READ_WRITE and not _after_permission(answer):
            return warn(
                f"{_because(needs)}; could not determine write access: the probe was refused "
                f"for its form, not for a missing config ({reading.evidence})",
                hint=FORM_ONLY_HINT,
            )
        if reading.access is Access.READ_WRITE:
            # An inference, said as one: the refusal was about the config, not the permission,
            # which shows write access only if FortiFlex checks permission first (unconfirmed).
            return ok(
                f"{_because(needs)}; write access is likely: the write probe was refused for "
                f"its config id, not for permission ({reading.evidence}). This holds if "
                "FortiFlex checks permission before the config id, which no public source "
                "confirms",
            )
        return warn(
            f"{_because(needs)}; could not determine write access: {reading.evidence}",
            hint="FortiFlex does not document how it answers a write it cannot perform. "
            "Check the API user's permission profile in IAM (Step 1) by hand.",
        )

    def locate(self, ctx: Context, deps: Deps, result: Result[None]) -> Location | None:
        options = ctx.options
        if options.require is None and options.plan_document is not None and options.plan:
            return Location.of(options.plan, options.cwd)
        return result.location
