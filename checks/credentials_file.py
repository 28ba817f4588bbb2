"""Is there a credential file (or the provider's own variables) to check at all?"""

from __future__ import annotations

from flexcheck.context import Context
from flexcheck.credentials.locate import (
    ENV_CREDENTIALS,
    ENV_PASSWORD,
    ENV_USERNAME,
    LEGACY_PASSWORD,
    LEGACY_USERNAME,
    CredentialInput,
    NotReadable,
    discover,
    env_credentials,
    legacy_only,
    read_file,
)
from flexcheck.model import Check, Deps, Result, fail, ok, skip, warn

DOWNLOAD_HINT = (
    "Download the credentials of your API user in FortiCloud IAM (Users > your API user > "
    "Download Credentials) and pass the zip with --credentials PATH (or "
    f"{ENV_CREDENTIALS}), or set {ENV_USERNAME} and {ENV_PASSWORD} as the Terraform provider "
    "reads them."
)
LEGACY_HINT = (
    f"Provider 2.x reads {ENV_USERNAME} and {ENV_PASSWORD}; it ignores {LEGACY_USERNAME} and "
    f"{LEGACY_PASSWORD}. Rename the variables (or pin the provider below 2.0.0 on purpose)."
)


class CredentialsFile(Check[CredentialInput]):
    id = "credentials-file"
    title = "Credential file is present and readable"
    guide_step = 3
    order = 10

    def run(self, ctx: Context, deps: Deps) -> Result[CredentialInput]:
        path = ctx.options.credentials
        discovered = False
        if path is None:
            candidates = discover(ctx.options.cwd)
            if len(candidates) > 1:
                names = ", ".join(c.name for c in candidates)
                return fail(
                    f"several candidate credential files in {ctx.options.cwd}: {names}",
                    hint="Name the one to check with --credentials PATH.",
                )
            if candidates:
                path, discovered = candidates[0], True
        if path is None:
            from_env = env_credentials(ctx.env)
            if from_env is not None:
                return skip(
                    f"credentials come from the environment ({ENV_USERNAME}, {ENV_PASSWORD})",
                    value=from_env,
                )
            if legacy_only(ctx.env):
                return fail(
                    f"only {LEGACY_USERNAME}/{LEGACY_PASSWORD} are set: provider 2.x "
                    "ignores them and flexcheck found no credential file",
                    hint=LEGACY_HINT,
                )
            return fail(
                "no credential file given or found, and the provider's variables are not set",
                hint=DOWNLOAD_HINT,
            )
        try:
            found = read_file(path, discovered=discovered)
        except NotReadable as error:
            return fail(str(error), hint=DOWNLOAD_HINT)
        how = "found in the working directory" if discovered else "given"
        if found.loose_permissions:
            return warn(
                f"{path.name} ({how}) is readable by other users of this machine",
                hint=f"Restrict it to yourself: chmod 600 {path}",
                value=found,
            )
        if legacy_only(ctx.env):
            return warn(
                f"{path.name} ({how}) is readable, but only the legacy "
                f"{LEGACY_USERNAME}/{LEGACY_PASSWORD} are set for Terraform",
                hint=LEGACY_HINT,
                value=found,
            )
        return ok(f"{path.name} ({how}) is readable", value=found)
