"""A JSON report turned back into the run the human renderer draws: the customer's view, as is."""

from __future__ import annotations

from typing import Any

from flexcheck.core.model import CheckOutcome, LocatedFinding, Location, Status
from flexcheck.core.runner import RunResult
from flexcheck.core.verdict import ExitCode
from flexcheck.errors import UsageError
from flexcheck.forticloud.ledger import RequestRecord


def replay(document: dict[str, Any], where: str) -> tuple[RunResult, ExitCode]:
    """The outcomes and exit code the customer's run ended with; a malformed report is refused."""
    try:
        outcomes = tuple(_outcome(check) for check in document["checks"])
        requests = tuple(
            RequestRecord(
                method=str(r["method"]),
                url=str(r["url"]),
                status=r["status"],
                duration_ms=int(r["duration_ms"]),
                error=r.get("error"),
            )
            for r in document.get("requests", [])
        )
        code = ExitCode(int(document["exit_code"]))
    except (KeyError, TypeError, ValueError) as error:
        raise UsageError(
            f"{where} is not a report flexcheck can show: {type(error).__name__} {error}; it may "
            "have been edited by hand"
        ) from None
    return RunResult(outcomes=outcomes, requests=requests), code


def _outcome(check: dict[str, Any]) -> CheckOutcome:
    location = check.get("location")
    return CheckOutcome(
        id=str(check["id"]),
        title=str(check["title"]),
        status=Status(check["status"]),
        summary=str(check["summary"]),
        hint=str(check.get("hint") or ""),
        guide_step=check.get("guide_step"),
        duration_ms=int(check.get("duration_ms") or 0),
        blocked_by=check.get("blocked_by"),
        network=bool(check.get("network")),
        details=tuple(str(d) for d in check.get("details") or ()),
        location=Location(str(location["path"]), location.get("line")) if location else None,
        findings=tuple(
            LocatedFinding(
                Status(f["status"]),
                str(f["message"]),
                Location(str(f["location"]["path"]), f["location"].get("line")),
            )
            for f in check.get("findings") or ()  # a report of an older flexcheck has none
        ),
        skipped_by_user=check.get("skipped_by_user"),
    )
