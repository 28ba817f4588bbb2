"""The request log tests read: every request, with secret values masked before storing."""

from __future__ import annotations

import threading

from flexcheck.emulator.handlers import parse_json
from flexcheck.emulator.values import RecordedRequest

MASK = "***"
SECRET_KEYS = frozenset({"password", "token", "access_token", "refresh_token", "client_secret"})


def mask(value: object) -> object:
    """A copy of decoded JSON with the value of every secret-named key replaced by `***`."""
    if isinstance(value, dict):
        return {
            k: MASK if str(k).lower() in SECRET_KEYS and v is not None else mask(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [mask(item) for item in value]
    return value


class Recorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._log: list[RecordedRequest] = []

    def record(
        self, method: str, path: str, raw: bytes, status: int, user: str | None, at: float
    ) -> None:
        entry = RecordedRequest(method, path, mask(parse_json(raw)), status, user, at)
        with self._lock:
            self._log.append(entry)

    def snapshot(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._log)

    def clear(self) -> None:
        with self._lock:
            self._log.clear()
