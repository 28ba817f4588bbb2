"""program-active: programs exist and run, entitlements end within them, configurations fit."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from checks.api_login import ApiLogin, Session
from checks.api_read import ApiRead
from checks.program_active import ProgramActive
from flexcheck.core.model import Deps, Result, Status
from flexcheck.credentials.api_user import ApiCredentials
from flexcheck.forticloud.api import Token
from flexcheck.secrets.secret import Secret
from flexcheck.terraform.plan import read_plan
from tests.checks.tf_support import CANARY, USER, assert_no_canary, change, plan_json, write
from tests.helpers import json_response, make_context, tmp_options

PROGRAM = "ELAVMR0000000001"
SESSION = Session(
    Token(Secret("tok-0123456789-abcdef"), 3600, "read write"),
    ApiCredentials(USER, Secret(CANARY), "the credential file"),
)
CONFIGS = [
    {"id": 101, "programSerialNumber": PROGRAM, "productType": {"id": 1}, "status": "ACTIVE"},
    {"id": 301, "programSerialNumber": PROGRAM, "productType": {"id": 101}, "status": "ACTIVE"},
]


def _day(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT00:00:00.000")


class Api:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path.endswith("/configs/list")
        self.asked.append(json.loads(request.content)["programSerialNumber"])
        return json_response(200, {"status": 0, "message": "ok", "configs": CONFIGS})


def run(
    tmp_path: Path, *changes: dict[str, Any], ends_in: int = 400, api: Api | None = None
) -> Result[None]:
    assert ProgramActive.network is True
    assert ApiRead in ProgramActive.requires
    document = read_plan(plan_json(*changes), "plan.json") if changes else None
    ctx = make_context(tmp_options(tmp_path, plan_document=document), handler=api or Api())
    programs = ({"serialNumber": PROGRAM, "endDate": _day(ends_in)},)
    result = ProgramActive().run(ctx, Deps({ApiLogin.id: SESSION, ApiRead.id: programs}))
    assert_no_canary(result)
    return result


def _config(serial: str = PROGRAM) -> dict[str, Any]:
    return change("fortiflexvm_config.c", ["create"], {"program_serial_number": serial})


def _vm(config_id: int, end_date: str | None = None, kind: str = "vm") -> dict[str, Any]:
    after: dict[str, Any] = {"config_id": config_id}
    if end_date:
        after["end_date"] = end_date
    return change(f"fortiflexvm_entitlements_{kind}.e", ["create"], after)


def test_nothing_named_skips(tmp_path: Path) -> None:
    assert run(tmp_path).status is Status.SKIP


def test_a_running_program_and_fitting_entitlement_pass(tmp_path: Path) -> None:
    api = Api()
    result = run(tmp_path, _config(), _vm(101, _day(30)[:10]), api=api)
    assert result.status is Status.PASS, result.summary
    assert api.asked == [PROGRAM]


def test_a_program_not_in_the_account_fails(tmp_path: Path) -> None:
    result = run(tmp_path, _config("ELAVMR0000000009"))
    assert result.status is Status.FAIL
    assert "program ELAVMR0000000009 (used by fortiflexvm_config.c) is not in this account" in (
        result.summary
    )


def test_an_ended_program_fails_and_an_ending_one_warns(tmp_path: Path) -> None:
    ended = run(tmp_path, _config(), ends_in=-2)
    assert ended.status is Status.FAIL
    assert "ended on" in ended.summary
    soon = run(tmp_path, _config(), ends_in=10)
    assert soon.status is Status.WARN
    assert "in 10 days" in soon.summary


def test_an_entitlement_ending_after_its_program_fails(tmp_path: Path) -> None:
    result = run(tmp_path, _vm(101, _day(500)[:10]), ends_in=400)
    assert result.status is Status.FAIL
    assert "fortiflexvm_entitlements_vm.e: end_date" in result.summary
    assert f"after the end of program {PROGRAM}" in result.summary


def test_a_vm_entitlement_on_a_hardware_configuration_fails(tmp_path: Path) -> None:
    result = run(tmp_path, _vm(301))
    assert result.status is Status.FAIL
    assert "configuration 301 is FGT_HW, a hardware product" in result.summary
    assert run(tmp_path, _vm(301, kind="hardware")).status is Status.PASS


def test_the_files_are_read_when_there_is_no_plan(tmp_path: Path) -> None:
    write(
        tmp_path, "main.tf", 'resource "fortiflexvm_entitlements_vm" "v" {\n  config_id = 301\n}\n'
    )
    result = run(tmp_path)
    assert result.status is Status.FAIL
    assert "fortiflexvm_entitlements_vm.v: configuration 301 is FGT_HW" in result.summary
