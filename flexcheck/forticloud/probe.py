"""Reads the answer to the write probe; the real service's answer is not publicly documented."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from flexcheck.forticloud.api import ApiAnswer

_DENIED = re.compile(
    r"authori[sz]ation denied|not authori[sz]ed|permission|forbidden|"
    r"access denied|not allowed|read[- ]?only",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"security token|invalid token|token (is )?(invalid|expired)", re.IGNORECASE)
_VALIDATION = re.compile(
    r"not found|does not exist|doesn't exist|no such|not exist|invalid "
    r"(config|id)|is required|required|must be|missing|not valid",
    re.IGNORECASE,
)


class Access(StrEnum):
    READ_ONLY = "read-only"
    READ_WRITE = "read-write"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ProbeReading:
    access: Access
    evidence: str


def classify(answer: ApiAnswer) -> ProbeReading:
    said = answer.message or f"status {answer.status}"
    evidence = f"HTTP {answer.http_status}, {said!r}"
    if _TOKEN.search(answer.message):
        return ProbeReading(Access.UNKNOWN, f"the token was refused ({evidence})")
    if answer.http_status in (401, 403) or _DENIED.search(answer.message):
        return ProbeReading(Access.READ_ONLY, evidence)
    if answer.status == 0:
        return ProbeReading(
            Access.UNKNOWN,
            f"the service accepted a request naming a config that cannot exist ({evidence})",
        )
    if answer.status is not None and answer.status in (-10, -11, -12, -30):
        return ProbeReading(Access.UNKNOWN, f"the service limited the request ({evidence})")
    if _VALIDATION.search(answer.message) or answer.http_status in (400, 404, 422):
        return ProbeReading(Access.READ_WRITE, evidence)
    return ProbeReading(Access.UNKNOWN, evidence)
