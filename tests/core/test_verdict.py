from __future__ import annotations

from flexcheck.core.model import CheckOutcome, Status
from flexcheck.core.verdict import ExitCode, exit_code


def outcome(status: Status, *, network: bool = False) -> CheckOutcome:
    return CheckOutcome("x", "x", status, "", "", None, 0, network=network)


def test_all_passing_is_zero() -> None:
    assert exit_code([outcome(Status.PASS), outcome(Status.SKIP), outcome(Status.WARN)]) == 0


def test_user_failure_beats_network_and_crash() -> None:
    mixed = [outcome(Status.FAIL), outcome(Status.FAIL, network=True), outcome(Status.ERROR)]
    assert exit_code(mixed) is ExitCode.FAILED


def test_only_network_failures_is_four_even_with_a_crash() -> None:
    mixed = [outcome(Status.FAIL, network=True), outcome(Status.ERROR)]
    assert exit_code(mixed) is ExitCode.UNREACHABLE


def test_crash_alone_is_three() -> None:
    assert exit_code([outcome(Status.PASS), outcome(Status.ERROR)]) is ExitCode.CRASHED


def test_timeout_of_network_check_counts_as_unreachable() -> None:
    assert exit_code([outcome(Status.TIMEOUT, network=True)]) is ExitCode.UNREACHABLE


def test_warn_fails_only_when_asked() -> None:
    assert exit_code([outcome(Status.WARN)], fail_on_warn=True) is ExitCode.FAILED


def test_exit_codes_are_the_documented_numbers() -> None:
    # CI scripts branch on these numbers (README, docs/report-json.md): they never change.
    documented = {"OK": 0, "FAILED": 1, "USAGE": 2, "CRASHED": 3, "UNREACHABLE": 4}
    assert {c.name: int(c) for c in ExitCode if c.name != "INTERRUPTED"} == documented
    assert int(ExitCode.INTERRUPTED) == 130  # 128 + SIGINT, as shells report Ctrl-C


def test_every_exit_code_has_its_own_verdict_line() -> None:
    from flexcheck.core.verdict import verdict_line

    lines = {code: verdict_line(code) for code in ExitCode}
    assert all(isinstance(line, str) and line for line in lines.values())
    assert len(set(lines.values())) == len(lines)
    assert verdict_line(ExitCode.OK).startswith("Ready")
