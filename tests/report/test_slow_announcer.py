"""A slow check is named on a terminal, once, and never on a pipe."""

from __future__ import annotations

import os
import pty
import time
from pathlib import Path

from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, Result, ok
from flexcheck.core.runner import run_checks
from flexcheck.report.slow import SlowAnnouncer, for_terminal
from tests.helpers import make_context


class Sluggish(Check[None]):
    id = "sluggish"
    title = "takes its time"
    timeout = 5.0

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        time.sleep(0.6)
        return ok("done")


class Quick(Check[None]):
    id = "quick"
    title = "answers at once"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return ok("done")


def test_a_slow_check_is_announced_once_on_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        with os.fdopen(follower, "w", closefd=False) as terminal:
            announcer = for_terminal(terminal, threshold=0.2)
            assert announcer is not None
            with announcer:
                run_checks(
                    [Quick, Sluggish],
                    make_context(),
                    on_start=announcer.started,
                    on_done=announcer.done,
                )
        shown = os.read(leader, 4096).decode()
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
            run_checks(
                [Sluggish], make_context(), on_start=announcer.started, on_done=announcer.done
            )
        log.seek(0)
        assert log.read() == ""
