"""The FortiFlex product types and, for each, which parameter ids it takes and of what kind.

Taken from what the fortiflexvm 2.4.3 provider knows (24 product types): a config of any of
them must be creatable against the emulator, and every parameter value must come back as the
JSON string the provider insists on reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How the provider reads a parameter back: a string, a digit string, or one entry per item."""

    STRING = "string"
    INT = "int"
    LIST = "list"


_KINDS = {"s": Kind.STRING, "i": Kind.INT, "l": Kind.LIST}


@dataclass(frozen=True)
class Product:
    id: int
    name: str  # the provider's product_type value
    title: str  # what the portal calls it
    parameters: dict[int, Kind]


def _product(id: int, name: str, title: str, spec: str) -> Product:
    """`spec` lists `<parameter id><kind letter>`: `10i` is parameter 10, an int."""
    return Product(id, name, title, {int(p[:-1]): _KINDS[p[-1]] for p in spec.split()})


# Read-only parameters (47, 60, 85-88) are accepted too, and kept as sent.
PRODUCTS: dict[int, Product] = {
    p.id: p
    for p in (
        _product(
            1,
            "FGT_VM_Bundle",
            "FortiGate Virtual Machine - Service Bundle",
            "1s 2s 10i 43l 44l 45s",
        ),
        _product(2, "FMG_VM", "FortiManager Virtual Machine", "3i 30i 9i"),
        _product(3, "FWB_VM", "FortiWeb Virtual Machine - Service Bundle", "4s 5s"),
        _product(
            4, "FGT_VM_LCS", "FortiGate Virtual Machine - A La Carte Services", "6s 7l 8s 11i 12l"
        ),
        _product(5, "FC_EMS_OP", "FortiClient EMS On-Prem", "13i 14i 15i 16s 36l"),
        _product(7, "FAZ_VM", "FortiAnalyzer Virtual Machine", "21i 22i 23s 58l"),
        _product(8, "FPC_VM", "FortiPortal Virtual Machine", "24i"),
        _product(9, "FAD_VM", "FortiADC Virtual Machine", "25s 26s"),
        _product(10, "FORTISOAR_VM", "FortiSOAR Virtual Machine", "69s 70i 71l"),
        _product(11, "FORTIMAIL_VM", "FortiMail Virtual Machine", "73s 74s 75l"),
        _product(12, "FORTINAC_VM", "FortiNAC Virtual Machine", "77s 78i 79s"),
        _product(101, "FGT_HW", "FortiGate Hardware", "27s 28s 29l"),
        _product(102, "FAP_HW", "FortiAP Hardware", "55s 56s 57l"),
        _product(103, "FSW_HW", "FortiSwitch Hardware", "53s 54s"),
        _product(202, "FWBC_PRIVATE", "FortiWeb Cloud - Private", "32i 33i"),
        _product(203, "FWBC_PUBLIC", "FortiWeb Cloud - Public", "34i 35i"),
        _product(204, "FC_EMS_CLOUD", "FortiClient EMS Cloud", "37i 38i 39i 40i 41i 42l"),
        _product(205, "FORTISASE", "FortiSASE", "48i 49s 50i 51i 59i 72i"),
        _product(206, "FORTIEDR", "FortiEDR", "46s 47i 52l 76i"),
        _product(207, "FORTINDR_CLOUD", "FortiNDR Cloud", "60i"),
        _product(208, "FORTIRECON", "FortiRecon", "61s 62i 63i 64i 65i"),
        _product(209, "SIEM_CLOUD", "FortiSIEM Cloud", "66i 67i 68i"),
        _product(211, "FORTIAPPSEC", "FortiAppSec Cloud", "82l 83s 84l 85i 86i 87i 88i"),
        _product(212, "FORTIDLP", "FortiDLP", "90s 91i 92l"),
    )
}
