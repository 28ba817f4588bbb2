"""Per-API-user request pacing: stay under FortiFlex's published limit and back off when told.

FortiFlex documents 100 requests a minute per API user (treated here as a ceiling, never a
target) and answers too many with HTTP 429 or the envelope statuses -10 (per minute) and -11 (per
hour). A `UserPacer` is shared by every entry that uses the same API user, so two entries for one
user never add up past the limit.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable

import httpx

from flexcheck.forticloud.http import retry_after_seconds

REQUESTS_PER_MINUTE = 100
WINDOW = 60.0
MINUTE_LIMITED = -10
HOUR_LIMITED = -11
# Back-off after a refusal: a minute-limit refusal clears within the window; an hour-limit one
# cannot be waited out in a pre-flight check, so the pause is capped and the entry reports it.
MAX_BACK_OFF = 60.0
_MAX_SNIFFED_BYTES = 4096


class UserPacer:
    """A sliding window of request start times for one API user, plus a back-off deadline."""

    def __init__(
        self,
        limit: int = REQUESTS_PER_MINUTE,
        window: float = WINDOW,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._starts: deque[float] = deque(maxlen=limit)
        self._blocked_until = 0.0

    def reserve(self) -> float:
        """Claim the next free slot and return how long to wait for it (0 when free now)."""
        with self._lock:
            now = self._clock()
            at = max(now, self._blocked_until)
            if self._starts:
                at = max(at, self._starts[-1])  # slots are handed out in order
            if len(self._starts) == self._limit:
                at = max(at, self._starts[0] + self._window)
            self._starts.append(at)
            return at - now

    def before(self, url: httpx.URL) -> None:
        delay = self.reserve()
        if delay > 0:
            self._sleep(delay)

    def after(self, url: httpx.URL, response: httpx.Response | None) -> None:
        if response is None:
            return
        delay = back_off_for(response)
        if delay is not None:
            self.back_off(delay)

    def back_off(self, seconds: float) -> None:
        with self._lock:
            until = self._clock() + min(seconds, MAX_BACK_OFF)
            self._blocked_until = max(self._blocked_until, until)


def back_off_for(response: httpx.Response) -> float | None:
    """How long FortiCloud asked this user to pause, or None when it did not."""
    if response.status_code == 429:
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        return asked if asked is not None else WINDOW
    status = _envelope_status(response)
    if status == MINUTE_LIMITED:
        return WINDOW
    if status == HOUR_LIMITED:
        return MAX_BACK_OFF
    return None


def _envelope_status(response: httpx.Response) -> int | None:
    content = response.content
    if len(content) > _MAX_SNIFFED_BYTES or b"-1" not in content:
        return None  # both limit statuses contain "-1"; anything else is not worth parsing
    try:
        body = json.loads(content)
    except ValueError:
        return None
    status = body.get("status") if isinstance(body, dict) else None
    return status if isinstance(status, int) else None


class Pacers:
    """One pacer per API user key, created on first use."""

    def __init__(self, factory: Callable[[], UserPacer] = UserPacer) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._pacers: dict[str, UserPacer] = {}

    def for_user(self, key: str) -> UserPacer:
        with self._lock:
            if key not in self._pacers:
                self._pacers[key] = self._factory()
            return self._pacers[key]
