"""Per-user pacing: the 100-a-minute ceiling and the back-off, on a fake clock."""

from __future__ import annotations

import json

import httpx
import pytest

from flexcheck.fleet.pacing import MAX_BACK_OFF, Pacers, UserPacer, back_off_for

URL = httpx.URL("https://support.fortinet.com/ES/api/fortiflex/v2/programs/list")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_hundred_and_first_request_in_a_minute_waits_for_the_window() -> None:
    clock = FakeClock()
    pacer = UserPacer(clock=clock, sleep=clock.sleep)
    for _ in range(100):
        pacer.before(URL)
        clock.now += 0.1
    assert clock.slept == []
    pacer.before(URL)  # the first request was at 1000.0: the 101st may go at 1060.0
    assert clock.slept == [pytest.approx(50.0)]
    assert clock.now == pytest.approx(1060.0)


def test_reserved_slots_never_exceed_the_limit_in_any_window() -> None:
    clock = FakeClock()
    pacer = UserPacer(limit=5, window=10.0, clock=clock)
    starts = [clock.now + pacer.reserve() for _ in range(23)]
    for i, start in enumerate(starts):
        assert sum(1 for s in starts[i:] if s < start + 10.0) <= 5
    assert starts[-1] == pytest.approx(1000.0 + 40.0)


def _response(status: int, body: object, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers, request=None)


@pytest.mark.parametrize(
    ("response", "pause"),
    [
        (_response(429, {"status": -1}, {"Retry-After": "7"}), 7.0),
        (_response(429, {"status": -1}), 60.0),
        (_response(200, {"status": -10, "message": "Too many requests"}), 60.0),
        (_response(200, {"status": -11, "message": "Too many requests"}), MAX_BACK_OFF),
        (_response(200, {"status": 0, "programs": []}), None),
        (_response(403, {"status": -1, "message": "Authorization denied"}), None),
        (httpx.Response(200, content=b"<html>-10</html>"), None),
    ],
)
def test_back_off_reads_429_and_the_limit_statuses(
    response: httpx.Response, pause: float | None
) -> None:
    assert back_off_for(response) == pause


def test_a_refusal_pauses_every_later_request_of_that_user_only() -> None:
    clock = FakeClock()
    pacers = Pacers(lambda: UserPacer(clock=clock, sleep=clock.sleep))
    limited, other = pacers.for_user("file:/a.zip"), pacers.for_user("file:/b.zip")
    assert pacers.for_user("file:/a.zip") is limited
    limited.after(URL, _response(200, {"status": -10, "message": "Too many requests"}))
    other.before(URL)
    assert clock.slept == []
    limited.before(URL)
    assert clock.slept == [pytest.approx(60.0)]
    limited.after(URL, None)  # a network error is not a refusal
    limited.before(URL)
    assert clock.slept == [pytest.approx(60.0)]
