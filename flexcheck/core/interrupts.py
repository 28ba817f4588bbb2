"""Ctrl-C and SIGTERM end a run the same way: stop, revoke the token, print what is known, 130."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def install() -> None:
    """Make SIGTERM (what CI runners and `timeout` send) behave like Ctrl-C."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_interrupt)


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
