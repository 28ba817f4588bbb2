"""Does the API user's login succeed? Everything after it needs a token."""

from __future__ import annotations

from dataclasses import dataclass, replace

from checks.zip_decrypt import ZipDecrypt
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Location, Result, Status, fail, ok
from flexcheck.credentials import damage
from flexcheck.credentials.api_user import ApiCredentials
from flexcheck.errors import LoginRejected, RemoteError
from flexcheck.forticloud import api as fortiflex
from flexcheck.forticloud.api import host_of
from flexcheck.forticloud.remote import remote_failure
from flexcheck.terraform.route import LOGIN_REFUSED, TOKEN_LIFE, symptom

REJECTED_HINT = (
    "Check that this is the newest credential download: every Download Credentials (Step 3) "
    "resets the API password, so an older file or variable stops working. Download again and "
    "update every place that uses the password. If the user was deleted or disabled, create an "
    "API user (Step 2). flexcheck does not retry a rejected login: repeated bad logins risk a "
    "lockout."
)


@dataclass(frozen=True)
class Session:
    token: fortiflex.Token
    credentials: ApiCredentials


class ApiLogin(Check[Session]):
    id = "api-login"
    title = "FortiFlex API login succeeds"
    requires = (ZipDecrypt,)
    guide_step = 3
    network = True
    timeout = 30.0
    order = 30
    grace = 3.0  # a login in flight at Ctrl-C may already hold a token: wait, then revoke it
    explanation = (
        "Logs in to FortiCloud's OAuth endpoint with the API user id and password, as the "
        "fortiflexvm provider does, and revokes the token afterwards. A rejected login is the "
        "commonest reason a Terraform run fails: every Download Credentials resets the API "
        "password, so an older file or variable stops working."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "FortiCloud rejects the API user and password (stale download, deleted or "
            "disabled user)",
            "Use the newest credential download and update every place that holds the "
            "password; flexcheck never retries a rejected login (lockout risk).",
            3,
        ),
        FailureMode(
            Status.FAIL,
            "FortiCloud rejects a value that shows its damage: whitespace around the API user "
            "or password, or a FortiFlex password bash history expansion changed",
            "Fix the value where it is set (single quotes for the password) and run again, "
            "before downloading anything.",
        ),
        FailureMode(
            Status.FAIL,
            "the API user no longer exists",
            "Create an API user with the right permission profile.",
            2,
        ),
        FailureMode(
            Status.FAIL,
            "the auth host cannot be reached, or something other than FortiCloud answers "
            "(proxy, DNS, TLS inspection, captive portal, block page): never a reason to "
            "download the credentials again",
            "Fix the network hop the report names; exit code 4 tells CI it may retry.",
        ),
        FailureMode(
            Status.FAIL,
            "--auth-url points at a path where no token endpoint is (HTTP 404)",
            "Fix the URL: https://customerapiauth.fortinet.com/api/v1/oauth/token/.",
        ),
    )

    @classmethod
    def talks_to(cls, ctx: Context) -> tuple[str, ...]:
        return (host_of(ctx.options.auth_url),)

    def run(self, ctx: Context, deps: Deps) -> Result[Session]:
        creds = deps[ZipDecrypt]
        endpoints = ctx.options.endpoints
        try:
            token = fortiflex.login(ctx.http, endpoints, creds.username, creds.password)
        except LoginRejected as error:
            rejected = (
                f"FortiCloud rejected the login of API user {creds.shown_user} (from "
                f"{creds.origin}): HTTP {error.status}, {error}"
            )
            what, fix, _ = damage.find_damage(
                creds.username, creds.password, "API user", "password"
            )
            refused: Result[Session] = (
                fail(
                    f"{rejected}; the {what}, which is likely why",
                    hint=fix + " Then run again; download the credentials again only if "
                    "the login is still rejected (that resets the password everywhere).",
                )
                if what
                else fail(rejected, hint=REJECTED_HINT)
            )
            return replace(refused, details=(symptom(LOGIN_REFUSED),))
        except RemoteError as error:
            return remote_failure(error, "log in")
        ctx.on_finish(lambda: fortiflex.revoke(ctx.http, endpoints, token))
        lifetime = (
            f"valid {token.expires_in // 60} min"
            if token.expires_in is not None
            else "lifetime not stated"
        )
        return ok(
            f"token issued for API user {creds.shown_user} (from {creds.origin}), {lifetime}",
            value=Session(token, creds),
            # flexcheck revokes its token; say that Terraform's run will not, so a user who
            # counts live tokens (FortiFlex refuses simultaneous use) knows where they come from.
            details=(f"flexcheck asks FortiCloud to revoke this token when it ends; {TOKEN_LIFE}",),
        )

    def locate(self, ctx: Context, deps: Deps, result: Result[Session]) -> Location | None:
        # A rejected login is the credential file's fault; a failure on the way (the network,
        # a wrong URL: remote_failure names the host) is nobody's file.
        rejected = result.status is Status.FAIL and result.host is None
        if rejected and ctx.options.credentials:
            return Location.of(ctx.options.credentials, ctx.options.cwd)
        return result.location
