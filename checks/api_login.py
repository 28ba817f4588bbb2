"""Does the API user's login succeed? Everything after it needs a token."""

from __future__ import annotations

from dataclasses import dataclass

from checks.zip_decrypt import ZipDecrypt
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Location, Result, Status, fail, ok
from flexcheck.credentials.api_user import ApiCredentials
from flexcheck.errors import LoginRejected, RemoteError
from flexcheck.forticloud import api as fortiflex
from flexcheck.forticloud.remote import remote_failure

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
            "the API user no longer exists",
            "Create an API user with the right permission profile.",
            2,
        ),
        FailureMode(
            Status.FAIL,
            "the auth host cannot be reached or answers something other than JSON (proxy, "
            "DNS, TLS inspection, captive portal)",
            "Fix the network hop the report names; exit code 4 tells CI it may retry.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[Session]:
        creds = deps[ZipDecrypt]
        endpoints = ctx.options.endpoints
        try:
            token = fortiflex.login(ctx.http, endpoints, creds.username, creds.password)
        except LoginRejected as error:
            return fail(
                f"the login of API user {creds.shown_user} (from {creds.origin}) was "
                f"rejected: HTTP {error.status}, {error}",
                hint=REJECTED_HINT,
            )
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
        )

    def locate(self, ctx: Context, deps: Deps, result: Result[Session]) -> Location | None:
        # A rejected login is the credential file's fault; a network failure is nobody's file.
        if result.status is Status.FAIL and not result.network and ctx.options.credentials:
            return Location.of(ctx.options.credentials, ctx.options.cwd)
        return result.location
