"""Can the token read FortiFlex? Listing programs is the lightest call every user may make."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from checks.api_login import ApiLogin
from flexcheck.core.context import Context
from flexcheck.core.model import (
    NO_GUIDE_STEP,
    Check,
    Deps,
    FailureMode,
    Result,
    Status,
    fail,
    ok,
    warn,
)
from flexcheck.errors import RemoteError
from flexcheck.forticloud import answers
from flexcheck.forticloud import api as fortiflex
from flexcheck.forticloud.api import ApiAnswer, host_of
from flexcheck.forticloud.remote import remote_failure
from flexcheck.terraform.route import refused_request

Programs = tuple[Mapping[str, Any], ...]
RATE_LIMITED = {-10: "a minute", -11: "an hour"}


class ApiRead(Check[Programs]):
    id = "api-read"
    title = "FortiFlex API answers a read (programs/list)"
    requires = (ApiLogin,)
    guide_step = 1
    network = True
    order = 40
    explanation = (
        "Lists the FortiFlex programs with the new token: the lightest call every API user may "
        "make. It proves the permission profile grants FortiFlex (FlexVM) access at all, which a "
        "successful login does not."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "programs/list is refused: the permission profile lacks FortiFlex (FlexVM) access",
            "Add FortiFlex (FlexVM) to the API user's permission profile.",
            1,
        ),
        FailureMode(
            Status.FAIL,
            "the token just issued is refused (auth and API URLs that do not belong together)",
            "Check that --auth-url and --api-url belong to the same FortiCloud.",
        ),
        FailureMode(
            Status.FAIL,
            "something other than the FortiFlex API answers at --api-url (a wrong path: HTTP "
            "404; an HTML page; a proxy's answer)",
            "Fix the URL or the hop the report names; the permission profile is not at fault.",
        ),
        FailureMode(
            Status.FAIL,
            "FortiFlex rate-limits the API user (too many requests per minute or hour)",
            "Wait and run again; other automation may share the API user.",
        ),
        FailureMode(
            Status.WARN,
            "the API answers but lists no program",
            "Check that FortiFlex is activated for the account the API user belongs to.",
            1,
        ),
    )

    @classmethod
    def talks_to(cls, ctx: Context) -> tuple[str, ...]:
        return (host_of(ctx.options.api_url),)

    def run(self, ctx: Context, deps: Deps) -> Result[Programs]:
        session = deps[ApiLogin]
        try:
            answer = fortiflex.call(
                ctx.http, ctx.options.endpoints, "programs/list", {}, session.token
            )
        except RemoteError as error:
            return remote_failure(error, "read the program list")
        if answer.status in RATE_LIMITED:
            return fail(
                f"FortiFlex refused: too many requests in {RATE_LIMITED[answer.status]} "
                f"({answer.message or 'status ' + str(answer.status)})",
                hint="Wait and run again; other automation may be using this API user.",
                network=True,
            )
        if answer.status != 0:
            said = answer.message or f"status {answer.status}"
            # The provider's requests carry the same token, so they meet the same refusal.
            shown = refused_request(said, "at its first FortiFlex call")
            return replace(_refused(answer, said), details=(shown,))
        raw = answer.payload.get("programs")
        programs: Programs = (
            tuple(p for p in raw if isinstance(p, Mapping)) if isinstance(raw, list) else ()
        )
        if not programs:
            return warn(
                "the API answered, but lists no FortiFlex program for this account",
                hint="Some MSSP programs list empty; otherwise check that FortiFlex is "
                "activated for the account the API user belongs to.",
                value=programs,
            )
        plural = "s" if len(programs) != 1 else ""
        return ok(f"{len(programs)} program{plural} visible", value=programs)


def _refused(answer: ApiAnswer, said: str) -> Result[Programs]:
    """FortiFlex's own refusal (`said`, its words): the permission profile is blamed only when
    FortiFlex says so."""
    if "security token" in said.lower():
        return fail(
            f"the new token was refused: {said}",
            hint="The login worked but the API refused its token: check that --api-url and "
            "--auth-url belong to the same FortiCloud, then run again. " + answers.NOT_CREDENTIALS,
            guide_step=NO_GUIDE_STEP,
        )
    if answers.says_denied(answer.message) or answer.http_status in (401, 403):
        return fail(
            f"FortiFlex refused programs/list (HTTP {answer.http_status}): {said}",
            hint="Check that the API user's permission profile grants FortiFlex "
            "(FlexVM) access (Step 1).",
        )
    return fail(
        f"FortiFlex answered programs/list with an error (HTTP {answer.http_status}): {said}",
        hint="FortiFlex gave a reason that does not concern the permission profile: run again, "
        "and if it persists, contact Fortinet support with this message.",
        guide_step=NO_GUIDE_STEP,
    )
