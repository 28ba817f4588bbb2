"""Is a password written into a .tf or .tfvars file, on its way into version control?"""

from __future__ import annotations

from dataclasses import replace

from flexcheck.core.context import Context
from flexcheck.core.model import (
    Check,
    Deps,
    FailureMode,
    LocatedFinding,
    Location,
    Result,
    Status,
    ok,
    skip,
    warn,
)
from flexcheck.secrets.secret import Secret
from flexcheck.terraform.config import SecretLocation, TfConfig
from flexcheck.terraform.credentials import CURRENT_NAMES, LEGACY_NAMES, env_names
from flexcheck.terraform.lockfile import is_legacy
from flexcheck.terraform.plan_secrets import PlanSecret, plan_secrets
from flexcheck.terraform.workspace import provider_version, tf_config, tf_folder

LITERAL_HINT = (
    "A password written in a .tf or .tfvars file ends up in version control. Pass it through "
    "{password} or TF_VAR_<name> from a secret store. If the file was ever pushed, treat the "
    "password as exposed: a new Download Credentials (Step 3) retires it, and resets it for "
    "every pipeline that uses it, so update them all at once."
)

PLAN_HINT = (
    "terraform show -json writes sensitive values in clear: keep the plan JSON out of CI "
    "artifacts and logs and delete it after use. Set the provider's password through "
    "{password} instead of the provider block or a variable: the provider reads it itself, so "
    "no plan ever holds it."
)


def literal_secrets(config: TfConfig) -> tuple[SecretLocation, ...]:
    """Passwords written in files; an empty `password = ""` in a provider block holds none."""
    empty = {
        (p.password.file, p.password.line)
        for p in config.providers
        if p.password.kind == "literal" and not p.password.literal
    }
    return tuple(
        s
        for s in config.literal_secrets()
        if not (s.kind == "provider" and (s.file, s.line) in empty)
    )


def _files(count: int) -> str:
    return f"{count} Terraform file{'' if count == 1 else 's'}"


class TerraformSecrets(Check[None]):
    id = "terraform-secrets"
    title = "No password is written into the Terraform files"
    guide_step = 3
    order = 61
    explanation = (
        "Reads every .tf, .tf.json and tfvars file of the Terraform folder (without running "
        "Terraform) and names, by file and line and never by value, each password written out "
        "as it is: in the provider block, or as the tfvars value or the default of the "
        "provider's password variable or of any variable whose name contains 'password'. Such "
        "a file ends up in version control, and with it the API user's password. With --plan it "
        "also names, by JSON path, every secret the plan JSON holds in clear (terraform show "
        "-json writes literal provider passwords, sensitive variables and sensitive attributes "
        "as they are): a plan kept as a CI artifact leaks them."
    )
    failure_modes = (
        FailureMode(
            Status.WARN,
            "a password is written into a .tf or .tfvars file (the report names file:line)",
            "Pass the password through FORTIFLEX_ACCESS_PASSWORD (FLEXVM_ACCESS_PASSWORD for a "
            "pinned provider 1.x) or TF_VAR_<name> from a secret store; if the file was ever "
            "committed, download new credentials so the exposed password stops working.",
            3,
        ),
        FailureMode(
            Status.WARN,
            "the --plan JSON holds the API password or another sensitive value in clear (the "
            "report names the JSON path)",
            "Keep plan JSON out of CI artifacts and delete it after use; set the password "
            "through FORTIFLEX_ACCESS_PASSWORD so that no plan holds it.",
        ),
        FailureMode(
            Status.SKIP,
            "the folder holds no Terraform files, or cannot be listed",
            "Point --tf-dir at the folder that holds your .tf files.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        in_files = self._files(ctx)
        plan = ctx.options.plan_document
        if plan is None:
            return in_files
        known = tuple(
            Secret(ctx.env[n]) for n in (CURRENT_NAMES[1], LEGACY_NAMES[1]) if ctx.env.get(n)
        )
        found = plan_secrets(plan.document, known)
        name = ctx.options.plan.name if ctx.options.plan else "the plan"
        if not found:
            clean = f"{name} holds no password or sensitive value in clear"
            if in_files.status is Status.SKIP:
                return ok(clean)
            return replace(in_files, details=(*in_files.details, clean))
        return self._plan_leak(ctx, name, found, in_files)

    def _plan_leak(
        self, ctx: Context, name: str, found: tuple[PlanSecret, ...], in_files: Result[None]
    ) -> Result[None]:
        _, password_env = env_names(is_legacy(provider_version(ctx)))
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        also = (in_files.summary,) if in_files.status is Status.WARN else ()
        result: Result[None] = warn(
            f"{name} holds a secret in clear at {found[0]}{more}",
            hint=PLAN_HINT.format(password=password_env),
        )
        location = Location.of(ctx.options.plan, ctx.options.cwd) if ctx.options.plan else None
        # Each JSON path is a finding of its own at the plan file (a JSON path has no line).
        leaks = (
            tuple(
                LocatedFinding(Status.WARN, f"{name} holds a secret in clear at {f}", location)
                for f in found
            )
            if location is not None
            else ()
        )
        return replace(
            result,
            details=(*(str(f) for f in found[1:]), *also, *in_files.details),
            location=location,
            findings=(*leaks, *in_files.findings),
        )

    def _files(self, ctx: Context) -> Result[None]:
        folder = tf_folder(ctx)
        try:
            config = tf_config(ctx)
        except OSError as error:
            return skip(f"cannot list {folder}: {error.strerror or error}")
        if not config.files:
            return skip(f"no Terraform files in {folder}")
        unread = tuple(
            f"could not read {p}: passwords in it were not looked for" for p in config.problems
        )
        found = literal_secrets(config)
        if not found:
            # A file that does not parse may hold a password: say it was not vouched for.
            broken = len({p.file for p in config.problems})
            summary = f"no password written in the {_files(len(config.files) - broken)} in {folder}"
            if broken:
                summary += f" ({broken} could not be read)"
            return ok(summary, details=unread)
        _, password_env = env_names(is_legacy(provider_version(ctx)))
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        result: Result[None] = warn(
            f"{found[0]}{more}", hint=LITERAL_HINT.format(password=password_env)
        )
        at = [Location.of(folder / s.file, ctx.options.cwd, s.line) for s in found]
        return replace(
            result,
            details=(*(str(s) for s in found[1:]), *unread),
            location=at[0],
            # Named from the working directory, as the location is: GitHub shows both together.
            findings=tuple(
                LocatedFinding(Status.WARN, str(replace(s, file=where.path)), where)
                for s, where in zip(found, at, strict=True)
            ),
        )
