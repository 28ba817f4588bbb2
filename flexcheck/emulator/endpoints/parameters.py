"""Config parameters as the API keeps them: checked against the product, every value a string.

The provider sends int fields as JSON numbers but reads every value back with a hard string
assertion, so the stored (and echoed) value is always the string form: `10` becomes `"10"`.
Refusals use the API's own `Parameter id N ...` wording, which the provider rewrites to the
field name (`Parameter vdom_num ...`) in the error a user sees.
"""

from __future__ import annotations

from flexcheck.emulator.endpoints.fields import Rejected
from flexcheck.emulator.products import PRODUCTS, Kind

Parameter = dict[str, object]


def _parameter_id(raw: object) -> int:
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise Rejected(400, "parameters is invalid.")
    return raw


def _as_string(id: int, kind: Kind, value: object) -> str:
    if kind is Kind.INT:
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return str(int(value))
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, bool) or not isinstance(value, int):
            raise Rejected(400, f"Parameter id {id} must be an integer.")
        return str(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Rejected(400, f"Parameter id {id} must be a string.")
    return value if isinstance(value, str) else str(value)


def stored_parameters(product_type_id: int, raw: object) -> list[Parameter]:
    """The parameters to keep for a config of this product, or `Rejected` in the API's words."""
    if not isinstance(raw, list):
        raise Rejected(400, "parameters is invalid.")
    product = PRODUCTS[product_type_id]
    kept: list[Parameter] = []
    seen: set[int] = set()
    for entry in raw:
        if not isinstance(entry, dict):
            raise Rejected(400, "parameters is invalid.")
        id = _parameter_id(entry.get("id"))
        kind = product.parameters.get(id)
        if kind is None:
            raise Rejected(400, f"Parameter id {id} is not valid for {product.title}.")
        if id in seen and kind is not Kind.LIST:
            raise Rejected(400, f"Parameter id {id} is given more than once.")
        seen.add(id)
        kept.append({"id": id, "value": _as_string(id, kind, entry.get("value"))})
    return kept
