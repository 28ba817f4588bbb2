"""The virtual-machine product types of `fortiflexvm_config` (served by VM entitlements)."""

from __future__ import annotations

from flexcheck.terraform.rules.model import Category, Kind, Param, Product

W, C, L = Kind.WHOLE, Kind.CHOICE, Kind.LIST
VM = Category.VM

VM_PRODUCTS: tuple[Product, ...] = (
    Product(
        "FGT_VM_Bundle",
        "fgt_vm_bundle",
        "FortiGate VM, service bundle",
        1,
        VM,
        "1.0.0",
        (
            Param("cpu_size", W, 1, required=True, low=1, high=96, schema_text=True),
            Param("service_pkg", C, 2, required=True, allowed=("FC", "UTP", "ENT", "ATP")),
            Param("vdom_num", W, 10, low=0, high=500),
            Param(
                "fortiguard_services",
                L,
                43,
                allowed=("FGTAVDB", "FGTFAIS", "FGTISSS", "FGTDLDB", "FGTFGSA"),
                doubtful=("FGTFCSS",),
                since="2.2.0",
                note="FGTFCSS is still in some examples but no longer in the argument list",
            ),
            Param(
                "cloud_services",
                L,
                44,
                allowed=("FGTFAMS", "FGTSWNM", "FGTSOCA", "FGTFAZC", "FGTSWOS", "FGTFSPA"),
                since="2.2.0",
            ),
            Param(
                "support_service",
                C,
                45,
                allowed=("NONE", "FGTFCELU"),
                since="2.2.0",
                note='the provider sends an empty value as "NONE"',
            ),
        ),
    ),
    Product(
        "FMG_VM",
        "fmg_vm",
        "FortiManager VM",
        2,
        VM,
        "1.0.0",
        (
            Param("managed_dev", W, 30, low=1, high=100000),
            Param("adom_num", W, 9, low=0, high=100000, note="1-100000 before the 2.4.2 docs"),
        ),
    ),
    Product(
        "FWB_VM",
        "fwb_vm",
        "FortiWeb VM, service bundle",
        3,
        VM,
        "1.0.0",
        (
            Param("cpu_size", C, 4, required=True, allowed=("1", "2", "4", "8", "16")),
            Param("service_pkg", C, 5, required=True, allowed=("FWBSTD", "FWBADV", "FWBENT")),
        ),
    ),
    Product(
        "FGT_VM_LCS",
        "fgt_vm_lcs",
        "FortiGate VM, a la carte services",
        4,
        VM,
        "1.0.0",
        (
            Param("cpu_size", W, 6, required=True, low=1, high=96, schema_text=True),
            Param("support_service", C, 8, required=True, allowed=("FC247", "ASET")),
            Param("vdom_num", W, 11, low=0, high=500, note="1-500 before the 2.4.2 docs"),
            Param(
                "fortiguard_services",
                L,
                7,
                allowed=("IPS", "AVDB", "FURLDNS", "FGSA", "ISSS", "DLDB", "FAIS"),
            ),
            Param(
                "cloud_services", L, 12, allowed=("FAMS", "SWNM", "AFAC", "FAZC", "FSPA", "SWOS")
            ),
        ),
    ),
    Product(
        "FC_EMS_OP",
        "fc_ems_op",
        "FortiClient EMS on-premises",
        5,
        VM,
        "2.1.0",
        (
            Param("ztna_num", W, 13, required=True, low=25, high=25000, zero_allowed=True),
            Param("epp_ztna_num", W, 14, required=True, low=25, high=25000, zero_allowed=True),
            Param("chromebook", W, 15, required=True, low=25, high=25000, zero_allowed=True),
            Param("support_service", C, 16, required=True, allowed=("FCTFC247",)),
            Param("addons", L, 36, allowed=("BPS",)),
        ),
        note="an example comment says 0-25000; the argument list says 0 or 25-25000",
    ),
    Product(
        "FAZ_VM",
        "faz_vm",
        "FortiAnalyzer VM",
        7,
        VM,
        "1.0.0",
        (
            Param("daily_storage", W, 21, required=True, low=5, high=8300, note="GB per day"),
            Param("adom_num", W, 22, required=True, low=0, high=1200),
            Param("support_service", C, 23, required=True, allowed=("FAZFC247",)),
            Param("addons", L, 58, allowed=("FAZISSS", "FAZFGSA", "FAZAISN"), since="2.3.2"),
        ),
    ),
    Product(
        "FPC_VM",
        "fpc_vm",
        "FortiPortal VM",
        8,
        VM,
        "1.0.0",
        (Param("managed_dev", W, 24, required=True, low=0, high=100000),),
    ),
    Product(
        "FAD_VM",
        "fad_vm",
        "FortiADC VM",
        9,
        VM,
        "2.0.0",
        (
            Param("cpu_size", C, 25, required=True, allowed=("1", "2", "4", "8", "16", "32")),
            Param(
                "service_pkg",
                C,
                26,
                required=True,
                allowed=("FDVFC247", "FDVNET", "FDVAPP", "FDVAI"),
            ),
        ),
    ),
    Product(
        "FORTISOAR_VM",
        "fortisoar_vm",
        "FortiSOAR VM",
        10,
        VM,
        "2.4.2",
        (
            Param("service_pkg", C, 69, required=True, allowed=("FSRE", "FSRM", "FSRD", "FSRR")),
            Param("additional_users_license", W, 70, low=0, high=1000),
            Param("addons", L, 71, allowed=("FSRTIMS",)),
        ),
    ),
    Product(
        "FORTIMAIL_VM",
        "fortimail_vm",
        "FortiMail VM",
        11,
        VM,
        "2.4.2",
        (
            Param(
                "cpu_size",
                C,
                73,
                required=True,
                allowed=("1", "2", "4", "8", "16"),
                doubtful=("32",),
                note='an example comment also offers "32"; the argument list does not',
            ),
            Param("service_pkg", C, 74, required=True, allowed=("FMLBASE", "FMLATP")),
            Param("addons", L, 75, allowed=("FMLFEMS", "FMLFCAS", "FMLFEOP", "FMLFEEC")),
        ),
    ),
    Product(
        "FORTINAC_VM",
        "fortinac_vm",
        "FortiNAC VM",
        12,
        VM,
        "2.4.3",
        (
            Param("service_pkg", C, 77, required=True, allowed=("FNCPLUS", "FNCPRO")),
            Param("endpoints", W, 78, required=True, low=25, high=100000),
            Param("support_service", C, 79, required=True, allowed=("FCTFC247",)),
        ),
    ),
)
