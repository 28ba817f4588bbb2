"""The text of `flexcheck explain ID`, taken from the check itself."""

from __future__ import annotations

from flexcheck.core.guide import step_label, step_url
from flexcheck.core.model import FailureMode, Status
from flexcheck.core.registry import CheckType


def general_modes(check: CheckType) -> list[FailureMode]:
    """What can happen to any check, whatever it says about itself."""
    modes = [
        FailureMode(
            Status.SKIP,
            f"{required.id} ({required.title}) did not pass, so this check cannot run",
            f"Fix {required.id} first: `flexcheck explain {required.id}`.",
            required.guide_step,
        )
        for required in check.requires
    ]
    if check.network:
        modes.append(
            FailureMode(
                Status.TIMEOUT,
                f"FortiCloud gave no answer within {check.timeout:g} s",
                "The network failed, not your credentials: retry, or fix the hop the report "
                "names (proxy, DNS, TLS inspection). With --offline this check is skipped.",
            )
        )
    modes.append(
        FailureMode(
            Status.ERROR,
            "the check itself crashed",
            "A flexcheck bug, not your setup: run with --debug and report it.",
        )
    )
    return modes


def explain(check: CheckType) -> str:
    lines = [f"{check.id}: {check.title}", ""]
    lines.append("What it verifies and why it matters:")
    lines.append(
        "  "
        + (
            check.explanation
            or f'It answers the question "{check.title}". Every failure it reports says '
            "what happened and what to do."
        )
    )
    lines.append("")
    facts = [
        f"Guide: {step_label(check.guide_step)} ({step_url(check.guide_step)})",
        "Needs: " + (", ".join(r.id for r in check.requires) or "nothing else"),
        "Network: " + ("yes (skipped with --offline)" if check.network else "no, it reads files"),
    ]
    lines.extend(facts)
    lines.append("")
    lines.append("How it can fail, and what fixes each:")
    own = list(check.failure_modes)
    if not own:
        lines.append(
            "  This check lists no failure modes of its own; its report names the fix and the "
            f"guide step ({step_label(check.guide_step)}) for each failure."
        )
    for mode in (*own, *general_modes(check)):
        lines.append(f"  - {mode.status}: {mode.when}")
        lines.append(f"    Fix: {mode.fix}")
        if mode.guide_step is not None:
            lines.append(f"    Guide {step_label(mode.guide_step)} ({step_url(mode.guide_step)})")
    # A check that judges against a table of facts (terraform-values) lists them too.
    reference = getattr(check, "reference", None)
    if callable(reference):
        lines.extend(["", str(reference())])
    return "\n".join(lines)
