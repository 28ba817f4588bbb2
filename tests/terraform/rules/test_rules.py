"""The rules beyond ranges: blocks, types Terraform converts, entitlements, provider releases."""

from __future__ import annotations

from datetime import date

import pytest

from flexcheck.terraform.lockfile import ProviderVersion
from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.rules.describe import describe
from flexcheck.terraform.rules.evaluate import evaluate
from flexcheck.terraform.rules.findings import Severity
from flexcheck.terraform.rules.versions import pinned
from flexcheck.terraform.value_scope import Setting, unknown
from tests.terraform.rules.support import config, findings, resource, severity_of

OK, FAIL, WARN, UNKNOWN = Severity.OK, Severity.FAIL, Severity.WARN, Severity.UNKNOWN
PROGRAM = {"program_serial_number": "ELAVMS0000000001"}


@pytest.mark.parametrize(
    ("name", "value", "want"),
    [
        ("cpu_size", 2, OK),  # a number for a string parameter: Terraform converts it
        ("cpu_size", "2", OK),
        ("cpu_size", 2.0, OK),
        ("cpu_size", "2.5", FAIL),
        ("cpu_size", "two", FAIL),
        ("vdom_num", "10", OK),  # text for a number parameter: Terraform converts it too
        ("vdom_num", "ten", FAIL),
        ("vdom_num", True, FAIL),
        ("fortiguard_services", "FGTAVDB", FAIL),  # a list is required
        ("fortiguard_services", [], OK),  # sent as NONE
        ("service_pkg", "atp", FAIL),
    ],
)
def test_string_and_number_as_terraform_converts_them(
    name: str, value: object, want: Severity
) -> None:
    found = findings(config("FGT_VM_Bundle", **{name: value}))
    assert severity_of(found, f"fgt_vm_bundle.{name}") is want


def test_a_wrong_case_service_package_suggests_the_right_one() -> None:
    found = findings(config("FGT_VM_Bundle", service_pkg="atp"))
    assert 'did you mean "ATP"' in found[0].message


def test_number_choice_accepts_text_and_number() -> None:
    for value in (25, "25", 25.0):
        found = findings(config("FWBC_PUBLIC", average_throughput=value))
        assert severity_of(found, "fwbc_public.average_throughput") is OK


def test_unknown_product_type_fails_and_names_the_right_case() -> None:
    found = findings(resource("fortiflexvm_config", {"product_type": "FGT_VM_BUNDLE", **PROGRAM}))
    assert found[0].severity is FAIL
    assert "'FGT_VM_Bundle'" in found[0].message


def test_missing_product_block_fails_naming_required_parameters() -> None:
    found = findings(resource("fortiflexvm_config", {"product_type": "FAZ_VM", **PROGRAM}))
    assert severity_of(found, "faz_vm") is FAIL
    assert "daily_storage, adom_num, support_service" in found[0].message


def test_an_import_needs_no_block() -> None:
    values = {"product_type": "FAZ_VM", "config_id": 101, **PROGRAM}
    assert findings(resource("fortiflexvm_config", values)) == []


def test_the_empty_fortindr_block_of_the_docs_passes() -> None:
    assert findings(config("FORTINDR_CLOUD")) == []
    assert (
        findings(resource("fortiflexvm_config", {"product_type": "FORTINDR_CLOUD", **PROGRAM}))
        == []
    )


def test_a_block_of_another_product_is_ignored_and_said() -> None:
    found = findings(
        resource(
            "fortiflexvm_config",
            {"product_type": "FWB_VM", **PROGRAM},
            {"fwb_vm": {"cpu_size": "2", "service_pkg": "FWBSTD"}, "fmg_vm": {"adom_num": 1}},
        )
    )
    assert [(f.attribute, f.severity) for f in found] == [("fmg_vm", WARN)]
    assert "sends only the fwb_vm block" in found[0].message


def test_missing_required_parameter_and_unknown_parameter_fail() -> None:
    found = findings(
        resource(
            "fortiflexvm_config",
            {"product_type": "FWB_VM", **PROGRAM},
            {"fwb_vm": {"cpu_size": "2", "cpu": 2}},
        )
    )
    assert severity_of(found, "fwb_vm.service_pkg") is FAIL
    assert severity_of(found, "fwb_vm.cpu") is FAIL


