"""Scripted misbehaviour: which request a fault hits, and the broken answer it makes."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import quote

from flexcheck.emulator.values import Fault

PROXY_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Access Denied - Corporate Proxy</title></head>"
    b"<body><h1>Access Denied</h1><p>The requested URL is blocked by your organisation's"
    b" web filtering policy.</p></body></html>\n"
)
_TRUNCATED_SOURCE = json.dumps(
    {
        "status": 0,
        "message": "Request processed successfully.",
        "programs": [{"serialNumber": "ELAVMR0000000001", "accountId": 100000}],
    }
).encode()


@dataclass(frozen=True)
class Broken:
    """A faulty HTTP answer to write; `body` is None when the connection just closes."""

    status: int
    body: bytes | None
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class _Pending:
    fault: Fault
    remaining: int


class FaultQueue:
    """Faults in the order added; each matching request uses up the oldest one that matches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[_Pending] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._pending.append(_Pending(fault, fault.count))

    def take(self, path: str, method: str = "POST") -> Fault | None:
        with self._lock:
            for entry in self._pending:
                wanted = entry.fault.method
                if path.startswith(entry.fault.path) and (not wanted or wanted == method):
                    entry.remaining -= 1
                    if entry.remaining == 0:
                        self._pending.remove(entry)
                    return entry.fault
        return None

    def __len__(self) -> int:
        with self._lock:
            return len(self._pending)


def broken_answer(fault: Fault, path: str) -> Broken:
    """The answer for every kind but `hang`, which the server handles by waiting."""
    if fault.kind == "status":
        phrase = _phrase(fault.status)
        body = json.dumps({"status": -1, "message": phrase}).encode()
        extra = (("Retry-After", fault.retry_after),) if fault.retry_after is not None else ()
        return Broken(fault.status, body, headers=extra)
    if fault.kind == "html":
        return Broken(200, PROXY_PAGE, "text/html; charset=utf-8")
    if fault.kind == "truncated":
        return Broken(200, _TRUNCATED_SOURCE[: len(_TRUNCATED_SOURCE) // 2])
    if fault.kind == "empty":
        return Broken(200, b"")
    if fault.kind == "redirect":
        location = "/login?next=" + quote(path, safe="")
        page = b'<html><body>Redirecting to <a href="/login">login</a></body></html>'
        return Broken(302, page, "text/html; charset=utf-8", (("Location", location),))
    return Broken(0, None)  # drop (and hang, once its wait is over)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"
