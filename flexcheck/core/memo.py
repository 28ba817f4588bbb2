"""Work that several checks of one run need (reading the Terraform folder) is done only once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

T = TypeVar("T")


class RunMemo:
    """Values computed once per key, however many threads ask at the same moment.

    A computation that raises is not remembered: the next caller tries again (and gets its own
    error), so one check's failure to read a file cannot hide a later, successful read.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[Hashable, object] = {}
        self._key_locks: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                return cast(T, self._values[key])
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        # One lock per key: a slow computation holds back only the callers waiting for it.
        with key_lock:
            with self._lock:
                if key in self._values:
                    return cast(T, self._values[key])
            value = compute()
            with self._lock:
                self._values[key] = value
            return value
