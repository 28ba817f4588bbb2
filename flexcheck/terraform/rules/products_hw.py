"""The hardware product types of `fortiflexvm_config` (served by hardware entitlements)."""

from __future__ import annotations

from flexcheck.terraform.rules.devices import FAP_MODELS, FGT_MODELS, FSW_MODELS, codes
from flexcheck.terraform.rules.model import Category, Kind, Param, Product

C, L = Kind.CHOICE, Kind.LIST
HW = Category.HARDWARE
FNDN = "the docs list some models; the full list is on FNDN"

HW_PRODUCTS: tuple[Product, ...] = (
    Product(
        "FGT_HW",
        "fgt_hw",
        "FortiGate hardware",
        101,
        HW,
        "2.0.0",
        (
            Param("device_model", C, 27, required=True, allowed=FGT_MODELS, complete=False),
            Param(
                "service_pkg",
                C,
                28,
                required=True,
                allowed=("FGHWFC247", "FGHWFCEL", "FGHWATP", "FGHWUTP", "FGHWENT", "FGHWFCESN"),
            ),
            Param(
                "addons",
                L,
                29,
                allowed=codes(
                    "FGHWFCELU FGHWFAMS FGHWFAIS FGHWSWNM FGHWDLDB FGHWFAZC FGHWSOCA FGHWMGAS "
                    "FGHWSPAL FGHWISSS FGHWSWOS FGHWAVDB FGHWNIDS FGHWFGSA FGHWFURL FGHWFSFG"
                ),
                doubtful=("FGHWFCSS",),
                note="FGHWFCSS left the argument list in 2.4.2",
            ),
        ),
        note=FNDN,
    ),
    Product(
        "FAP_HW",
        "fap_hw",
        "FortiAP hardware",
        102,
        HW,
        "2.3.2",
        (
            Param("device_model", C, 55, required=True, allowed=FAP_MODELS, complete=False),
            Param("service_pkg", C, 56, required=True, allowed=("FAPHWFC247", "FAPHWFCEL")),
            Param("addons", L, 57, allowed=("FAPHWFSFG",)),
        ),
        note=FNDN,
    ),
    Product(
        "FSW_HW",
        "fsw_hw",
        "FortiSwitch hardware",
        103,
        HW,
        "2.3.2",
        (
            Param("device_model", C, 53, required=True, allowed=FSW_MODELS, complete=False),
            Param("service_pkg", C, 54, required=True, allowed=("FSWHWFC247", "FSWHWFCEL")),
        ),
        note=FNDN,
    ),
)
