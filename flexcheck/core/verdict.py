"""One exit-code policy that CI can trust, whatever the mix of outcomes."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from flexcheck.core.model import CheckOutcome, Status


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # the user's setup needs fixing
    USAGE = 2  # a bad option or an unreadable input named on the command line
    CRASHED = 3  # a check (flexcheck itself) crashed
    UNREACHABLE = 4  # every failure was the network: a CI step may retry
    INTERRUPTED = 130


_FAILING = (Status.FAIL, Status.TIMEOUT)


def exit_code(outcomes: Iterable[CheckOutcome], *, fail_on_warn: bool = False) -> ExitCode:
    """1 beats 4 beats 3: a real problem matters more than a flaky network or a bug."""
    outcomes = list(outcomes)
    failing = [o for o in outcomes if o.status in _FAILING]
    if any(not o.network for o in failing):
        return ExitCode.FAILED
    if failing:
        return ExitCode.UNREACHABLE
    if any(o.status is Status.ERROR for o in outcomes):
        return ExitCode.CRASHED
    if fail_on_warn and any(o.status is Status.WARN for o in outcomes):
        return ExitCode.FAILED
    return ExitCode.OK


def verdict_line(code: ExitCode) -> str:
    return {
        ExitCode.OK: "Ready: nothing flexcheck checked stands in the way.",
        ExitCode.FAILED: "Not ready: fix the failures above, then run flexcheck again.",
        ExitCode.CRASHED: "A check crashed (a flexcheck bug): its result is unknown.",
        ExitCode.UNREACHABLE: "FortiCloud could not be reached: the network failed, not your "
        "credentials. Try again, or fix the network hop named above.",
        ExitCode.INTERRUPTED: "Interrupted: the report above is incomplete.",
        ExitCode.USAGE: "Usage error.",
    }[code]
