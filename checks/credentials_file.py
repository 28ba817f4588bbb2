"""Is there a credential file (or the provider's own variables) to check at all?"""

from __future__ import annotations

from dataclasses import replace

from flexcheck.core.context import Context
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
from flexcheck.credentials import damage
from flexcheck.credentials.downloads import which_is_newer
from flexcheck.credentials.locate import (
    ENV_CREDENTIALS,
    ENV_PASSWORD,
    ENV_USERNAME,
    LEGACY_PASSWORD,
    LEGACY_USERNAME,
    CredentialInput,
    EnvInput,
    FileInput,
    NotReadable,
    discover,
    env_credentials,
    legacy_only,
    read_file,
)
from flexcheck.secrets.secret import Secret
from flexcheck.terraform.workspace import provider_version

DOWNLOAD_HINT = (
    "Download the credentials of your API user in FortiCloud IAM (Users > your API user > "
    "Download Credentials) and pass the zip with --credentials PATH (or "
    f"{ENV_CREDENTIALS}), or set {ENV_USERNAME} and {ENV_PASSWORD} as the Terraform provider "
    "reads them."
)
PINNED_1X_HINT = (
    f"The provider version pinned here is below 2.0.0: it reads {LEGACY_USERNAME} and "
    f"{LEGACY_PASSWORD} and ignores {ENV_USERNAME} and {ENV_PASSWORD}. Set the legacy names, or "
    "upgrade the provider to 2.x."
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
    explanation = (
        "Finds the credential download of the API user (the zip FortiCloud IAM gives under "
        "Download Credentials, an extracted text or CSV file, or the provider's "
        f"{ENV_USERNAME}/{ENV_PASSWORD} variables) and checks that you alone can read it. "
        "Every other check starts from these credentials, and a file others can read is a "
        "password others can use."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "no credential file was given or found, and the provider's variables are not set",
            "Download the credentials (IAM > Users > your API user > Download Credentials) and "
            "pass the zip with --credentials PATH.",
            3,
        ),
        FailureMode(
            Status.FAIL,
            "several candidate credential files lie in the working directory",
            "Name the one to check with --credentials PATH.",
            3,
        ),
        FailureMode(
            Status.FAIL,
            "the file is missing, a folder, too large or not readable by you",
            "Pass the download exactly as FortiCloud gave it, readable by you.",
            3,
        ),
        FailureMode(
            Status.FAIL,
            f"only the legacy {LEGACY_USERNAME}/{LEGACY_PASSWORD} are set",
            "Provider 2.x ignores them: rename them to the FORTIFLEX_ACCESS_* names.",
        ),
        FailureMode(
            Status.WARN,
            "other users of this machine can read the file",
            "chmod 600 the file, or keep the credentials in a secret manager.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[CredentialInput]:
        path = ctx.options.credentials
        discovered = False
        if path is None:
            candidates = discover(ctx.options.cwd)
            if len(candidates) > 1:
                names = ", ".join(c.name for c in candidates)
                return fail(
                    f"several candidate credential files in {ctx.options.cwd}: {names}",
                    hint=which_is_newer(candidates) + " Name the one to check with "
                    "--credentials PATH.",
                )
            if candidates:
                path, discovered = candidates[0], True
        # The pinned version only matters for which variable names are right; reading it may
        # parse the Terraform files, so a given file with no variable set skips it (the login
        # waits for this check).
        variables_set = _current_only(ctx) or legacy_only(ctx.env)
        pinned_1x = (path is None or variables_set) and _pinned_1x(ctx)
        if path is None and pinned_1x:
            return _for_provider_1x(ctx)
        if path is None:
            from_env = env_credentials(ctx.env)
            if from_env is not None:
                named = ctx.options.credential_variables or from_env.names
                found_env = replace(from_env, names=named)
                what, fix, _ = damage.find_damage(found_env.username, found_env.password, *named)
                if what:
                    return warn(
                        f"credentials come from the environment, but {what}",
                        hint=fix,
                        value=found_env,
                    )
                return skip(
                    f"credentials come from the environment ({', '.join(named)})",
                    value=found_env,
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
        if pinned_1x and _current_only(ctx):
            return warn(
                f"{path.name} ({how}) is readable, but only {ENV_USERNAME}/{ENV_PASSWORD} "
                "are set, which the pinned provider 1.x ignores",
                hint=PINNED_1X_HINT,
                value=found,
            )
        if not pinned_1x and legacy_only(ctx.env):
            return warn(
                f"{path.name} ({how}) is readable, but only the legacy "
                f"{LEGACY_USERNAME}/{LEGACY_PASSWORD} are set for Terraform",
                hint=LEGACY_HINT,
                value=found,
            )
        return ok(f"{path.name} ({how}) is readable", value=found)

    def locate(self, ctx: Context, deps: Deps, result: Result[CredentialInput]) -> Location | None:
        if isinstance(result.value, FileInput):
            return Location.of(result.value.path, ctx.options.cwd)
        if ctx.options.credentials is not None:
            return Location.of(ctx.options.credentials, ctx.options.cwd)
        return result.location


def _pinned_1x(ctx: Context) -> bool:
    """A lock file or constraint pins the provider below 2.0.0: FLEXVM_ACCESS_* is right."""
    from flexcheck.terraform.lockfile import is_legacy  # loads the HCL parser: only on demand

    try:
        return is_legacy(provider_version(ctx)) is True
    except OSError:
        return False


def _current_only(ctx: Context) -> bool:
    legacy = ctx.env.get(LEGACY_USERNAME) or ctx.env.get(LEGACY_PASSWORD)
    return bool(not legacy and (ctx.env.get(ENV_USERNAME) or ctx.env.get(ENV_PASSWORD)))


def _for_provider_1x(ctx: Context) -> Result[CredentialInput]:
    username, password = ctx.env.get(LEGACY_USERNAME, ""), ctx.env.get(LEGACY_PASSWORD, "")
    if username and password:
        found = EnvInput(username, Secret(password), (LEGACY_USERNAME, LEGACY_PASSWORD))
        return skip(
            f"credentials come from the environment ({LEGACY_USERNAME}, {LEGACY_PASSWORD}, "
            "as the pinned provider 1.x reads them)",
            value=found,
        )
    if _current_only(ctx):
        return fail(
            f"only {ENV_USERNAME}/{ENV_PASSWORD} are set: the pinned provider 1.x ignores them "
            "and flexcheck found no credential file",
            hint=PINNED_1X_HINT,
        )
    return fail(
        "no credential file given or found, and the pinned provider 1.x's variables "
        f"{LEGACY_USERNAME}/{LEGACY_PASSWORD} are not set",
        hint=PINNED_1X_HINT,
    )
