"""Reading fields out of a request body, and finding what they point at; `Rejected` on any fault."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flexcheck.emulator.records import Config, Entitlement, Program
from flexcheck.emulator.state import State

Json = dict[str, Any]


Endpoint = Callable[[State, Json], Json]


class Rejected(Exception):
    """An expected refusal; becomes `{"status": -1, "message": ...}` with this HTTP status."""

    def __init__(self, http_status: int, message: str) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.message = message


def optional_int(body: Json, key: str) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected(400, f"{key} is invalid.")
    return value


def required_int(body: Json, key: str) -> int:
    value = optional_int(body, key)
    if value is None:
        raise Rejected(400, f"{key} is required.")
    return value


def optional_str(body: Json, key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Rejected(400, f"{key} is invalid.")
    return value


def required_str(body: Json, key: str) -> str:
    value = optional_str(body, key)
    if not value:
        raise Rejected(400, f"{key} is required.")
    return value


def optional_date(body: Json, key: str) -> date | None:
    value = optional_str(body, key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise Rejected(400, f"{key} is invalid.") from None


def required_date(body: Json, key: str) -> date:
    value = optional_date(body, key)
    if value is None:
        raise Rejected(400, f"{key} is required.")
    return value


def as_api_date(day: date | None) -> str | None:
    return f"{day.isoformat()}T00:00:00.000" if day else None


def find_program(state: State, body: Json, key: str = "programSerialNumber") -> Program:
    program = state.programs.get(required_str(body, key))
    if program is None:
        raise Rejected(404, "Program not found.")
    return program


def find_config(state: State, body: Json, key: str = "configId") -> Config:
    config = state.configs.get(required_int(body, key))
    if config is None:
        raise Rejected(404, "Config not found.")
    return config


def find_entitlement(state: State, body: Json) -> Entitlement:
    entitlement = state.entitlements.get(required_str(body, "serialNumber"))
    if entitlement is None:
        raise Rejected(404, "Entitlement not found.")
    return entitlement
