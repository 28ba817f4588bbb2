"""On a terminal, a check that keeps the user waiting is named: a hang never looks frozen."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import TextIO

from flexcheck.core.model import CheckOutcome
from flexcheck.core.registry import CheckType

SLOW_AFTER = 10.0


class SlowAnnouncer:
    """Writes one line per check still running `threshold` seconds after it started."""

    def __init__(self, stream: TextIO, threshold: float = SLOW_AFTER, poll: float = 0.1) -> None:
        self._stream = stream
        self._threshold = threshold
        self._poll = poll
        self._running: dict[str, tuple[CheckType, float]] = {}
        self._announced: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="slow-announcer", daemon=True)

    def started(self, check: CheckType) -> None:
        with self._lock:
            self._running[check.id] = (check, time.monotonic())

    def done(self, outcome: CheckOutcome) -> None:
        with self._lock:
            self._running.pop(outcome.id, None)

    def __enter__(self) -> SlowAnnouncer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=1)

    def _watch(self) -> None:
        while not self._stop.wait(self._poll):
            now = time.monotonic()
            with self._lock:
                late = [
                    (check, now - started)
                    for check, started in self._running.values()
                    if now - started >= self._threshold and check.id not in self._announced
                ]
                self._announced.update(check.id for check, _ in late)
            for check, waited in late:
                self._stream.write(
                    f"flexcheck: still waiting for {check.id} ({check.title}) after "
                    f"{waited:.0f} s; it is stopped at {check.timeout:g} s\n"
                )
                self._stream.flush()


def for_terminal(stream: TextIO, threshold: float = SLOW_AFTER) -> SlowAnnouncer | None:
    """An announcer when `stream` is a terminal; in CI logs and pipes the report says it all."""
    try:
        return SlowAnnouncer(stream, threshold) if stream.isatty() else None
    except (AttributeError, ValueError):  # a closed or unusual stream
        return None
