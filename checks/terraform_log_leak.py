"""Would Terraform's log capture the provider's login response, access token included?"""

from __future__ import annotations

from dataclasses import replace

from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Result, Status, ok, warn
from flexcheck.terraform.route import TOKEN_LIFE
from flexcheck.terraform.tflog import log_leak_risk

LEAK_HINT = (
    "The fortiflexvm provider logs its whole login response, tokens included, at INFO. Unset "
    "{variable} (or set it to WARN) before terraform apply.{path}"
)


class TerraformLogLeak(Check[None]):
    id = "terraform-log-leak"
    title = "Terraform's log level does not write the access token out"
    order = 65
    explanation = (
        "Reads TF_LOG_PROVIDER (or, when it is unset, TF_LOG) and TF_LOG_PATH from the "
        "environment. The fortiflexvm provider logs its whole login response, the access token "
        "included, at INFO: at INFO, DEBUG or TRACE (or an unknown level, which Terraform treats "
        "as TRACE) a token that works until it expires lands in the log file or in the CI job "
        "output. OFF, ERROR and WARN are safe."
    )
    failure_modes = (
        FailureMode(
            Status.WARN,
            "TF_LOG or TF_LOG_PROVIDER is INFO, DEBUG, TRACE or an unknown level: the "
            "provider's access token is written to stderr (CI job output) or to TF_LOG_PATH",
            "Unset the variable (or set it to WARN) before terraform apply, and delete a "
            "TF_LOG_PATH file once done with it, or keep it where only you can read it.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        leak = log_leak_risk(ctx.env)
        if leak is None:
            levels = ", ".join(
                f"{n}={ctx.env[n]}" for n in ("TF_LOG", "TF_LOG_PROVIDER") if ctx.env.get(n)
            )
            return ok(
                f"the log level ({levels or 'TF_LOG unset'}) does not log the provider's token"
            )
        path = (
            f" Delete {leak.log_path} once done with it, or keep it where only you can "
            "read it: a token in it works until it expires."
            if leak.log_path
            else " Logs written to stderr end up in CI job output."
        )
        result: Result[None] = warn(
            f"{leak}", hint=LEAK_HINT.format(variable=leak.variable, path=path)
        )
        return replace(result, details=(f"why it matters after the run: {TOKEN_LIFE}",))
