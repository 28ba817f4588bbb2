"""The emulator's public value types: who may log in, what goes wrong, what was asked."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, get_args

FaultKind = Literal["status", "drop", "html", "truncated", "empty", "hang", "redirect"]


class Access(StrEnum):
    """The FortiFlex access type of an API user's permission profile."""

    READ_WRITE = "readwrite"
    READ_ONLY = "readonly"
    ADMIN = "admin"


@dataclass
class EmulatedUser:
    """An IAM API user; mutable because "Download Credentials" again changes the password."""

    username: str
    password: str
    access: Access = Access.READ_WRITE


@dataclass(frozen=True)
class Fault:
    """One scripted misbehaviour, applied to the next `count` requests whose path matches."""

    kind: FaultKind
    path: str = ""  # applies to request paths starting with this ("" = any)
    count: int = 1
    status: int = 503  # for kind="status"
    retry_after: str | None = None  # Retry-After header value for kind="status"
    seconds: float = 0.0  # for kind="hang": 0 holds the request until the emulator stops
    method: str = ""  # applies to this HTTP method only ("" = any; "POST" spares HEAD probes)

    def __post_init__(self) -> None:
        if self.kind not in get_args(FaultKind):
            raise ValueError(f"unknown fault kind {self.kind!r}")
        if self.count < 1:
            raise ValueError("count must be at least 1: a fault affects one request or more")
        if self.seconds < 0:
            raise ValueError("a hang cannot last a negative time")


@dataclass(frozen=True)
class RecordedRequest:
    """A request as received; secrets in the body are masked, headers are not kept.

    `status` is the HTTP status sent, or 0 when no response was sent (drop, hang).
    `at` is the unshifted wall-clock time (time.time()) the request was received.
    """

    method: str
    path: str
    body: object | None
    status: int
    user: str | None
    at: float
