"""write-permission against the emulator: every way the check ends, with a real login and probe."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from flexcheck.core.context import Need, Options
from flexcheck.core.model import Location, Status
from flexcheck.emulator import Access, Emulator, Fault
from flexcheck.terraform.plan import read_plan
from tests.checks.tf_support import change, plan_json
from tests.network.world import Run, options_for, run

PROBE = "/ES/api/fortiflex/v2/configs/update"


@pytest.fixture
def emulator() -> Emulator:
    with Emulator() as running:
        yield running  # type: ignore[misc]


def write_check(emulator: Emulator, options: Options) -> Run:
    return run(options, only=["write-permission"])


def with_plan(options: Options, folder: Path, *changes: dict[str, object]) -> Options:
    plan = folder / "plan.json"
    plan.write_bytes(plan_json(*changes))
    return replace(options, plan=plan, plan_document=read_plan(plan.read_bytes(), "plan.json"))


def test_a_read_only_user_fails_where_the_plan_writes(emulator: Emulator, tmp_path: Path) -> None:
    options = options_for(emulator, tmp_path)
    for user in emulator.state.users.values():  # the demo user, made read-only
        user.access = Access.READ_ONLY
    outcome = write_check(emulator, options)["write-permission"]
    assert outcome.status is Status.FAIL
    assert "read-only" in outcome.summary
    assert outcome.guide_step == 1  # the permission profile's access type: guide Step 1
    assert outcome.location == Location("plan.json")
    assert not outcome.network


def test_a_read_write_user_passes(emulator: Emulator, tmp_path: Path) -> None:
    outcome = write_check(emulator, options_for(emulator, tmp_path))["write-permission"]
    assert outcome.status is Status.PASS
    assert "write access is likely" in outcome.summary
    assert any(r.path == PROBE for r in emulator.requests)


def test_no_write_probe_is_a_warning_and_sends_no_probe(emulator: Emulator, tmp_path: Path) -> None:
    options = replace(options_for(emulator, tmp_path), write_probe=False)
    outcome = write_check(emulator, options)["write-permission"]
    assert outcome.status is Status.WARN
    assert "--no-write-probe" in outcome.summary
    assert not any(r.path == PROBE for r in emulator.requests)


def test_a_read_only_run_needs_no_probe(emulator: Emulator, tmp_path: Path) -> None:
    options = replace(options_for(emulator, tmp_path), require=Need.READ, plan=None)
    outcome = write_check(emulator, replace(options, plan_document=None))["write-permission"]
    assert outcome.status is Status.PASS
    assert "only reads" in outcome.summary
    assert outcome.location is None
    assert not any(r.path == PROBE for r in emulator.requests)


def test_nothing_to_go_on_is_a_skip(emulator: Emulator, tmp_path: Path) -> None:
    options = replace(options_for(emulator, tmp_path), plan=None, plan_document=None)
    empty = tmp_path / "empty"
    empty.mkdir()
    outcome = write_check(emulator, replace(options, tf_dir=empty))["write-permission"]
    assert outcome.status is Status.SKIP
    assert "nothing says whether the run writes" in outcome.summary


def test_offline_does_not_probe(emulator: Emulator, tmp_path: Path) -> None:
    options = replace(options_for(emulator, tmp_path), offline=True)
    outcome = write_check(emulator, options)["write-permission"]
    assert outcome.status is Status.SKIP
    assert emulator.requests == []


def test_an_answer_that_says_nothing_is_a_warning(emulator: Emulator, tmp_path: Path) -> None:
    emulator.add_fault(Fault("status", path=PROBE, status=200))  # {"status": -1, "OK"}
    outcome = write_check(emulator, options_for(emulator, tmp_path))["write-permission"]
    assert outcome.status is Status.WARN
    assert "could not determine write access" in outcome.summary
    assert "Step 1" in outcome.hint


def test_a_proxy_page_instead_of_the_answer_is_a_network_failure(
    emulator: Emulator, tmp_path: Path
) -> None:
    emulator.add_fault(Fault("html", path=PROBE))
    outcome = write_check(emulator, options_for(emulator, tmp_path))["write-permission"]
    assert outcome.status is Status.FAIL
    assert "HTML page" in outcome.summary


def test_many_writes_name_three_and_list_all(emulator: Emulator, tmp_path: Path) -> None:
    writes = [
        change(f"fortiflexvm_entitlements_vm.vm{n}", ["create"], {"config_id": n}) for n in range(5)
    ]
    options = with_plan(options_for(emulator, tmp_path), tmp_path, *writes)
    outcome = write_check(emulator, options)["write-permission"]
    assert outcome.status is Status.PASS
    assert "and 2 more" in outcome.summary
    assert sum("vm" in d for d in outcome.details) == 5  # every reason, beyond the summary's
    assert not any("destroy" in d for d in outcome.details)  # no delete among them


def test_three_writes_are_named_in_the_summary_only(emulator: Emulator, tmp_path: Path) -> None:
    writes = [
        change(f"fortiflexvm_entitlements_vm.vm{n}", ["create"], {"config_id": n}) for n in range(3)
    ]
    options = with_plan(options_for(emulator, tmp_path), tmp_path, *writes)
    outcome = write_check(emulator, options)["write-permission"]
    assert "more" not in outcome.summary
    assert outcome.summary.count("vm") >= 3
    assert outcome.details == ()


def test_four_writes_name_three_and_list_all_four(emulator: Emulator, tmp_path: Path) -> None:
    writes = [
        change(f"fortiflexvm_entitlements_vm.vm{n}", ["create"], {"config_id": n}) for n in range(4)
    ]
    options = with_plan(options_for(emulator, tmp_path), tmp_path, *writes)
    outcome = write_check(emulator, options)["write-permission"]
    assert "and 1 more" in outcome.summary
    assert outcome.summary.count(".vm") == 3  # the summary has room for three
    assert len(outcome.details) == 4


def test_a_destroy_is_called_a_write(emulator: Emulator, tmp_path: Path) -> None:
    gone = change("fortiflexvm_entitlements_vm.old", ["delete"], {"config_id": 1})
    options = with_plan(options_for(emulator, tmp_path), tmp_path, gone)
    outcome = write_check(emulator, options)["write-permission"]
    assert any("a destroy (delete) is a write" in d for d in outcome.details)


def test_the_probe_is_sent_once_even_when_the_service_is_busy(
    emulator: Emulator, tmp_path: Path
) -> None:
    emulator.add_fault(Fault("status", path=PROBE, status=503, count=3))
    write_check(emulator, options_for(emulator, tmp_path))
    assert len([r for r in emulator.requests if r.path == PROBE]) == 1  # never retried
