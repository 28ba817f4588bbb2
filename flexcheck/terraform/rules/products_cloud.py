"""The cloud-service product types of `fortiflexvm_config` (served by cloud entitlements)."""

from __future__ import annotations

from flexcheck.terraform.rules.model import Category, Kind, Param, Product

W, C, L, RO = Kind.WHOLE, Kind.CHOICE, Kind.LIST, Kind.READ_ONLY
CLOUD = Category.CLOUD

# Mbps; the public tier lost 10 in the 2.4.2 docs.
_LOW_THROUGHPUT = (25, 50, 75, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900)
THROUGHPUT_PUBLIC: tuple[str, ...] = tuple(
    str(n) for n in (*_LOW_THROUGHPUT, *range(1000, 10001, 500))
)
THROUGHPUT_PRIVATE: tuple[str, ...] = ("10", *THROUGHPUT_PUBLIC)


def _ems(name: str, api_id: int) -> Param:
    # ENT_CLOUD's example also asks for multiples of 25; the config page does not: warn only.
    return Param(
        name,
        W,
        api_id,
        required=True,
        low=25,
        high=25000,
        zero_allowed=True,
        step=25,
        step_doubtful=True,
    )


CLOUD_PRODUCTS: tuple[Product, ...] = (
    Product(
        "FWBC_PRIVATE",
        "fwbc_private",
        "FortiWeb Cloud, private",
        202,
        CLOUD,
        "2.1.0",
        (
            Param("average_throughput", C, 32, required=True, allowed=THROUGHPUT_PRIVATE),
            Param("web_applications", W, 33, required=True, low=1, high=5000),
        ),
    ),
    Product(
        "FWBC_PUBLIC",
        "fwbc_public",
        "FortiWeb Cloud, public",
        203,
        CLOUD,
        "2.1.0",
        (
            Param("average_throughput", C, 34, required=True, allowed=THROUGHPUT_PUBLIC),
            Param("web_applications", W, 35, required=True, low=1, high=5000),
        ),
    ),
    Product(
        "FC_EMS_CLOUD",
        "fc_ems_cloud",
        "FortiClient EMS cloud",
        204,
        CLOUD,
        "2.2.0",
        (
            _ems("ztna_num", 37),
            _ems("ztna_fgf_num", 38),
            _ems("epp_ztna_num", 39),
            _ems("epp_ztna_fgf_num", 40),
            _ems("chromebook", 41),
            Param("addons", L, 42, allowed=("BPS",)),
        ),
    ),
    Product(
        "FORTISASE",
        "fortisase",
        "FortiSASE",
        205,
        CLOUD,
        "2.3.1",
        (
            Param("users", W, 48, required=True, low=50, high=50000),
            Param(
                "service_pkg", C, 49, required=True, allowed=("FSASESTD", "FSASEADV", "FSASECOM")
            ),
            Param("bandwidth", W, 50, required=True, low=25, high=10000, note="Mbps"),
            Param("dedicated_ips", W, 51, required=True, low=4, high=65534),
            Param(
                "additional_compute_region", W, 59, low=0, high=16, no_decrease=True, since="2.3.3"
            ),
            Param("locations", W, 72, low=0, high=8, no_decrease=True, since="2.4.2"),
        ),
    ),
    Product(
        "FORTIEDR",
        "fortiedr",
        "FortiEDR MSSP",
        206,
        CLOUD,
        "2.3.1",
        (
            Param("service_pkg", C, 46, required=True, allowed=("FEDRPDR",)),
            Param("endpoints", RO, 47),
            Param("addons", L, 52, allowed=("FEDRXDR",)),
            Param("repository_storage", W, 76, low=0, high=30720, since="2.4.2"),
        ),
    ),
    Product(
        "FORTINDR_CLOUD",
        "fortindr_cloud",
        "FortiNDR cloud",
        207,
        CLOUD,
        "2.4.2",
        (Param("metered_usage", RO, 60),),
        note="nothing to set: the docs use an empty block",
    ),
    Product(
        "FORTIRECON",
        "fortirecon",
        "FortiRecon",
        208,
        CLOUD,
        "2.3.4",
        (
            Param(
                "service_pkg",
                C,
                61,
                required=True,
                allowed=("FRNEASM", "FRNEASMBP", "FRNEASMBPACI"),
            ),
            Param("asset_num", W, 62, required=True, low=200, high=1000000, step=50),
            Param("network_num", W, 63, low=0, high=100),
            Param(
                "executive_num",
                W,
                64,
                low=0,
                high=1000,
                zero_only_with=("service_pkg", ("FRNEASM", "FRNEASMBP")),
            ),
            Param(
                "vendor_num",
                W,
                65,
                low=0,
                high=1000,
                zero_only_with=("service_pkg", ("FRNEASM", "FRNEASMBP")),
            ),
        ),
    ),
    Product(
        "SIEM_CLOUD",
        "siem_cloud",
        "FortiSIEM cloud",
        209,
        CLOUD,
        "2.3.3",
        (
            Param("compute_units", W, 66, required=True, low=10, high=600, step=10),
            Param(
                "additional_online_storage",
                W,
                67,
                required=True,
                low=500,
                high=60000,
                step=500,
                no_decrease=True,
            ),
            Param("archive_storage", W, 68, low=0, high=60000, step=500, no_decrease=True),
        ),
    ),
    Product(
        "FORTIAPPSEC",
        "fortiappsec",
        "FortiAppSec",
        211,
        CLOUD,
        "2.4.3",
        (
            Param("service_types", L, 82, allowed=("UCWAF", "UCGSLB")),
            Param(
                "waf_service_pkg",
                C,
                83,
                allowed=("UCWAFSTD", "UCWAFADV", "UCWAFENT"),
                required_if=("service_types", "UCWAF"),
                no_decrease=True,
            ),
            Param("waf_addons", L, 84, allowed=("UCSOCA",)),
            Param("throughput", RO, 85),
            Param("applications", RO, 86),
            Param("qps", RO, 87),
            Param("health_checks", RO, 88),
        ),
    ),
    Product(
        "FORTIDLP",
        "fortidlp",
        "FortiDLP",
        212,
        CLOUD,
        "2.4.3",
        (
            Param("service_pkg", C, 90, required=True, allowed=("DLPSTD", "DLPENT", "DLPENTP")),
            Param("endpoints", W, 91, required=True, low=25, high=100000),
            Param("addons", L, 92, allowed=("BPS",), note="once on, BPS stays on for 90 days"),
        ),
    ),
)