def test_companion_rules() -> None:
    appsec = findings(config("FORTIAPPSEC", service_types=["UCWAF"]))
    assert severity_of(appsec, "fortiappsec.waf_service_pkg") is FAIL
    assert findings(config("FORTIAPPSEC", service_types=["UCGSLB"])) == []
    recon = findings(config("FORTIRECON", service_pkg="FRNEASMBPACI", executive_num=0))
    assert severity_of(recon, "fortirecon.executive_num") is FAIL
    assert findings(config("FORTIRECON", service_pkg="FRNEASM", executive_num=0)) == []


def test_config_status_only_active_or_disabled() -> None:
    bad = config("FMG_VM")
    bad = ResourceValues(
        **{**bad.__dict__, "settings": {**bad.settings, "status": Setting("STOPPED")}}
    )
    assert severity_of(findings(bad), "status") is FAIL


def test_values_not_known_before_apply_are_skipped_politely() -> None:
    from_var = unknown("var.cpus has no default and nothing here sets it", 7)
    found = findings(config("FGT_VM_Bundle", cpu_size=from_var))
    assert [(f.attribute, f.severity) for f in found] == [("fgt_vm_bundle.cpu_size", UNKNOWN)]
    assert "not checked: var.cpus has no default" in found[0].text()


def _vm(**values: object) -> ResourceValues:
    return resource("fortiflexvm_entitlements_vm", {"config_id": 101, **values})


@pytest.mark.parametrize(
    ("values", "attribute", "want"),
    [
        ({"end_date": "2027-01-31T00:00:00"}, "end_date", OK),
        ({"end_date": "2027-01-31"}, "end_date", OK),
        ({"end_date": "2026-12-01"}, "end_date", OK),  # today is allowed
        ({"end_date": "2026-11-30T23:59:59"}, "end_date", FAIL),
        ({"end_date": "31/01/2027"}, "end_date", FAIL),
        ({"status": "ACTIVE"}, "status", OK),
        ({"status": "PENDING"}, "status", FAIL),
        ({"serial_number": "FGVMMLTM23001273"}, "serial_number", OK),
        ({"serial_number": "FGVM.123"}, "serial_number", FAIL),
        ({"serial_number": "fgvm-1"}, "serial_number", WARN),
        ({"skip_pending": True}, "skip_pending", WARN),
        ({"skip_pending": False}, "skip_pending", OK),
        ({"account_id": 5}, "account_id", FAIL),
        ({"count": 2}, "count", OK),
        ({"folder": "x"}, "folder", FAIL),
    ],
)
def test_vm_entitlement_rules(values: dict[str, object], attribute: str, want: Severity) -> None:
    assert severity_of(findings(_vm(**values)), attribute) is want


def test_entitlement_needs_config_id_and_hardware_its_serial() -> None:
    found = findings(resource("fortiflexvm_entitlements_hardware", {}))
    assert severity_of(found, "config_id") is FAIL
    assert severity_of(found, "serial_number") is FAIL


def test_hardware_end_date_without_zone_warns_about_updates() -> None:
    values = {"config_id": 1, "serial_number": "FGT60FTK00000000"}
    naive = findings(
        resource("fortiflexvm_entitlements_hardware", {**values, "end_date": "2027-01-01T00:00:00"})
    )
    assert severity_of(naive, "end_date") is WARN
    zoned = findings(
        resource(
            "fortiflexvm_entitlements_hardware", {**values, "end_date": "2027-01-01T00:00:00Z"}
        )
    )
    assert severity_of(zoned, "end_date") is OK


def test_an_entitlement_on_a_configuration_of_another_kind_fails() -> None:
    hw = resource(
        "fortiflexvm_config",
        {"product_type": "FGT_HW", **PROGRAM},
        {"fgt_hw": {"device_model": "FGT60F", "service_pkg": "FGHWFC247"}},
        name="hw",
    )
    ref = unknown("comes from fortiflexvm_config.hw, known after apply", 3, "fortiflexvm_config.hw")
    vm = resource("fortiflexvm_entitlements_vm", {"config_id": ref})
    found = findings(hw, vm)
    assert [(f.attribute, f.severity) for f in found] == [("config_id", FAIL)]
    assert "a hardware configuration (FGT_HW)" in found[0].message
    fitting = resource(
        "fortiflexvm_entitlements_hardware", {"config_id": ref, "serial_number": "FGT60FTK00000000"}
    )
    assert findings(hw, fitting) == []


