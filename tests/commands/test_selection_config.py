from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from flexcheck.core.registry import load_checks
from flexcheck.core.selection import SkipRequest, select
from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from flexcheck.errors import UsageError
from flexcheck.run import config
from tests.commands.cli_support import emulator, make_world, run_cli, world_args

__all__ = ["emulator"]


def _statuses(out: str) -> dict[str, tuple[str, str | None, str]]:
    document = json.loads(out)
    return {c["id"]: (c["status"], c["skipped_by_user"], c["summary"]) for c in document["checks"]}


def test_check_narrows_the_run_and_skips_stay_in_the_report() -> None:
    checks, _ = load_checks()
    chosen, selection = select(checks, ["api-r*"], [])
    # --check api-read runs it and what it needs; the rest are not part of the run at all.
    assert [c.id for c in chosen] == ["credentials-file", "zip-decrypt", "api-login", "api-read"]
    assert selection.skipped == {}
    _, selection = select(checks, [], ["api-*", SkipRequest("zip-decrypt", "FLEXCHECK_SKIP")])
    assert selection.skipped == {
        "api-login": "skipped by the user (--skip api-*)",
        "api-read": "skipped by the user (--skip api-*)",
        "zip-decrypt": "skipped by the user (FLEXCHECK_SKIP)",
    }


@pytest.mark.parametrize("pattern", ["netwrk-*", "api-logn"])
def test_a_pattern_naming_nothing_is_a_usage_error(pattern: str) -> None:
    checks, _ = load_checks()
    with pytest.raises(UsageError, match=r"no check|unknown check id"):
        select(checks, [], [pattern])


def test_flexcheck_skip_from_the_environment(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.READ_ONLY, tmp_path, emulator, monkeypatch)
    monkeypatch.setenv("FLEXCHECK_SKIP", " write-permission , api-read")
    result = run_cli([*world_args(world), "--format", "json"], capsys)
    assert result.code == 0  # the failing write check was turned off, visibly
    statuses = _statuses(result.out)
    assert statuses["write-permission"][:2] == (
        "skip",
        "skipped by the user (FLEXCHECK_SKIP)",
    )
    assert statuses["api-read"][0] == "skip"
    assert statuses["api-login"][0] == "pass"


def test_config_file_defaults_and_a_live_suppression(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.READ_ONLY, tmp_path, emulator, monkeypatch)
    (tmp_path / "flexcheck.toml").write_text(
        'format = "json"\nfail-on = "warn"\n\n'
        '[[suppress]]\ncheck = "write-*"\nreason = "read-only on purpose until TICKET-7"\n'
        "expires = 2999-12-31\n",
        encoding="utf-8",
    )
    result = run_cli(world_args(world), capsys)
    assert result.code == 0
    document = json.loads(result.out)
    assert document["fail_on"] == "warn"
    write = next(c for c in document["checks"] if c["id"] == "write-permission")
    assert write["status"] == "skip"
    assert (
        write["skipped_by_user"]
        == "read-only on purpose until TICKET-7 (flexcheck.toml, until 2999-12-31)"
    )
    assert "it ended fail" in write["summary"]
    assert document["suppressions"][0]["active"] is True
    assert document["suppressions"][0]["matched"] == ["write-permission"]


def test_an_expired_suppression_no_longer_applies_and_says_so(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.READ_ONLY, tmp_path, emulator, monkeypatch)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.flexcheck]\n\n[[tool.flexcheck.suppress]]\ncheck = "write-permission"\n'
        'reason = "old exception"\nexpires = "2020-01-31"\n',
        encoding="utf-8",
    )
    result = run_cli([*world_args(world), "--format", "json"], capsys)
    assert result.code == 1
    write = next(c for c in json.loads(result.out)["checks"] if c["id"] == "write-permission")
    assert write["status"] == "fail"
    # The expiry note comes last, after the check's own details (what Terraform will show).
    assert write["details"][-1] == (
        "suppression expired on 2020-01-31, so it no longer applies: old exception "
        "(pyproject.toml [tool.flexcheck])"
    )
    assert sum("suppression" in d for d in write["details"]) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[suppress]]\ncheck = "api-read"\n', "has no reason"),
        ('zip-password = "x"\n', "unknown setting zip-password"),
        ('fail-on = "sometimes"\n', "fail-on must be one of fail, warn"),
        (
            '[[suppress]]\ncheck = "api-read"\nreason = "r"\nexpires = "soon"\n',
            "expires must be a date",
        ),
        ("not toml = = 1\n", "not valid TOML"),
    ],
)
def test_config_mistakes_are_usage_errors(
    text: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "flexcheck.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        config.load(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli(["--offline"], capsys)
    assert result.code == 2
    assert message in result.err


def test_suppression_dates_are_inclusive() -> None:
    loaded = config._parse(
        {"suppress": [{"check": "api-read", "reason": "r", "expires": date(2030, 5, 1)}]},
        "flexcheck.toml",
        Path(),
    )
    suppression = loaded.suppressions[0]
    assert suppression.active_on(date(2030, 5, 1))
    assert not suppression.active_on(date(2030, 5, 2))


def test_an_unknown_check_id_suggests_the_near_one() -> None:
    checks, _ = load_checks()
    with pytest.raises(UsageError, match=r"did you mean api-login\?"):
        select(checks, ["api-lgin"], [])
