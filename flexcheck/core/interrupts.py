"""Ctrl-C and SIGTERM end a run the same way: stop, revoke the token, print what is known, 130."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

# Set by the handler as well as raised: Python runs a signal handler wherever the main thread
# happens to be, and a KeyboardInterrupt raised inside a finalizer or a weakref callback is
# printed and dropped ("Exception ignored in ..."). Seen under load: SIGTERM landed in a WeakSet
# callback, and the run went on waiting for a hung request. The runner also looks here.
_ARRIVED = threading.Event()


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    _ARRIVED.set()
    raise KeyboardInterrupt


def install() -> None:
    """Make SIGTERM (what CI runners and `timeout` send) behave like Ctrl-C, and both leave a
    mark that a swallowed KeyboardInterrupt cannot erase."""
    _ARRIVED.clear()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _raise_interrupt)
        signal.signal(signal.SIGTERM, _raise_interrupt)


def arrived() -> bool:
    """Whether Ctrl-C or SIGTERM came since `install`, even if its KeyboardInterrupt was lost."""
    return _ARRIVED.is_set()


def consumed() -> None:
    """The run has ended on that interrupt: a later run in this process starts afresh."""
    _ARRIVED.clear()


@contextlib.contextmanager
def held() -> Iterator[list[int]]:
    """Hold Ctrl-C and SIGTERM while cleanups run, so a second press cannot skip the revoke.

    Yields the list of signals that arrived meanwhile; the caller decides what they mean.
    Outside the main thread signals cannot be handled there, so nothing is held.
    """
    arrived: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield arrived
        return

    def note(signum: int, frame: FrameType | None) -> None:
        arrived.append(signum)

    previous = {sig: signal.signal(sig, note) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield arrived
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
