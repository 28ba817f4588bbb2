"""The per-run memo: one computation per key, however many checks ask at once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from flexcheck.core.memo import RunMemo
from tests.helpers import make_context


def test_concurrent_callers_share_one_computation() -> None:
    ctx = make_context()
    calls: list[int] = []
    start = threading.Barrier(8)

    def compute() -> object:
        calls.append(1)
        time.sleep(0.05)  # long enough for every other caller to arrive while it runs
        return object()

    def ask() -> object:
        start.wait()
        return ctx.shared("tf-config", compute)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: ask(), range(8)))
    assert len(calls) == 1
    assert all(r is results[0] for r in results)
    assert ctx.shared("tf-config", compute) is results[0]
    assert len(calls) == 1


def test_keys_are_computed_separately_and_do_not_wait_for_each_other() -> None:
    memo = RunMemo()
    inside = threading.Event()
    release = threading.Event()

    def slow() -> str:
        inside.set()
        release.wait(5)
        return "slow"

    worker = threading.Thread(target=lambda: memo.get("a", slow))
    worker.start()
    assert inside.wait(5)
    assert memo.get("b", lambda: "fast") == "fast"  # "a" is still being computed
    release.set()
    worker.join(5)
    assert memo.get("a", lambda: "never") == "slow"


def test_an_exception_is_not_remembered() -> None:
    memo = RunMemo()
    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("folder not there yet")
        return "read"

    with pytest.raises(OSError, match="not there yet"):
        memo.get("k", flaky)
    assert memo.get("k", flaky) == "read"
    assert memo.get("k", flaky) == "read"
    assert len(attempts) == 2


def test_each_context_has_its_own_memo() -> None:
    first, second = make_context(), make_context()
    first.shared("k", lambda: 1)
    assert second.shared("k", lambda: 2) == 2
