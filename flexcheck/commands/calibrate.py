"""`flexcheck calibrate`: learn how the real service answers, as a transcript safe to attach.

Opt-in and never for CI: it logs in as two real API users (read-only and read-write, from
the environment), reads, sends the harmless write probe, revokes, and writes down statuses,
envelope fields, messages and shapes, with no id, password or token in them.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flexcheck.commands.usage import fail_usage
from flexcheck.errors import UsageError
from flexcheck.forticloud.api import DEFAULT_API_URL, DEFAULT_AUTH_URL

if TYPE_CHECKING:
    from flexcheck.calibration.session import ApiUser

ENV = {
    "read-only": ("FLEXCHECK_CALIBRATE_RO_USERNAME", "FLEXCHECK_CALIBRATE_RO_PASSWORD"),
    "read-write": ("FLEXCHECK_CALIBRATE_RW_USERNAME", "FLEXCHECK_CALIBRATE_RW_PASSWORD"),
}
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILD_NUMBER", "TF_BUILD")


def _users(env: dict[str, str]) -> list[ApiUser]:
    from flexcheck.calibration.session import ApiUser
    from flexcheck.secrets.secret import Secret

    users: list[ApiUser] = []
    for role, (user_var, password_var) in ENV.items():
        username, password = env.get(user_var, "").strip(), env.get(password_var, "")
        if username and password:
            users.append(ApiUser(role, username, Secret(password)))
        elif username or password:
            raise UsageError(f"set both {user_var} and {password_var}, or neither")
    if not users:
        names = ", ".join(name for pair in ENV.values() for name in pair)
        raise UsageError(
            f"calibrate needs at least one API user from the environment: {names} "
            "(a read-only and a read-write user, to learn how the service tells them apart)"
        )
    return users


def calibrate(
    out: Annotated[
        Path, typer.Option(help="Where to write the transcript (JSON, safe to attach).")
    ] = Path("flexcheck-calibration.json"),
    auth_url: Annotated[str, typer.Option(help="OAuth token URL.")] = DEFAULT_AUTH_URL,
    api_url: Annotated[str, typer.Option(help="FortiFlex API base URL.")] = DEFAULT_API_URL,
    ca_bundle: Annotated[
        Path | None, typer.Option(help="PEM file of CAs to trust instead of the system store.")
    ] = None,
) -> None:
    """Record how FortiCloud answers a read-only and a read-write API user (changes nothing)."""
    from flexcheck.calibration.findings import findings
    from flexcheck.calibration.session import calibrate as run_calibration
    from flexcheck.forticloud.api import Endpoints
    from flexcheck.forticloud.http import HttpClient
    from flexcheck.forticloud.trust import build_ssl_context
    from flexcheck.forticloud.url_policy import check_url
    from flexcheck.secrets import redact

    env = dict(os.environ)
    try:
        if any(env.get(name) for name in CI_VARIABLES):
            raise UsageError(
                "calibrate is not for CI: it logs in as real API users. Run it by hand."
            )
        for value, option in ((auth_url, "--auth-url"), (api_url, "--api-url")):
            check_url(value, option, allow_insecure=False)
        users = _users(env)
    except UsageError as error:
        raise fail_usage(str(error)) from None
    endpoints = Endpoints(auth_url, api_url)
    http = HttpClient(
        allow=endpoints.allows,
        allow_body=endpoints.allows_body,
        verify=build_ssl_context(str(ca_bundle) if ca_bundle else None, env),
        deadline=time.monotonic() + 120,
        env=env,
    )
    try:
        transcript = run_calibration(http, endpoints, users)
    finally:
        http.close()
    transcript.findings = findings(transcript)
    text = redact.scrub(json.dumps(transcript.as_json(), indent=2, sort_keys=True))
    out.write_text(text + "\n", encoding="utf-8")
    out.chmod(0o600)
    for key, found in transcript.findings.items():
        print(f"{key}: {found}", flush=True)
    print(f"Transcript written to {out}: read it, then attach it to an issue.", flush=True)
