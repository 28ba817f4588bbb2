"""plan-references: the plan's configuration ids and program serials, asked of the API.

The API's answers come from a mocked transport: the point here is how the check reads them
(which ids exist, which are disabled). A connection that fails is a real one on loopback; the
whole check against the emulator runs in tests/integration.
"""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx

from checks.api_login import ApiLogin, Session
from checks.api_read import ApiRead
from checks.plan_references import PlanReferences
from flexcheck.core.context import Context, Options
from flexcheck.core.model import Deps, Result, Status
from flexcheck.credentials.api_user import ApiCredentials
from flexcheck.forticloud.api import Token
from flexcheck.forticloud.http import RetryPolicy
from flexcheck.secrets.secret import Secret
from flexcheck.terraform.plan import read_plan
from tests.checks.tf_support import CANARY, USER, assert_no_canary, change, plan_json
from tests.helpers import json_response, loopback_client, make_context

PROGRAM = "ELAVMR0000000001"
OTHER_PROGRAM = "ELAVMR0000000002"
CONFIGS = {
    PROGRAM: [
        {"id": 42, "status": "ACTIVE", "programSerialNumber": PROGRAM},
        {"id": 43, "status": "DISABLED", "programSerialNumber": PROGRAM},
    ],
    OTHER_PROGRAM: [{"id": 77, "status": "ACTIVE", "programSerialNumber": OTHER_PROGRAM}],
}
PROGRAMS = ({"serialNumber": PROGRAM}, {"serialNumber": OTHER_PROGRAM})
SESSION = Session(
    Token(Secret("tok-0123456789-abcdef"), 3600, "read write"),
    ApiCredentials(USER, Secret(CANARY), "the credential file"),
)


class Api:
    def __init__(
        self,
        configs: dict[str, list[dict[str, Any]]] | None = None,
        answer: dict[str, Any] | None = None,
    ) -> None:
        self.configs = CONFIGS if configs is None else configs
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path.endswith("/configs/list")
        serial = json.loads(request.content)["programSerialNumber"]
        self.asked.append(serial)
        if self.answer is not None:
            return json_response(200, self.answer)
        return json_response(
            200,
            {
                "status": 0,
                "message": "Request processed successfully.",
                "configs": self.configs.get(serial, []),
            },
        )


def run(*changes: dict[str, Any], api: Api | None = None, plan: bool = True) -> Result[None]:
    assert PlanReferences.id == "plan-references"
    assert PlanReferences.network is True
    assert ApiLogin in PlanReferences.requires
    document = read_plan(plan_json(*changes), "plan.json") if plan else None
    ctx = make_context(handler=api or Api(), plan_document=document)
    result = PlanReferences().run(ctx, Deps({"api-login": SESSION, "api-read": PROGRAMS}))
    assert_no_canary(result)
    return result


def vm(name: str, config_id: int, actions: list[str] | None = None) -> dict[str, Any]:
    return change(
        f"fortiflexvm_entitlements_vm.{name}",
        actions or ["create"],
        {"config_id": config_id, "count": 1},
    )


def test_without_a_plan_skips() -> None:
    result = run(plan=False)
    assert result.status is Status.SKIP
    assert "--plan" in result.summary


def test_without_references_skips() -> None:
    result = run(change("fortiflexvm_groups_list.g", ["read"], {}, mode="data"))
    assert result.status is Status.SKIP
    assert "no configuration id" in result.summary


def test_existing_active_config_passes_asking_every_program() -> None:
    api = Api()
    result = run(vm("web", 42), api=api)
    assert result.status is Status.PASS
    assert "1 configuration(s) exist and are active" in result.summary
    assert api.asked == [PROGRAM, OTHER_PROGRAM]


def test_referenced_program_is_asked_first_and_alone() -> None:
    api = Api()
    config = change(
        "fortiflexvm_config.c", ["update"], {"program_serial_number": PROGRAM, "config_id": 42}
    )
    result = run(config, vm("web", 42, ["update"]), api=api)
    assert result.status is Status.PASS
    assert api.asked == [PROGRAM]


def test_missing_config_fails_naming_id_and_address() -> None:
    result = run(vm("web", 42), vm("db", 999))
    assert result.status is Status.FAIL
    assert "configuration 999 (used by fortiflexvm_entitlements_vm.db) does not exist" in (
        result.summary
    )
    assert "fortiflexvm_configs_list" in result.hint


def test_disabled_config_fails_naming_id_and_address() -> None:
    result = run(vm("web", 43, ["no-op"]))
    assert result.status is Status.FAIL
    assert "configuration 43 (used by fortiflexvm_entitlements_vm.web) is DISABLED" in (
        result.summary
    )
    assert "Enable the configuration" in result.hint


def test_a_config_resource_may_manage_its_own_disabled_status() -> None:
    config = change(
        "fortiflexvm_config.c",
        ["update"],
        {"program_serial_number": PROGRAM, "config_id": 43, "status": "ACTIVE"},
    )
    assert run(config).status is Status.PASS


def test_missing_program_fails() -> None:
    config = change("fortiflexvm_config.c", ["create"], {"program_serial_number": "ELAVMR9"})
    result = run(config)
    assert result.status is Status.FAIL
    assert "program ELAVMR9 (used by fortiflexvm_config.c) is not in this account" in (
        result.summary
    )


def test_all_problems_are_in_details() -> None:
    result = run(vm("a", 43), vm("b", 998), vm("c", 999))
    assert result.summary.endswith("(and 2 more)")
    assert len(result.details) == 3


def test_deleted_resources_reference_nothing() -> None:
    result = run(change("fortiflexvm_entitlements_vm.old", ["delete"], None))
    assert result.status is Status.SKIP


def test_api_error_fails_with_the_message() -> None:
    api = Api(answer={"status": -1, "message": "Invalid security token."})
    result = run(vm("web", 42), api=api)
    assert result.status is Status.FAIL
    assert "configs/list for program" in result.summary
    assert "Invalid security token." in result.summary


def test_unreachable_api_is_a_network_failure() -> None:
    # A real refused connection on loopback (a port nobody listens on), not a mocked exception.
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    document = read_plan(plan_json(vm("web", 42)), "plan.json")
    options = Options(
        plan_document=document,
        auth_url=f"http://127.0.0.1:{port}/api/v1/oauth/token/",
        api_url=f"http://127.0.0.1:{port}/ES/api/fortiflex/v2/",
    )
    ctx = Context(options=options, env={}, http=loopback_client(options, retry=RetryPolicy(1)))
    result = PlanReferences().run(ctx, Deps({"api-login": SESSION, "api-read": PROGRAMS}))
    assert result.status is Status.FAIL
    assert result.network
    assert "list the configurations of program" in result.summary


def test_api_read_is_required_so_programs_list_is_not_asked_twice() -> None:
    assert ApiRead in PlanReferences.requires
