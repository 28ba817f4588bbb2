"""What a calibration keeps of each answer: statuses, envelope fields, messages and shapes only.

No value that names or opens anything survives: ids, serial numbers, tokens and passwords are
dropped (shapes keep only the JSON type of a value) or masked in messages.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from flexcheck.secrets import redact

# Envelope fields whose values say how the service answers, never who is asking.
ENVELOPE_FIELDS = ("status", "message", "error", "error_description", "token_type", "scope")
EXPIRES = "expires_in"
_MESSAGE_LIMIT = 300
# Shapes of identifying values a message may quote back: UUID-like user ids, long hex or
# base64-ish runs (tokens), serial numbers (FGVM..., ELAVMR...), long numbers (account ids).
_IDENTIFYING = (
    (re.compile(r"\b[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\b"), "<id>"),
    (re.compile(r"[A-Za-z0-9_\-]{24,}"), "<token>"),
    (re.compile(r"\b[A-Z]{4,}[A-Z0-9]*\d{4,}\b"), "<serial>"),
    (re.compile(r"\b\d{4,}\b"), "<number>"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "<email>"),
)


def scrub_message(text: str) -> str:
    """A message as the transcript keeps it: known secrets and identifying values masked."""
    text = redact.scrub(text)
    for pattern, mask in _IDENTIFYING:
        text = pattern.sub(mask, text)
    return text[:_MESSAGE_LIMIT]


def shape(value: object, depth: int = 0) -> object:
    """The JSON types of a value, not the value: `{"id": "int", "name": "str"}`."""
    if isinstance(value, dict):
        if depth >= 6:
            return "object"
        return {str(k): shape(v, depth + 1) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [shape(v, depth + 1) for v in value]
        distinct = [i for n, i in enumerate(items) if i not in items[:n]]
        return {"list": len(value), "items": distinct[:3]}
    if value is None:
        return "null"
    return type(value).__name__  # bool, int, float, str


@dataclass(frozen=True)
class Answer:
    http_status: int
    content_type: str
    envelope: dict[str, object]
    shape: object
    elapsed_ms: int


@dataclass(frozen=True)
class Step:
    """One request of the calibration and what came back (or why nothing did)."""

    role: str  # read-only, read-write, unknown-user
    step: str  # login, programs/list, write-probe, revoke, after-revoke, ...
    path: str
    body_keys: tuple[str, ...]
    answer: Answer | None = None
    problem: str = ""


@dataclass
class Transcript:
    tool: str
    auth_host: str
    api_host: str
    steps: list[Step] = field(default_factory=list)
    findings: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def answer_of(response: httpx.Response, elapsed: float) -> Answer:
    try:
        body: object = response.json()
    except ValueError:
        body = None
    envelope: dict[str, object] = {}
    if isinstance(body, dict):
        for key in ENVELOPE_FIELDS:
            if key in body:
                value = body[key]
                envelope[key] = scrub_message(value) if isinstance(value, str) else shape(value)
                if isinstance(value, int | bool):
                    envelope[key] = value
        if isinstance(body.get(EXPIRES), int):
            envelope[EXPIRES] = body[EXPIRES]
    return Answer(
        response.status_code,
        response.headers.get("content-type", "").split(";")[0],
        envelope,
        shape(body) if body is not None else f"not JSON ({len(response.content)} bytes)",
        round(elapsed * 1000),
    )
