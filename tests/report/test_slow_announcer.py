"""A slow check is named on a terminal, once, and never on a pipe."""

from __future__ import annotations

import os
import pty
import select
import time
from pathlib import Path
from typing import ClassVar

from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, Result, ok
from flexcheck.core.runner import run_checks
from flexcheck.report.slow import SlowAnnouncer, for_terminal
from tests.helpers import make_context

POLL = 0.1  # how often the announcer looks (for_terminal's)


def read_terminal(fd: int, wait: float) -> str:
    """What the terminal has to read, until `wait` seconds pass with nothing more."""
    text = ""
    while select.select([fd], [], [], wait)[0]:
        text += os.read(fd, 4096).decode()
    return text


class Sluggish(Check[None]):
    """Runs until it has been named on the terminal, then for two more of the announcer's looks,
    in which a second announcement would be written."""

    id = "sluggish"
    title = "takes its time"
    timeout = 5.0
    terminal = -1  # the reading side of the pseudo-terminal the announcer writes to
    seen: ClassVar[list[str]] = []  # what this check read from it

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        deadline = time.monotonic() + 5
        while "still waiting for" not in "".join(self.seen) and time.monotonic() < deadline:
            self.seen.append(read_terminal(self.terminal, 0.01))
        time.sleep(2.5 * POLL)
        return ok("done")


class Brief(Check[None]):
    id = "brief"
    title = "takes a moment"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        time.sleep(0.2)  # four of the announcer's looks, at its poll below
        return ok("done")


class Quick(Check[None]):
    id = "quick"
    title = "answers at once"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return ok("done")


def test_a_slow_check_is_announced_once_on_a_terminal() -> None:
    leader, follower = pty.openpty()
    Sluggish.terminal, Sluggish.seen = leader, []
    try:
        with os.fdopen(follower, "w", closefd=False) as terminal:
            announcer = for_terminal(terminal, threshold=POLL / 2)  # named at its first look
            assert announcer is not None
            with announcer:
                run_checks(
                    [Quick, Sluggish],
                    make_context(),
                    on_start=announcer.started,
                    on_done=announcer.done,
                )
        # A second line, had one been written, would be there before the run returned.
        shown = "".join(Sluggish.seen) + read_terminal(leader, 0.05)
    finally:
        os.close(leader)
        os.close(follower)
    assert shown.count("still waiting for sluggish (takes its time)") == 1
    assert "stopped at 5 s" in shown
    assert "quick" not in shown


def test_nothing_is_announced_on_a_pipe_or_file(tmp_path: Path) -> None:
    with (tmp_path / "log").open("w") as log:
        assert for_terminal(log, threshold=0.0) is None


def test_a_check_that_finishes_in_time_is_not_announced(tmp_path: Path) -> None:
    with (tmp_path / "log").open("w+") as log:
        with SlowAnnouncer(log, threshold=2.0, poll=0.05) as announcer:
            run_checks([Brief], make_context(), on_start=announcer.started, on_done=announcer.done)
        log.seek(0)
        assert log.read() == ""
