"""Every product type's parameters, a value just inside and just outside what the docs allow.

The expectations are written out by hand from the provider's 2.4.3 documentation, not read from
the rules table, so a wrong entry in the table makes a test fail.
"""

from __future__ import annotations

from typing import Any

import pytest

from flexcheck.terraform.rules.catalog import BY_TYPE, PRODUCTS
from flexcheck.terraform.rules.findings import Severity
from flexcheck.terraform.rules.model import Kind
from tests.terraform.rules.support import config, findings, severity_of

OK, FAIL, WARN = Severity.OK, Severity.FAIL, Severity.WARN

# product type -> [(parameter, value, expected severity)]
EXPECTED: dict[str, list[tuple[str, Any, Severity]]] = {
    "FGT_VM_Bundle": [
        ("cpu_size", 1, OK), ("cpu_size", 0, FAIL), ("cpu_size", 96, OK), ("cpu_size", 97, FAIL),
        ("service_pkg", "ATP", OK), ("service_pkg", "UTM", FAIL),
        ("vdom_num", 0, OK), ("vdom_num", -1, FAIL), ("vdom_num", 500, OK), ("vdom_num", 501, FAIL),
        ("fortiguard_services", ["FGTAVDB", "FGTFGSA"], OK), ("fortiguard_services", ["IPS"], FAIL),
        ("fortiguard_services", ["FGTFCSS"], WARN),
        ("cloud_services", ["FGTFSPA"], OK), ("cloud_services", ["FAMS"], FAIL),
        ("support_service", "FGTFCELU", OK), ("support_service", "FC247", FAIL),
    ],
    "FMG_VM": [
        ("managed_dev", 1, OK), ("managed_dev", 0, FAIL),
        ("managed_dev", 100000, OK), ("managed_dev", 100001, FAIL),
        ("adom_num", 0, OK), ("adom_num", -1, FAIL), ("adom_num", 100000, OK),
        ("adom_num", 100001, FAIL),
    ],
    "FWB_VM": [
        ("cpu_size", "16", OK), ("cpu_size", "3", FAIL), ("cpu_size", "32", FAIL),
        ("service_pkg", "FWBENT", OK), ("service_pkg", "FWBPRO", FAIL),
    ],
    "FGT_VM_LCS": [
        ("cpu_size", "1", OK), ("cpu_size", "0", FAIL), ("cpu_size", "96", OK),
        ("cpu_size", "97", FAIL), ("support_service", "ASET", OK),
        ("support_service", "FGTFCELU", FAIL), ("vdom_num", 0, OK), ("vdom_num", 501, FAIL),
        ("fortiguard_services", ["IPS", "FAIS"], OK), ("fortiguard_services", ["FGTAVDB"], FAIL),
        ("cloud_services", ["AFAC"], OK), ("cloud_services", ["FGTFAMS"], FAIL),
    ],
    "FC_EMS_OP": [
        ("ztna_num", 0, OK), ("ztna_num", 24, FAIL), ("ztna_num", 25, OK),
        ("ztna_num", 25000, OK), ("ztna_num", 25001, FAIL), ("epp_ztna_num", 1, FAIL),
        ("epp_ztna_num", 25, OK),
        ("chromebook", 25000, OK), ("chromebook", 25001, FAIL),
        ("support_service", "FCTFC247", OK), ("support_service", "FC247", FAIL),
        ("addons", ["BPS"], OK), ("addons", ["EPP"], FAIL),
    ],
    "FAZ_VM": [
        ("daily_storage", 5, OK), ("daily_storage", 4, FAIL), ("daily_storage", 8300, OK),
        ("daily_storage", 8301, FAIL), ("adom_num", 0, OK), ("adom_num", 1200, OK),
        ("adom_num", 1201, FAIL), ("support_service", "FAZFC247", OK),
        ("support_service", "FC247", FAIL), ("addons", ["FAZAISN"], OK), ("addons", ["X"], FAIL),
    ],
    "FPC_VM": [
        ("managed_dev", 0, OK), ("managed_dev", -1, FAIL), ("managed_dev", 100000, OK),
        ("managed_dev", 100001, FAIL),
    ],
    "FAD_VM": [
        ("cpu_size", "32", OK), ("cpu_size", "64", FAIL), ("service_pkg", "FDVAI", OK),
        ("service_pkg", "FDVSTD", FAIL),
    ],
    "FORTISOAR_VM": [
        ("service_pkg", "FSRR", OK), ("service_pkg", "FSRX", FAIL),
        ("additional_users_license", 0, OK), ("additional_users_license", 1000, OK),
        ("additional_users_license", 1001, FAIL), ("additional_users_license", -1, FAIL),
        ("addons", ["FSRTIMS"], OK), ("addons", ["BPS"], FAIL),
    ],
    "FORTIMAIL_VM": [
        ("cpu_size", "16", OK), ("cpu_size", "32", WARN), ("cpu_size", "64", FAIL),
        ("service_pkg", "FMLATP", OK), ("service_pkg", "FMLPRO", FAIL),
        ("addons", ["FMLFEEC"], OK), ("addons", ["FMLX"], FAIL),
    ],
    "FORTINAC_VM": [
        ("service_pkg", "FNCPRO", OK), ("service_pkg", "FNCBASE", FAIL),
        ("endpoints", 25, OK), ("endpoints", 24, FAIL), ("endpoints", 100000, OK),
        ("endpoints", 100001, FAIL), ("support_service", "FCTFC247", OK),
        ("support_service", "FC247", FAIL),
    ],
    "FGT_HW": [
        ("device_model", "FGT60F", OK), ("device_model", "FGT999Z", WARN),
        ("service_pkg", "FGHWFCESN", OK), ("service_pkg", "FGHWX", FAIL),
        ("addons", ["FGHWFSFG"], OK), ("addons", ["FGHWFCSS"], WARN), ("addons", ["X"], FAIL),
    ],
    "FAP_HW": [
        ("device_model", "FP231E", OK), ("device_model", "FP999X", WARN),
        ("service_pkg", "FAPHWFCEL", OK), ("service_pkg", "FGHWFC247", FAIL),
        ("addons", ["FAPHWFSFG"], OK), ("addons", ["FGHWFSFG"], FAIL),
    ],
    "FSW_HW": [
        ("device_model", "SR24FP", OK), ("device_model", "S999XX", WARN),
        ("service_pkg", "FSWHWFC247", OK), ("service_pkg", "FSWHWX", FAIL),
    ],
    "FWBC_PRIVATE": [
        ("average_throughput", 10, OK), ("average_throughput", 11, FAIL),
        ("average_throughput", 10000, OK), ("average_throughput", 10500, FAIL),
        ("web_applications", 1, OK), ("web_applications", 0, FAIL),
        ("web_applications", 5000, OK), ("web_applications", 5001, FAIL),
    ],
    "FWBC_PUBLIC": [
        ("average_throughput", 25, OK), ("average_throughput", 10, FAIL),
        ("average_throughput", 9500, OK), ("average_throughput", 9600, FAIL),
        ("web_applications", 5000, OK), ("web_applications", 5001, FAIL),
    ],
    "FC_EMS_CLOUD": [
        ("ztna_num", 0, OK), ("ztna_num", 24, FAIL), ("ztna_fgf_num", 25, OK),
        ("ztna_fgf_num", 25001, FAIL), ("epp_ztna_fgf_num", 0, OK), ("chromebook", 25000, OK),
        ("epp_ztna_num", 25000, OK), ("epp_ztna_num", 25001, FAIL),
        ("epp_ztna_fgf_num", 30, WARN), ("chromebook", 25025, FAIL),
        ("addons", ["BPS"], OK), ("addons", ["FEDRXDR"], FAIL),
    ],
    "FORTISASE": [
        ("users", 50, OK), ("users", 49, FAIL), ("users", 50000, OK), ("users", 50001, FAIL),
        ("service_pkg", "FSASECOM", OK), ("service_pkg", "FSASEENT", FAIL),
        ("bandwidth", 25, OK), ("bandwidth", 24, FAIL), ("bandwidth", 10000, OK),
        ("bandwidth", 10001, FAIL), ("dedicated_ips", 4, OK), ("dedicated_ips", 3, FAIL),
        ("dedicated_ips", 65534, OK), ("dedicated_ips", 65535, FAIL),
        ("additional_compute_region", 16, OK), ("additional_compute_region", 17, FAIL),
        ("locations", 0, OK), ("locations", 8, OK), ("locations", 9, FAIL),
    ],
    "FORTIEDR": [
        ("service_pkg", "FEDRPDR", OK), ("service_pkg", "FEDRXDR", FAIL),
        ("endpoints", 10, FAIL), ("addons", ["FEDRXDR"], OK), ("addons", ["BPS"], FAIL),
        ("repository_storage", 0, OK), ("repository_storage", 30720, OK),
        ("repository_storage", 30721, FAIL),
    ],
    "FORTINDR_CLOUD": [("metered_usage", 1, FAIL)],
    "FORTIRECON": [
        ("service_pkg", "FRNEASMBPACI", OK), ("service_pkg", "FRNEASMX", FAIL),
        ("asset_num", 200, OK), ("asset_num", 150, FAIL), ("asset_num", 1000000, OK),
        ("asset_num", 1000050, FAIL), ("asset_num", 225, FAIL),
        ("network_num", 100, OK), ("network_num", 101, FAIL),
        ("executive_num", 1000, OK), ("executive_num", 1001, FAIL),
        ("vendor_num", 0, OK), ("vendor_num", 1001, FAIL),
    ],
    "SIEM_CLOUD": [
        ("compute_units", 10, OK), ("compute_units", 0, FAIL), ("compute_units", 600, OK),
        ("compute_units", 610, FAIL), ("compute_units", 15, FAIL),
        ("additional_online_storage", 500, OK), ("additional_online_storage", 0, FAIL),
        ("additional_online_storage", 60000, OK), ("additional_online_storage", 60500, FAIL),
        ("archive_storage", 0, OK), ("archive_storage", 60000, OK),
        ("archive_storage", 60500, FAIL), ("archive_storage", 250, FAIL),
    ],
    "FORTIAPPSEC": [
        ("service_types", ["UCWAF", "UCGSLB"], OK), ("service_types", ["WAF"], FAIL),
        ("waf_service_pkg", "UCWAFENT", OK), ("waf_service_pkg", "UCWAFPRO", FAIL),
        ("waf_addons", ["UCSOCA"], OK), ("waf_addons", ["BPS"], FAIL),
        ("throughput", 1, FAIL), ("applications", 1, FAIL), ("qps", 1, FAIL),
        ("health_checks", 1, FAIL),
    ],
    "FORTIDLP": [
        ("service_pkg", "DLPENTP", OK), ("service_pkg", "DLPPRO", FAIL),
        ("endpoints", 25, OK), ("endpoints", 24, FAIL), ("endpoints", 100000, OK),
        ("endpoints", 100001, FAIL), ("addons", ["BPS"], OK), ("addons", ["UCSOCA"], FAIL),
    ],
}  # fmt: skip

