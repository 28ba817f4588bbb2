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
# FortiFlex's own wording and the standard OAuth 2.0 token errors (RFC 6750: `invalid_token`,
# "The access token provided has expired"): a token problem says nothing about permissions.
_TOKEN = re.compile(
    r"security token|invalid[ _]token|expired[ _]token|token (is )?(invalid|expired)|"
    r"token\b.{0,40}\b(has |is )?(expired|revoked|invalid)|invalid[ _]grant|insufficient[ _]scope",
    re.IGNORECASE,
)
# A refusal of the id the probe names (0, a config that cannot exist) is about that value, even
# when worded as a denial ("id 0 is not allowed"): it does not show what the user may do.
_ID_REFUSED = re.compile(r"\b(config(uration)?[ _]?id|id)\b\W{0,3}0\b", re.IGNORECASE)
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
    code = answer.payload.get("error")
    said_all = f"{answer.message} {code if isinstance(code, str) else ''}"
    if _TOKEN.search(said_all):
        return ProbeReading(Access.UNKNOWN, f"the token was refused ({evidence})")
    if answer.http_status in (401, 403) or _DENIED.search(answer.message):
        if _ID_REFUSED.search(answer.message):
            return ProbeReading(
                Access.UNKNOWN, f"the service refused the config id the probe names ({evidence})"
            )
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
