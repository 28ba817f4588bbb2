"""Will FortiFlex accept the values the fortiflexvm resources send? The provider checks few."""

from __future__ import annotations

from datetime import UTC, datetime

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
)
from flexcheck.terraform.plan_values import planned_resources
from flexcheck.terraform.resource_workspace import resource_reading
from flexcheck.terraform.route import RETRIES, symptom
from flexcheck.terraform.rules.describe import describe
from flexcheck.terraform.rules.evaluate import evaluate
from flexcheck.terraform.rules.findings import Finding, Severity
from flexcheck.terraform.rules.model import REPOSITORY, TABLE_VERSION
from flexcheck.terraform.rules.versions import pinned
from flexcheck.terraform.workspace import provider_version, tf_folder

Findings = tuple[Finding, ...]
HINT = (
    "Change each value named above to one FortiFlex accepts (the allowed values follow each "
    "finding; `flexcheck explain terraform-values` lists every rule). Terraform would send it "
    "as written, and the apply would stop half-way at FortiFlex's refusal, after the provider "
    "retried it four times."
)
_REFUSED_VALUE = (
    "the apply would create or change the resources before the first refused one, then stop "
    f"there with FortiFlex's error (for example 'Parameter id 1 ...'); {RETRIES}"
)
WARN_HINT = (
    "Nothing here is refused, but each warning names a value that likely does not do what was "
    "meant (an ignored block, charges that start at once, a value only an example mentions): "
    "change it, or keep it if it is meant."
)


class TerraformValues(Check[Findings]):
    id = "terraform-values"
    title = "The fortiflexvm resources set values FortiFlex accepts"
    order = 63
    explanation = (
        "Reads every fortiflexvm_* resource of the Terraform files (the root module and the "
        "local modules it calls) and of the --plan (change.after), without any network, and "
        "holds each value against the rules of the provider's documentation "
        f"({REPOSITORY} {TABLE_VERSION}): the block that fits product_type, every parameter's "
        "range or value set, entitlement dates, status and serial numbers, the product type of "
        "the configuration an entitlement names, and the provider release that brought each "
        "resource type and argument. The provider itself checks only product_type and status: "
        "anything else wrong reaches FortiFlex, and the apply fails half-way. A value that comes "
        "from another resource, or from a variable nothing sets, is not known before apply: it "
        "is listed as not checked, never guessed."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "a value FortiFlex refuses (out of range, not in the value set, a date in the past, a "
            "missing product block or parameter), or a resource type or argument the pinned "
            "provider release does not have (the report names file:line and the allowed values)",
            "Change the value to one the finding allows, or upgrade the provider "
            "(terraform init -upgrade) for a newer resource type or argument.",
        ),
        FailureMode(
            Status.WARN,
            "a value FortiFlex takes but that likely does not do what was meant: a product block "
            "the provider ignores, skip_pending = true (charges start at once), a value only an "
            "example of the docs mentions, a device model the docs do not list",
            "Read the finding; remove the ignored block, or keep the value if it is meant.",
        ),
        FailureMode(
            Status.SKIP,
            "no fortiflexvm_* resource in the Terraform files or in the --plan",
            "Point --tf-dir at the folder with your .tf files, or pass --plan plan.json.",
        ),
    )

    @staticmethod
    def reference() -> str:
        """Every rule of the table, for `flexcheck explain terraform-values`."""
        return describe()

    def run(self, ctx: Context, deps: Deps) -> Result[Findings]:
        folder = tf_folder(ctx)
        reading = resource_reading(ctx)
        plan = ctx.options.plan_document
        planned = tuple(planned_resources(plan)) if plan is not None else ()
        written = reading.resources
        if not written and not planned:
            return skip(f"no fortiflexvm resource in {folder} or in a --plan")
        pv = provider_version(ctx) if written else None
        found = tuple(evaluate(written, planned, pinned(pv), datetime.now(UTC).date()))
        shown = [(f, self._where(ctx, f)) for f in found]
        lines = tuple(
            f.text(loc.path if loc else None, loc.line if loc else None) for f, loc in shown
        )
        unread = tuple(
            f"could not read {p}: its resources were not checked" for p in reading.problems
        )
        problems = [i for i, (f, _) in enumerate(shown) if f.severity is not Severity.UNKNOWN]
        count = len({r.address for r in (*written, *planned) if r.kind == "resource"})
        if not problems:
            unknown = len(found)
            note = (
                f"; {unknown} value(s) not known before apply were not checked" if unknown else ""
            )
            return ok(
                f"{count} fortiflexvm resource(s) set only values the provider {TABLE_VERSION} "
                f"docs allow{note}",
                value=found,
                details=(*lines, *unread),
            )
        first = problems[0]
        worst = _status(found[first])
        # Every problem at its own line, for SARIF, Code Quality and the GitHub annotations.
        located = tuple(
            LocatedFinding(_status(found[i]), lines[i], where)
            for i in problems
            if (where := shown[i][1]) is not None
        )
        more = len(problems) - 1
        summary = lines[first] + (f" (and {more} more)" if more else "")
        shows = (symptom(_REFUSED_VALUE),) if worst is Status.FAIL else ()
        return Result(
            worst,
            summary,
            hint=HINT if worst is Status.FAIL else WARN_HINT,
            value=found,
            details=(*(line for i, line in enumerate(lines) if i != first), *unread, *shows),
            location=shown[first][1],
            findings=located,
        )

    @staticmethod
    def _where(ctx: Context, finding: Finding) -> Location | None:
        if finding.resource.file:
            path = tf_folder(ctx) / finding.resource.file
            return Location.of(path, ctx.options.cwd, finding.line)
        if ctx.options.plan is not None:
            return Location.of(ctx.options.plan, ctx.options.cwd)
        return None


def _status(finding: Finding) -> Status:
    return Status.FAIL if finding.severity is Severity.FAIL else Status.WARN
