"""The program endpoints: the account's FortiFlex programs and the points calculator."""

from __future__ import annotations

from flexcheck.emulator.endpoints.fields import Json, Rejected, find_program, required_int
from flexcheck.emulator.products import PRODUCTS
from flexcheck.emulator.state import State


def programs_list(state: State, body: Json) -> Json:
    return {"programs": [p.as_json() for p in state.programs.values()]}


def tools_calc(state: State, body: Json) -> Json:
    count = required_int(body, "count")
    product = required_int(body, "productTypeId")
    find_program(state, body)
    if product not in PRODUCTS:
        raise Rejected(400, "productTypeId is invalid.")
    return {"points": {"current": round(4.84 * max(count, 0), 2)}}
