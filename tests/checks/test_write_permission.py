"""write-permission: the precise reasons a run needs write, from a plan or from *.tf files.

The probe's answer comes from a mocked transport on purpose: the point is reading the plan and
the Terraform files (pure parsing). Every ending of the check against a real server on loopback
is in test_write_permission_emulator.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from checks.write_permission import WritePermission
from flexcheck.core.model import Deps, Result, Status
from flexcheck.terraform.plan import read_plan
from tests.checks.test_plan_references import SESSION
from tests.checks.tf_support import change, plan_json, write
from tests.helpers import json_response, make_context


def not_found(request: httpx.Request) -> httpx.Response:
    assert request.url.path.endswith("/configs/update")
    return json_response(200, {"status": -1, "message": "Config not found."})


def denied(request: httpx.Request) -> httpx.Response:
    return json_response(200, {"status": -1, "message": "Authorization denied"})


def run_plan(*changes: dict[str, Any], handler: Any = not_found) -> Result[None]:
    assert WritePermission.id == "write-permission"
    document = read_plan(plan_json(*changes), "plan.json")
    ctx = make_context(handler=handler, plan_document=document, plan=Path("plan.json"))
    return WritePermission().run(ctx, Deps({"api-login": SESSION}))


@pytest.mark.parametrize(
    ("actions", "shown"),
    [
        (["create"], "create"),
        (["update"], "update"),
        (["delete"], "delete"),
        (["delete", "create"], "delete, create"),
    ],
)
def test_each_write_action_is_named(actions: list[str], shown: str) -> None:
    result = run_plan(change("fortiflexvm_entitlements_vm.web", actions, {"config_id": 1}))
    assert result.status is Status.PASS
    assert f"plan.json needs write (fortiflexvm_entitlements_vm.web: {shown})" in result.summary
    assert not any("fortiflexvm_entitlements_vm.web" in d for d in result.details)  # no repeat


def test_destroy_counts_as_a_write_and_says_so() -> None:
    result = run_plan(change("fortiflexvm_entitlements_vm.old", ["delete"]), handler=denied)
    assert result.status is Status.FAIL
    assert "fortiflexvm_entitlements_vm.old: delete" in result.summary
    assert "read-only" in result.summary
    assert any("destroy (delete) is a write" in d for d in result.details)


@pytest.mark.parametrize("actions", [["no-op"], ["read"]])
def test_no_op_and_read_only_need_read(actions: list[str]) -> None:
    mode = "data" if actions == ["read"] else "managed"
    kind = "fortiflexvm_configs_list.c" if mode == "data" else "fortiflexvm_config.c"
    address = f"data.{kind}" if mode == "data" else kind
    result = run_plan(change(address, actions, {}, mode=mode))
    if mode == "data":
        assert result.status is Status.PASS
        assert "only reads" in result.summary
        assert f"reads: {address}: read" in result.details
    else:
        assert result.status is Status.PASS
        assert "only reads" in result.summary


def test_every_reason_is_in_details_beyond_the_summary() -> None:
    changes = [change(f"fortiflexvm_entitlements_vm.v{i}", ["create"], {}) for i in range(5)]
    result = run_plan(*changes)
    assert "and 2 more" in result.summary
    assert [d for d in result.details if d.startswith("needs write")] == [
        f"needs write: fortiflexvm_entitlements_vm.v{i}: create" for i in range(5)
    ]


def test_1_0_0_resource_names_in_a_plan_need_write() -> None:
    result = run_plan(
        change("fortiflexvm_vms_create.a", ["create"], {}),
        change("fortiflexvm_vms_update.b", ["update"], {}),
    )
    assert "fortiflexvm_vms_create.a: create" in result.summary
    assert "fortiflexvm_vms_update.b: update" in result.summary


def test_1_0_0_configuration_needs_write(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        'resource "fortiflexvm_vms_create" "a" {}\ndata "fortiflexvm_vms_list" "l" {}\n',
    )
    ctx = make_context(handler=not_found, cwd=tmp_path, tf_dir=tmp_path)
    result = WritePermission().run(ctx, Deps({"api-login": SESSION}))
    assert result.status is Status.PASS
    assert "fortiflexvm_vms_create.a: managed resource" in result.summary
    assert not any("fortiflexvm_vms_create.a" in d for d in result.details)  # in the summary


def test_a_file_that_does_not_parse_is_listed(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'resource "fortiflexvm_config" "c" {}\n')
    write(tmp_path, "broken.tf", "resource {\n")
    ctx = make_context(handler=not_found, cwd=tmp_path, tf_dir=tmp_path)
    result = WritePermission().run(ctx, Deps({"api-login": SESSION}))
    assert any(d.startswith("could not read broken.tf") for d in result.details)


@pytest.mark.parametrize(("http_status", "expected"), [(404, Status.PASS), (400, Status.WARN)])
def test_only_a_not_found_answer_counts_as_past_the_permission_check(
    http_status: int, expected: Status
) -> None:
    # The same words either way: HTTP 404 alone says the config, not the permission, was missing.
    def answer(request: httpx.Request) -> httpx.Response:
        return json_response(http_status, {"status": -1, "message": "Request rejected."})

    result = run_plan(change("fortiflexvm_config.c", ["create"], {}), handler=answer)
    assert result.status is expected, result.summary
    if expected is Status.WARN:
        assert "refused for its form" in result.summary


def test_it_is_a_network_check_between_the_read_and_the_terraform_checks() -> None:
    from checks.api_read import ApiRead
    from checks.terraform_credentials import TerraformCredentialsCheck

    # A network check: a dead FortiCloud host ends it at once (marked blocked by that host).
    assert WritePermission.network is True
    assert ApiRead.order < WritePermission.order < TerraformCredentialsCheck.order
    assert WritePermission.order == 50  # the report's row order, which JSON consumers see
    # Each way it fails names the guide step that fixes it: the profile (1) or the user (2).
    steps = [(m.status, m.guide_step) for m in WritePermission.failure_modes]
    assert steps == [
        (Status.FAIL, 1),
        (Status.FAIL, 2),
        (Status.WARN, 1),
        (Status.SKIP, None),
    ]
