"""What a check is and what it returns: the vocabulary shared by checks, runner and reports."""

from __future__ import annotations

import contextlib
import os
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    from flexcheck.core.context import Context

T = TypeVar("T")
U = TypeVar("U")


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"
    ERROR = "error"  # the check itself crashed: flexcheck's bug, never the user's fault
    TIMEOUT = "timeout"


@dataclass(frozen=True)
class Location:
    """The file (and line) an outcome is about: a credential file or a Terraform file."""

    path: str  # relative to the working directory where it lies inside it, POSIX separators
    line: int | None = None

    @classmethod
    def of(cls, path: Path, cwd: Path, line: int | None = None) -> Location:
        # The name the user gave first: a symlink in the repository to a file elsewhere is
        # still "creds.zip" there, not an absolute path (SARIF would make it a file:// URI).
        given, base = Path(os.path.normpath(cwd / path)), Path(os.path.normpath(cwd))
        with contextlib.suppress(ValueError):
            return cls(given.relative_to(base).as_posix(), line)
        with contextlib.suppress(ValueError, OSError, RuntimeError):
            return cls(path.resolve().relative_to(cwd.resolve()).as_posix(), line)
        return cls(path.as_posix(), line)


@dataclass(frozen=True)
class FailureMode:
    """One way a check can end badly, for `flexcheck explain`: when it happens and its fix."""

    status: Status
    when: str
    fix: str
    guide_step: int | None = None


@dataclass(frozen=True)
class LocatedFinding:
    """One problem of a check at its own file and line: a check that finds several problems
    hands each one here, so SARIF, Code Quality and GitHub annotations place every one at its
    line instead of only the first (the summary and details still tell them all in words)."""

    status: Status  # WARN or FAIL: how bad this one problem is, whatever the check ends with
    message: str  # the problem in full, as the details line says it
    location: Location


# A result's guide_step when no step of the guide fixes it (a URL typo, the network): without it
# the check's own step would show, and Step 3 (download again) can do damage.
NO_GUIDE_STEP = 0


@dataclass(frozen=True)
class Result(Generic[T]):
    """One check's outcome. `value` feeds dependent checks and is never rendered."""

    status: Status
    summary: str
    hint: str = ""
    value: T | None = None
    network: bool = False  # the failure was caused by the network, not by the user's setup
    guide_step: int | None = None  # overrides the check's own step; NO_GUIDE_STEP for none
    details: tuple[str, ...] = ()
    location: Location | None = None
    # Each problem at its own file:line, for the located reports; empty when the check found
    # one problem or none, or its problems are about no file (then `location` places it).
    findings: tuple[LocatedFinding, ...] = ()
    host: str | None = None  # the FortiCloud host a network failure happened on
    # The route to `host` is proven dead (a network check's DNS, TCP, proxy or TLS hop failed):
    # every check waiting for that host ends at once instead of waiting for it again.
    route_dead: bool = False

    @property
    def satisfies_dependents(self) -> bool:
        """Dependents run after a pass or warn, and after a skip that still hands them a value."""
        if self.status in (Status.PASS, Status.WARN):
            return True
        return self.status is Status.SKIP and self.value is not None


def ok(summary: str, *, value: T | None = None, details: tuple[str, ...] = ()) -> Result[T]:
    return Result(Status.PASS, summary, value=value, details=details)


def warn(
    summary: str,
    *,
    hint: str = "",
    value: T | None = None,
    guide_step: int | None = None,
    findings: tuple[LocatedFinding, ...] = (),
) -> Result[T]:
    return Result(
        Status.WARN, summary, hint=hint, value=value, guide_step=guide_step, findings=findings
    )


def fail(
    summary: str, *, hint: str = "", network: bool = False, guide_step: int | None = None
) -> Result[Any]:
    return Result(Status.FAIL, summary, hint=hint, network=network, guide_step=guide_step)


def skip(summary: str, *, value: T | None = None) -> Result[T]:
    return Result(Status.SKIP, summary, value=value)


class Deps:
    """The values of a check's passed requirements, looked up by check type."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def __getitem__(self, check: type[Check[U]]) -> U:
        value: U = self._values[check.id]
        return value

    def get(self, check: type[Check[U]]) -> U | None:
        value: U | None = self._values.get(check.id)
        return value


class Check(ABC, Generic[T]):
    """A single, independent question about the user's setup."""

    id: ClassVar[str]
    title: ClassVar[str]
    requires: ClassVar[tuple[type[Check[Any]], ...]] = ()
    guide_step: ClassVar[int | None] = None
    network: ClassVar[bool] = False
    timeout: ClassVar[float] = 20.0
    # Position in reports among checks the dependency graph leaves unordered.
    order: ClassVar[int] = 1000
    # Seconds an interrupted run still waits for this check when it is in flight: what it hands
    # back needs a cleanup (a token issued just before Ctrl-C must still be revoked).
    grace: ClassVar[float] = 0.0
    # For `flexcheck explain`: what the check verifies and why it matters, and the ways it can
    # end badly. A check that leaves them empty is explained from its title and guide step.
    explanation: ClassVar[str] = ""
    failure_modes: ClassVar[tuple[FailureMode, ...]] = ()

    @classmethod
    def talks_to(cls, ctx: Context) -> tuple[str, ...]:
        """The FortiCloud hosts this check sends requests to; a host known dead ends it early."""
        return ()

    @abstractmethod
    def run(self, ctx: Context, deps: Deps) -> Result[T]:
        """Answer the question. Expected outcomes are returned; only bugs raise."""

    def locate(self, ctx: Context, deps: Deps, result: Result[T]) -> Location | None:
        """The file the outcome is about (SARIF places it there); by default the result's own."""
        return result.location


@dataclass(frozen=True)
class CheckOutcome:
    """A finished check as the reports see it: no payload, nothing secret."""

    id: str
    title: str
    status: Status
    summary: str
    hint: str
    guide_step: int | None
    duration_ms: int
    blocked_by: str | None = None
    network: bool = False
    details: tuple[str, ...] = field(default_factory=tuple)
    location: Location | None = None
    findings: tuple[LocatedFinding, ...] = ()  # see Result.findings; their messages are scrubbed
    skipped_by_user: str | None = None  # why the user turned it off: --skip, config, ...
    host: str | None = None  # see Result.host: lets one network finding be reported once
