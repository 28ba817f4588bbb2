"""Which fortiflexvm provider version does the folder pin, and what does that version expect?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from checks.terraform_credentials import uses_provider, with_details
from flexcheck.core.context import Context
from flexcheck.core.model import (
    Check,
    Deps,
    FailureMode,
    LocatedFinding,
    Location,
    Result,
    Status,
    fail,
    ok,
    skip,
    warn,
)
from flexcheck.terraform.blocks import TfBlock
from flexcheck.terraform.config import TfConfig
from flexcheck.terraform.credentials import CURRENT_NAMES, LEGACY_NAMES
from flexcheck.terraform.lockfile import ProviderVersion, is_legacy
from flexcheck.terraform.sources import resolutions
from flexcheck.terraform.workspace import provider_version, tf_config, tf_folder

# The 1.0.0 names; 2.0.0 replaced them (fortiflexvm_entitlements_*, fortiflexvm_config, ...).
LEGACY_TYPES = frozenset(
    {
        "fortiflexvm_vms_create",
        "fortiflexvm_vms_update",
        "fortiflexvm_vms_list",
        "fortiflexvm_vms_points",
    }
)
LEGACY_NOTE = (
    f"before 2.0.0 the provider reads {' and '.join(LEGACY_NAMES)} (it ignores "
    f"{' and '.join(CURRENT_NAMES)}), uses the older API v1 (/ES/api/flexvm/v1/) and the "
    "fortiflexvm_vms_* resource names"
)
SYNTAX_HINT = (
    "Fix the file at the line named: Terraform refuses the whole configuration while one file "
    "does not parse (terraform validate shows the same error)."
)
UPGRADE_HINT = (
    "flexcheck checks the v2 API that provider 2.x uses. To move to 2.x: rename the variables "
    f"to {' and '.join(CURRENT_NAMES)}, replace fortiflexvm_vms_* with the 2.x resources and "
    "run terraform init -upgrade."
)


def _shown(pv: ProviderVersion) -> str:
    if pv.version:
        pinned = f" (constraint {pv.constraint})" if pv.constraint else ""
        return f"fortiflexvm {pv.version}, locked in {pv.source_file}{pinned}"
    return f"fortiflexvm {pv.constraint}, required in {pv.source_file} (no lock file yet)"


def _pinned(pv: ProviderVersion) -> str:
    return f"fortiflexvm {pv.version or pv.constraint}"


class TerraformProvider(Check[ProviderVersion]):
    id = "terraform-provider"
    title = "The fortiflexvm provider version is known and fits the configuration"
    order = 62
    explanation = (
        "Reads which fortiflexvm provider version the folder uses: the version "
        "terraform init locked in .terraform.lock.hcl, else the required_providers constraint, "
        "else none (terraform init then installs the newest 2.x). Provider 1.x and 2.x differ "
        "in everything flexcheck checks: the variable names (FLEXVM_ACCESS_* and "
        "FORTIFLEX_ACCESS_*), the API version and the resource names (fortiflexvm_vms_* and "
        "fortiflexvm_entitlements_*, fortiflexvm_config, ...), so a configuration written for "
        "one fails on the other."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "a .tf file does not parse, or a local module folder does not exist: Terraform "
            "refuses the whole configuration (the report names file:line)",
            "Fix the file at that line; terraform validate shows the same error.",
        ),
        FailureMode(
            Status.FAIL,
            "a module's fortiflexvm resolves to another provider than fortinetdev/fortiflexvm: "
            "no required_providers entry in that module (Terraform then assumes "
            "hashicorp/fortiflexvm) or a misspelt source",
            'Declare fortiflexvm = { source = "fortinetdev/fortiflexvm" } in that module\'s '
            "required_providers.",
        ),
        FailureMode(
            Status.WARN,
            "a module is not a local path and terraform init has not installed it: its "
            "resources cannot be read",
            "Run terraform init first, then flexcheck again.",
        ),
        FailureMode(
            Status.WARN,
            "the lock file or constraint pins provider 1.x: it reads FLEXVM_ACCESS_*, uses "
            "API v1 (which flexcheck does not check) and has none of the 2.x resources",
            "Move to 2.x: rename the variables to FORTIFLEX_ACCESS_*, replace "
            "fortiflexvm_vms_* with the 2.x resources and run terraform init -upgrade.",
        ),
        FailureMode(
            Status.WARN,
            "provider 2.x is pinned, or nothing is pinned (so the newest 2.x is installed), "
            "but the configuration uses the 1.0.0 names fortiflexvm_vms_*",
            "Replace fortiflexvm_vms_* with the 2.x resources, or pin the provider to 1.0.0.",
        ),
        FailureMode(
            Status.SKIP,
            "no Terraform file in the folder uses the fortiflexvm provider, or the folder "
            "cannot be listed",
            "Point --tf-dir at the folder that holds your .tf files.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[ProviderVersion]:
        folder = tf_folder(ctx)
        try:
            config = tf_config(ctx)
        except OSError as error:
            return skip(f"cannot list {folder}: {error.strerror or error}")
        refused = _refused(ctx, config)
        if refused is not None:
            return refused
        if not config.files or not uses_provider(config):
            return skip(f"no Terraform configuration in {folder} uses the fortiflexvm provider")
        result = self._version(ctx, config)
        unread = [p for p in config.module_problems if p.severity == "warn"]
        if not unread or result.status is not Status.PASS:
            return result
        more = f" (and {len(unread) - 1} more)" if len(unread) > 1 else ""
        return replace(
            result,
            status=Status.WARN,
            summary=f"{unread[0]}{more}; {result.summary}",
            hint="Run terraform init (it installs registry and git modules), then flexcheck "
            "again: until then the resources of those modules are not counted.",
            details=(*(str(p) for p in unread[1:]), *result.details),
            findings=_at(ctx, Status.WARN, [(p.file, p.line, str(p)) for p in unread]),
        )

    def _version(self, ctx: Context, config: TfConfig) -> Result[ProviderVersion]:
        details = tuple(f"could not read {p}" for p in config.problems)
        pv = provider_version(ctx)
        blocks = (*config.resources, *config.data_sources)
        old_blocks = [b for b in blocks if b.type in LEGACY_TYPES]
        new_blocks = [b for b in blocks if b.type not in LEGACY_TYPES]
        old = sorted({f"{b.address} ({b.file}:{b.line or '?'})" for b in old_blocks})
        new = sorted({f"{b.address} ({b.file}:{b.line or '?'})" for b in new_blocks})
        if pv is None:
            if old:
                return with_details(
                    warn(
                        f"no version pinned, but the configuration uses the 1.0.0 names "
                        f"{', '.join(old)}: terraform init installs the newest 2.x, which has none",
                        hint='Pin version = "1.0.0" in required_providers, or move to the 2.x '
                        "resources.",
                        value=None,
                        findings=_blocks_at(
                            ctx,
                            old_blocks,
                            "a 1.0.0 name: terraform init installs the newest 2.x, which does not "
                            "have it",
                        ),
                    ),
                    (*details, *old),
                )
            return ok(
                "no provider version pinned (no lock file, no version constraint): "
                "terraform init installs the newest 2.x",
                details=details,
            )
        legacy = is_legacy(pv)
        if legacy:
            if new:
                return with_details(
                    warn(
                        f"{_shown(pv)}: {LEGACY_NOTE}; it has no {', '.join(new)}",
                        hint=UPGRADE_HINT,
                        value=pv,
                        findings=_blocks_at(
                            ctx, new_blocks, f"not in the pinned {_pinned(pv)}: {LEGACY_NOTE}"
                        ),
                    ),
                    (*details, *new),
                )
            return with_details(
                warn(f"{_shown(pv)}: {LEGACY_NOTE}", hint=UPGRADE_HINT, value=pv), details
            )
        if legacy is False and old:
            return with_details(
                warn(
                    f"{_shown(pv)} has none of the 1.0.0 names the configuration uses: "
                    f"{', '.join(old)}",
                    hint="Replace fortiflexvm_vms_* with the 2.x resources (fortiflexvm_config, "
                    "fortiflexvm_entitlements_vm, ...), or pin the provider to 1.0.0.",
                    value=pv,
                    findings=_blocks_at(
                        ctx, old_blocks, f"a 1.0.0 name the pinned {_pinned(pv)} does not have"
                    ),
                ),
                (*details, *old),
            )
        major = "2.x or later" if legacy is False else "major version not fixed by the constraint"
        return ok(f"{_shown(pv)} ({major})", value=pv, details=details)


def _refused(ctx: Context, config: TfConfig) -> Result[ProviderVersion] | None:
    """What makes Terraform refuse the configuration before it runs the provider at all."""
    folder = tf_folder(ctx)
    broken: list[tuple[str | None, int | None, str]] = [
        (p.file, p.line, str(p))
        for p in config.problems
        if p.file.endswith((".tf", ".tf.json")) or _auto_loaded(p.file)
    ]
    broken += [(p.file, p.line, str(p)) for p in config.module_problems if p.severity == "fail"]
    if broken:
        file, line, first = broken[0]
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        return replace(
            fail(f"Terraform cannot read the configuration: {first}{more}", hint=SYNTAX_HINT),
            details=tuple(b[2] for b in broken[1:]),
            location=Location.of(folder / file, ctx.options.cwd, line) if file else None,
            findings=_at(ctx, Status.FAIL, broken),
        )
    wrong = [r for r in resolutions(config) if not r.ok]
    if not wrong:
        return None
    first_wrong = wrong[0]
    return replace(
        fail(first_wrong.problem(), hint=first_wrong.fix()),
        details=tuple(r.problem() for r in wrong[1:]),
        location=(
            Location.of(folder / first_wrong.file, ctx.options.cwd, first_wrong.line)
            if first_wrong.file
            else None
        ),
        findings=_at(ctx, Status.FAIL, [(r.file, r.line, r.problem()) for r in wrong]),
    )


def _at(
    ctx: Context, status: Status, problems: Sequence[tuple[str | None, int | None, str]]
) -> tuple[LocatedFinding, ...]:
    """Each problem that names its file, at that file:line, for the located reports."""
    folder = tf_folder(ctx)
    return tuple(
        LocatedFinding(status, said, Location.of(folder / file, ctx.options.cwd, line))
        for file, line, said in problems
        if file
    )


def _auto_loaded(file: str) -> bool:
    name = file.rpartition("/")[2]
    return name in ("terraform.tfvars", "terraform.tfvars.json") or name.endswith(
        (".auto.tfvars", ".auto.tfvars.json")
    )


def _blocks_at(ctx: Context, blocks: list[TfBlock], said: str) -> tuple[LocatedFinding, ...]:
    """Each block the pinned provider does not have, at its own line."""
    named = dict.fromkeys((b.file, b.line, b.address) for b in blocks)
    problems = [
        (file, line, f"{file}:{line or '?'}: {address}: {said}") for file, line, address in named
    ]
    return _at(ctx, Status.WARN, problems)