def test_the_plan_value_replaces_the_files_guess_and_keeps_the_line() -> None:
    written = config("FGT_VM_Bundle", vdom_num=unknown("var.v has no default", 12))
    planned = resource(
        "fortiflexvm_config",
        {"product_type": "FGT_VM_Bundle", **PROGRAM},
        {"fgt_vm_bundle": {"cpu_size": "1", "service_pkg": "FC", "vdom_num": 900}},
        origin="plan",
    )
    planned = ResourceValues(
        **{**planned.__dict__, "file": None, "line": None, "plan_address": "fortiflexvm_config.r"}
    )
    found = evaluate([written], [planned], None, date(2026, 12, 1))
    assert [(f.attribute, f.severity) for f in found] == [("fgt_vm_bundle.vdom_num", FAIL)]
    assert found[0].line == 12
    assert found[0].text().startswith("main.tf:12: fortiflexvm_config.r:")


@pytest.mark.parametrize(
    ("lock", "constraint", "named"),
    [
        ("2.4.1", None, "product_type"),
        (None, "2.4.1", "product_type"),
        (None, "~> 2.3.0", "product_type"),
        (None, ">= 2.0", None),
        ("2.4.3", None, None),
    ],
)
def test_a_product_type_newer_than_the_pinned_provider_is_named(
    lock: str | None, constraint: str | None, named: str | None
) -> None:
    pin = pinned(ProviderVersion(lock, constraint, ".terraform.lock.hcl", 2))
    found = evaluate([config("FORTIMAIL_VM")], [], pin, date(2026, 12, 1))
    attributes = [f.attribute for f in found]
    assert attributes == ([named] if named else [])
    if named:
        assert "needs provider 2.4.2 or later" in found[0].message


def test_a_resource_type_and_argument_newer_than_the_pin_are_named() -> None:
    pin = pinned(ProviderVersion("2.1.0", None, ".terraform.lock.hcl", 2))
    cloud = resource("fortiflexvm_entitlements_cloud", {"config_id": 1})
    vm = resource("fortiflexvm_entitlements_vm", {"config_id": 1, "skip_pending": False})
    found = evaluate([cloud, vm], [], pin, date(2026, 12, 1))
    messages = {f.attribute: f.message for f in found}
    assert (
        "needs provider 2.2.0 or later; 2.1.0 is locked"
        in messages["fortiflexvm_entitlements_cloud"]
    )
    assert "needs provider 2.3.2 or later" in messages["skip_pending"]


def test_an_unknown_resource_type_fails() -> None:
    found = findings(resource("fortiflexvm_entitlement_vm", {}))
    assert found[0].severity is FAIL
    assert "is not a resource type" in found[0].message


def test_the_description_lists_every_product_and_its_page() -> None:
    text = describe()
    assert "FGT_VM_Bundle (block fgt_vm_bundle" in text
    assert "* cpu_size: 1-96" in text
    assert "* daily_storage: 5-8300" in text
    assert "website/docs/r/fortiflexvm_config.html.markdown" in text
    assert "2.4.3" in text


@pytest.mark.parametrize(
    ("constraint", "version"),
    [
        ("~> 2.3.0", "2.3.4"),
        ("~> 2.3", None),  # allows the newest release: nothing is missing
        (">= 2.0, < 2.4", "2.3.4"),
        ("<= 2.2.1", "2.2.1"),
        ("!= 2.4.3, < 2.5", "2.4.2"),
        ("= 2.1.0", "2.1.0"),
    ],
)
def test_a_constraint_gets_the_newest_release_it_allows(
    constraint: str, version: str | None
) -> None:
    pin = pinned(ProviderVersion(None, constraint, "versions.tf", 2))
    assert (pin.version if pin else None) == version


def test_a_second_entitlement_of_the_same_cloud_product_warns() -> None:
    sase = {"users": 50, "service_pkg": "FSASESTD", "bandwidth": 25, "dedicated_ips": 4}
    cfg = resource(
        "fortiflexvm_config",
        {"product_type": "FORTISASE", **PROGRAM},
        {"fortisase": sase},
        name="s",
    )
    ref = unknown("comes from fortiflexvm_config.s, known after apply", 3, "fortiflexvm_config.s")
    one = resource("fortiflexvm_entitlements_cloud", {"config_id": ref}, name="one")
    two = resource("fortiflexvm_entitlements_cloud", {"config_id": ref}, name="two")
    assert findings(cfg, one) == []
    found = findings(cfg, one, two)
    assert [(f.resource.name, f.severity) for f in found] == [("two", WARN)]
    assert "after fortiflexvm_entitlements_cloud.one" in found[0].message
