"""The ledger of a run's requests: what the report lists as proof of everything flexcheck sent."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestRecord:
    """One request as the report lists it: enough to prove what was asked, nothing secret."""

    method: str
    url: str
    status: int | None
    duration_ms: int
    error: str | None = None


# How a request still waiting for its answer is listed when the report is made.
UNANSWERED = "no answer yet when the run ended"


class RequestLog:
    """Every request made in a run, in the order sent; shared by all checks.

    A request is entered when it is sent, not when its answer comes: one still in flight when
    the report is made (a check past its time limit) is listed too, as unanswered.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord | tuple[str, str, float]] = []

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def sent(self, method: str, url: str) -> int:
        """Enter a request being sent; `answered` completes its entry."""
        with self._lock:
            self._records.append((method, url, time.monotonic()))
            return len(self._records) - 1

    def answered(self, ticket: int, record: RequestRecord) -> None:
        with self._lock:
            self._records[ticket] = record

    def records(self) -> tuple[RequestRecord, ...]:
        now = time.monotonic()
        with self._lock:
            return tuple(
                entry
                if isinstance(entry, RequestRecord)
                else RequestRecord(
                    entry[0], entry[1], None, int((now - entry[2]) * 1000), UNANSWERED
                )
                for entry in self._records
            )
