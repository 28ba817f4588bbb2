"""The objects of an emulated account (programs, configs, entitlements, tokens) as the API shows."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from flexcheck.emulator.products import PRODUCTS

ACCOUNT_ID = 100000


class TokenStatus(StrEnum):
    """Whether an entitlement's VM token has been used to activate a VM yet."""

    NOTUSED = "NOTUSED"
    USED = "USED"
    NONE = ""  # hardware entitlements have no VM token


class EntitlementStatus(StrEnum):
    """The statuses the provider knows; a new VM is PENDING until its token is used."""

    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    STOPPED = "STOPPED"
    EXPIRED = "EXPIRED"


def default_parameters() -> list[dict[str, object]]:
    """Every value a string, as the API writes them (the provider asserts string on read)."""
    return [{"id": 1, "value": "2"}, {"id": 2, "value": "FC"}]


def fortiflex_date(moment: datetime) -> str:
    """Dates as the FortiFlex API writes them."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000")


@dataclass
class Program:
    serial_number: str
    account_id: int
    start_date: str
    end_date: str
    has_support_coverage: bool = True

    def as_json(self) -> dict[str, object]:
        return {
            "serialNumber": self.serial_number,
            "accountId": self.account_id,
            "startDate": self.start_date,
            "endDate": self.end_date,
            "hasSupportCoverage": self.has_support_coverage,
        }


@dataclass
class Config:
    id: int
    name: str
    program_serial: str
    account_id: int = ACCOUNT_ID
    product_type_id: int = 1
    status: str = "ACTIVE"
    parameters: list[dict[str, object]] = field(default_factory=default_parameters)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "accountId": self.account_id,
            "programSerialNumber": self.program_serial,
            "productType": {
                "id": self.product_type_id,
                "name": PRODUCTS[self.product_type_id].title
                if self.product_type_id in PRODUCTS
                else "",
            },
            "status": self.status,
            "parameters": [dict(p) for p in self.parameters],
        }


@dataclass
class Entitlement:
    serial_number: str
    config_id: int
    account_id: int = ACCOUNT_ID
    description: str = ""
    start_date: str = ""
    end_date: str = ""
    status: str = "ACTIVE"
    token: str = ""
    token_status: str = TokenStatus.NOTUSED
    folder_path: str = "My Assets"

    def as_json(self) -> dict[str, object]:
        return {
            "serialNumber": self.serial_number,
            "configId": self.config_id,
            "accountId": self.account_id,
            "description": self.description,
            "startDate": self.start_date,
            "endDate": self.end_date,
            "status": self.status,
            "token": self.token,
            "tokenStatus": self.token_status,
            "folderPath": self.folder_path,
        }


@dataclass
class IssuedToken:
    username: str
    expires_at: float  # time.monotonic() deadline
    refresh_token: str
    revoked: bool = False


def new_password() -> str:
    """Shaped like FortiCloud's generated API passwords: 32 hex characters then `!1Aa`."""
    return secrets.token_hex(16) + "!1Aa"


def new_vm_token() -> str:
    return secrets.token_hex(10).upper()
