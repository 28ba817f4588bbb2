"""Which API user and password will the fortiflexvm provider really use, and from where?"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Result, Status, fail, ok, skip, warn
from flexcheck.secrets.secret import shorten
from flexcheck.terraform.config import TfConfig
from flexcheck.terraform.credentials import (
    CURRENT_NAMES,
    LEGACY_NAMES,
    TerraformCredentials,
    env_names,
    resolve,
)
from flexcheck.terraform.lockfile import is_legacy
from flexcheck.terraform.workspace import provider_version, tf_config, tf_folder

MISSING_HINT = (
    "Set {user} and {password} in the shell that runs Terraform (quote the password in single "
    "quotes: it ends in '!'), or set username and password in the provider block from "
    "variables. The values are the API user id and password of your credential download "
    "(Step 3)."
)


def uses_provider(config: TfConfig) -> bool:
    return bool(config.providers or config.resources or config.data_sources or config.requirements)


def with_details(result: Result[Any], details: tuple[str, ...]) -> Result[Any]:
    return replace(result, details=details)


class TerraformCredentialsCheck(Check[TerraformCredentials]):
    id = "terraform-credentials"
    title = "Terraform's fortiflexvm provider gets an API user and password"
    guide_step = 3
    order = 60
    explanation = (
        "Reads the Terraform folder (without running Terraform) and traces where the "
        "fortiflexvm provider would take its API user and password from: the provider block, "
        "a variable set in a tfvars file, TF_VAR_*, a variable default, or the provider's own "
        "environment variables (FORTIFLEX_ACCESS_* for provider 2.x, FLEXVM_ACCESS_* for the "
        "1.x a lock file may pin). A run where either is missing stops with 'Error reading "
        "Username/Password' before it changes anything; a password written into a file is "
        "terraform-secrets' concern."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "the provider would get no API user or no password from anywhere: Terraform would "
            "stop with 'Error reading Username' or 'Error reading Password'",
            "Set FORTIFLEX_ACCESS_USERNAME and FORTIFLEX_ACCESS_PASSWORD (FLEXVM_ACCESS_* for a "
            "pinned provider 1.x) in the shell that runs Terraform, the password in single "
            "quotes, or set username and password in the provider block from variables.",
            3,
        ),
        FailureMode(
            Status.FAIL,
            "only the other provider generation's variables are set (FLEXVM_ACCESS_* for "
            "provider 2.x, FORTIFLEX_ACCESS_* for a pinned 1.x), and that version ignores them",
            "Rename the variables to the names the pinned provider version reads.",
            3,
        ),
        FailureMode(
            Status.WARN,
            "the provider block sets the credentials, but only the other generation's "
            "variables are set in the environment, which the provider ignores",
            "Rename the variables to the names the pinned provider version reads.",
            3,
        ),
        FailureMode(
            Status.WARN,
            "a .tf or tfvars file does not parse: Terraform would refuse it, and it may hold "
            "the provider block (the other files were read)",
            "Fix the file and line the report names (terraform validate shows the same error).",
        ),
        FailureMode(
            Status.SKIP,
            "no Terraform file in the folder uses the fortiflexvm provider, or the folder "
            "cannot be listed",
            "Point --tf-dir at the folder that holds your .tf files.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[TerraformCredentials]:
        folder = tf_folder(ctx)
        try:
            config = tf_config(ctx)
        except OSError as error:
            return skip(f"cannot list {folder}: {error.strerror or error}")
        if not uses_provider(config):
            return skip(f"no Terraform configuration in {folder} uses the fortiflexvm provider")
        legacy = is_legacy(provider_version(ctx))
        creds = resolve(config, folder, ctx.env, legacy=legacy)
        details = (
            f"username: {creds.username_source}",
            f"password: {creds.password_source}",
            *creds.notes,
        )
        missing = [
            a
            for a, s in (("username", creds.username_state), ("password", creds.password_state))
            if s == "missing"
        ]
        if missing:
            return with_details(self._missing(missing, legacy, ctx), details)
        concerns = [
            f"{p.file}:{p.line or '?'}: {p.message} (the other files were read)"
            for p in config.problems
        ]
        concerns += self._ignored_names(ctx, legacy)
        who = f"API user {shorten(creds.username)}" if creds.username else "an API user"
        summary = (
            f"the provider will use {who} from {creds.username_source}, and a password "
            f"from {creds.password_source}"
        )
        if concerns:
            more = f" (and {len(concerns) - 1} more)" if len(concerns) > 1 else ""
            hint = " ".join(dict.fromkeys(self._hint_for(c, legacy) for c in concerns))
            result = warn(f"{concerns[0]}{more}", hint=hint, value=creds)
            return with_details(result, (*details, *concerns[1:]))
        return ok(summary, value=creds, details=details)

    @staticmethod
    def _missing(missing: list[str], legacy: bool | None, ctx: Context) -> Result[Any]:
        user_env, password_env = env_names(legacy)
        said = " and ".join(f"'Error reading {a.capitalize()}'" for a in missing)
        what = " nor ".join(missing)
        extra = ""
        other = CURRENT_NAMES if legacy else LEGACY_NAMES
        if any(ctx.env.get(n) for n in other):
            version = "1.x" if legacy else "2.x"
            extra = f" ({' and '.join(other)} are set, but provider {version} ignores them)"
        return fail(
            f"the provider would get no {what}: Terraform would stop with {said}{extra}",
            hint=MISSING_HINT.format(user=user_env, password=password_env),
        )

    @staticmethod
    def _ignored_names(ctx: Context, legacy: bool | None) -> list[str]:
        used, other = (LEGACY_NAMES, CURRENT_NAMES) if legacy else (CURRENT_NAMES, LEGACY_NAMES)
        if any(ctx.env.get(n) for n in used) or not any(ctx.env.get(n) for n in other):
            return []
        if legacy:
            return [
                f"only {'/'.join(other)} are set: the pinned provider 1.x reads "
                f"{'/'.join(used)} and ignores them"
            ]
        return [
            f"only the legacy {'/'.join(other)} are set: provider 2.x ignores them and "
            f"reads {'/'.join(used)}"
        ]

    @staticmethod
    def _hint_for(concern: str, legacy: bool | None) -> str:
        user_env, password_env = env_names(legacy)
        if "ignores them" in concern:
            return f"Rename the variables to {user_env} and {password_env}."
        return "Fix the file Terraform would refuse to read: it may hold the provider block."
