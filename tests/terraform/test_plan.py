"""read_plan and what a plan asks of the FortiFlex API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flexcheck.terraform.plan import (
    ConfigIdReference,
    PlanError,
    SerialReference,
    fortiflex_reads,
    fortiflex_writes,
    plan_references,
    read_plan,
)

PROVIDER = "registry.terraform.io/fortinetdev/fortiflexvm"


def change(
    address: str,
    actions: list[str],
    *,
    mode: str = "managed",
    provider: str | None = PROVIDER,
    after: dict[str, Any] | None = None,
) -> dict[str, Any]:
    kind, _, name = address.removeprefix("data.").partition(".")
    entry: dict[str, Any] = {
        "address": address,
        "mode": mode,
        "type": kind,
        "name": name,
        "change": {"actions": actions, "before": None, "after": after},
    }
    if provider is not None:
        entry["provider_name"] = provider
    return entry


def plan_bytes(*changes: dict[str, Any]) -> bytes:
    document = {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "planned_values": {"root_module": {}},
        "resource_changes": list(changes),
        "configuration": {"provider_config": {"fortiflexvm": {"name": "fortiflexvm"}}},
    }
    return json.dumps(document).encode()


MIXED = plan_bytes(
    change("fortiflexvm_entitlements_vm.web", ["create"]),
    change("fortiflexvm_config.web", ["update"]),
    change("fortiflexvm_entitlements_vm.old", ["delete"]),
    change("fortiflexvm_entitlements_hardware.fgt", ["delete", "create"]),
    change("fortiflexvm_config.swap", ["create", "delete"]),
    change("fortiflexvm_config.same", ["no-op"]),
    change("data.fortiflexvm_configs_list.all", ["read"], mode="data"),
    change("data.fortiflexvm_programs_list.p", ["no-op"], mode="data"),
    change("aws_instance.vm", ["create"], provider="registry.terraform.io/hashicorp/aws"),
    change("fortiflexvm_config.legacy", ["update"], provider=None),
    change("fortiflexvm_config.forgotten", ["forget"]),
)


def test_writes_are_exactly_create_update_delete_and_replace_of_the_provider() -> None:
    writes = fortiflex_writes(read_plan(MIXED, "plan.json"))
    assert [str(w) for w in writes] == [
        "fortiflexvm_entitlements_vm.web: create",
        "fortiflexvm_config.web: update",
        "fortiflexvm_entitlements_vm.old: delete",
        "fortiflexvm_entitlements_hardware.fgt: delete, create",
        "fortiflexvm_config.swap: create, delete",
        "fortiflexvm_config.legacy: update",
    ]


def test_reads_are_the_provider_data_sources() -> None:
    reads = fortiflex_reads(read_plan(MIXED, "plan.json"))
    assert [r.address for r in reads] == [
        "data.fortiflexvm_configs_list.all",
        "data.fortiflexvm_programs_list.p",
    ]


def test_plan_fields_are_kept() -> None:
    plan = read_plan(MIXED, "plan.json")
    assert plan.terraform_version == "1.9.5"
    first = plan.resource_changes[0]
    assert (first.mode, first.type, first.name, first.provider_name) == (
        "managed",
        "fortiflexvm_entitlements_vm",
        "web",
        PROVIDER,
    )
    assert plan.resource_changes[3].actions == ("delete", "create")


def test_other_provider_with_fortiflex_like_type_is_not_counted() -> None:
    plan = read_plan(
        plan_bytes(
            change("fortiflexvm_config.x", ["create"], provider="example.com/acme/fortiflexvm")
        ),
        "p.json",
    )
    assert fortiflex_writes(plan) == ()


def test_plan_without_changes_has_no_writes() -> None:
    document = {"format_version": "1.2", "planned_values": {}}
    plan = read_plan(json.dumps(document).encode(), "p.json")
    assert plan.resource_changes == ()
    assert plan.terraform_version is None


def test_references_collects_config_ids_and_serials_with_addresses() -> None:
    data = plan_bytes(
        change(
            "fortiflexvm_entitlements_vm.web",
            ["create"],
            after={"config_id": 42, "nested": [{"configId": "7"}], "count": 3},
        ),
        change(
            "fortiflexvm_config.c", ["update"], after={"program_serial_number": "ELAVMS0000003536"}
        ),
        change(
            "data.fortiflexvm_configs_list.l",
            ["read"],
            mode="data",
            after={"programSerialNumber": "ELAVMS1"},
        ),
        change("fortiflexvm_entitlements_vm.bad", ["create"], after={"config_id": "abc"}),
        change("fortiflexvm_entitlements_vm.flag", ["create"], after={"config_id": True}),
        change("other_thing.x", ["create"], provider="hashicorp/null", after={"config_id": 99}),
    )
    refs = plan_references(read_plan(data, "p.json"))
    assert refs.config_ids == (
        ConfigIdReference(42, "fortiflexvm_entitlements_vm.web"),
        ConfigIdReference(7, "fortiflexvm_entitlements_vm.web"),
    )
    assert refs.program_serial_numbers == (
        SerialReference("ELAVMS0000003536", "fortiflexvm_config.c"),
        SerialReference("ELAVMS1", "data.fortiflexvm_configs_list.l"),
    )


def test_planned_values_never_appear_in_repr() -> None:
    data = plan_bytes(change("fortiflexvm_config.c", ["create"], after={"token": "tok-SECRET-123"}))
    plan = read_plan(data, "p.json")
    assert "tok-SECRET-123" not in repr(plan)
    assert plan.resource_changes[0].after == {"token": "tok-SECRET-123"}


def test_binary_plan_says_how_to_convert() -> None:
    with pytest.raises(PlanError) as caught:
        read_plan(b"PK\x03\x04rest-of-zip", "tfplan")
    assert "terraform show -json tfplan > plan.json" in caught.value.message


@pytest.mark.parametrize(
    "document",
    [
        {"version": 4, "terraform_version": "1.9.5", "serial": 3, "lineage": "x", "resources": []},
        {"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {}}},
    ],
    ids=["state-file", "show-json-of-state"],
)
def test_state_is_recognised(document: dict[str, Any]) -> None:
    with pytest.raises(PlanError) as caught:
        read_plan(json.dumps(document).encode(), "terraform.tfstate")
    assert "is Terraform state, not a plan" in caught.value.message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"hello": 1}', "not a plan"),
        (b"[1, 2]", "this is a list"),
        (b"{not json", "invalid JSON (line 1"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"1" * 5000, "cannot be read"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"resource_changes": {}}', "`resource_changes` is not a list"),
        (b'{"resource_changes": [{"address": "a"}]}', "resource_changes[0]: `mode`"),
        (
            b'{"resource_changes": [{"address": "a", "mode": "managed", "type": "t", '
            b'"name": "n", "change": {"actions": "create"}}]}',
            "`change.actions` is not a list",
        ),
    ],
)
def test_other_input_gives_a_clear_message(data: bytes, expected: str) -> None:
    with pytest.raises(PlanError) as caught:
        read_plan(data, "x.json")
    assert expected in caught.value.message
    assert caught.value.message.startswith("x.json")


def test_oversized_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flexcheck.terraform.plan.MAX_PLAN_BYTES", 10)
    with pytest.raises(PlanError, match="larger than"):
        read_plan(plan_bytes(), "big.json")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_plan_error(data: bytes) -> None:
    message = ""
    try:
        read_plan(data, "fuzz.json")
    except PlanError as e:
        message = e.message
    assert message.startswith("fuzz.json") or data.lstrip()[:1] == b"{"


plan_keys = st.sampled_from(
    [
        "resource_changes",
        "planned_values",
        "change",
        "actions",
        "address",
        "mode",
        "type",
        "name",
        "after",
        "config_id",
        "provider_name",
    ]
)
# Any JSON, with a plan's keys mixed in at every depth. One recursive strategy, not a recursive
# one nested in another: the same documents, drawn in half the time (2.3 s to 1 s).
plan_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.dictionaries(plan_keys, inner, max_size=5)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        | st.lists(inner, max_size=3)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(plan_keys, plan_like, max_size=4))
def test_arbitrary_plan_shaped_json_raises_only_plan_error(document: dict[str, Any]) -> None:
    try:
        plan = read_plan(json.dumps(document).encode(), "fuzz.json")
    except PlanError:
        return
    fortiflex_writes(plan)
    fortiflex_reads(plan)
    plan_references(plan)