CASES = [(p, name, value, want) for p, cases in EXPECTED.items() for name, value, want in cases]


def test_every_product_type_of_the_provider_is_covered() -> None:
    assert len(PRODUCTS) == 24
    assert set(EXPECTED) == set(BY_TYPE)


@pytest.mark.parametrize("product_type", sorted(EXPECTED))
def test_every_ranged_parameter_is_tried_inside_and_outside(product_type: str) -> None:
    tried = {name for name, _, _ in EXPECTED[product_type]}
    assert tried == {p.name for p in BY_TYPE[product_type].params}
    for param in BY_TYPE[product_type].params:
        outcomes = {want for name, _, want in EXPECTED[product_type] if name == param.name}
        assert FAIL in outcomes or WARN in outcomes, f"{param.name} is never tried outside"
        if param.kind is not Kind.READ_ONLY:
            assert OK in outcomes, f"{param.name} is never tried inside"


@pytest.mark.parametrize(("product_type", "name", "value", "want"), CASES)
def test_value_against_the_docs(product_type: str, name: str, value: Any, want: Severity) -> None:
    resource = config(product_type, **{name: value})
    found = findings(resource)
    block = BY_TYPE[product_type].block
    assert severity_of(found, f"{block}.{name}") is want
    if want is not OK:
        finding = next(f for f in found if f.attribute == f"{block}.{name}")
        assert finding.line == 10
        assert finding.allowed  # the allowed values are always named
        assert "fortiflexvm_config.r" in finding.text()
