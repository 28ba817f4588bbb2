"""What the fortiflexvm 2.4.3 provider's decoding insists on, as assertions over one answer.

Each helper mirrors a hard type assertion in the provider (a wrong type there panics the
plugin, or silently empties an attribute), so an emulator answer that would crash a real
`terraform apply` fails a test here instead.
"""

from __future__ import annotations

from typing import Any

import httpx

from flexcheck.emulator.products import PRODUCTS, Kind
from flexcheck.terraform.rules.catalog import BY_TYPE_ID
from flexcheck.terraform.rules.model import Kind as RuleKind
from tests.emulator.emulator_support import bearer

Json = dict[str, Any]


def is_int(value: object) -> bool:
    """A JSON integer: Go decodes it as float64 and prints it without a decimal point."""
    return isinstance(value, int) and not isinstance(value, bool)


def envelope(response: httpx.Response) -> Json:
    """A success the provider accepts without retrying: `status` the number 0."""
    body: Json = response.json()
    assert isinstance(body, dict), body
    assert is_int(body.get("status")), body  # the string "success" is retried 4 times
    assert body["status"] == 0, body
    assert isinstance(body.get("message"), str)
    return body


def refusal(response: httpx.Response) -> Json:
    """An error the provider reports: a `status` present and not 0, with a message."""
    body: Json = response.json()
    assert "status" in body, body  # no status at all fails at once, without the message
    assert str(body["status"]) not in ("0", "success"), body
    assert isinstance(body.get("message"), str)
    assert body["message"]
    return body


def single(body: Json, key: str) -> Json:
    """createUpdate's rule: a map, or a list of exactly one map (an empty list panics)."""
    value = body.get(key)
    if isinstance(value, list):
        assert len(value) == 1, value
        value = value[0]
    assert isinstance(value, dict), body
    return value


def config(item: Json) -> Json:
    assert is_int(item["id"])
    assert is_int(item["productType"]["id"])  # hard float64
    assert item["productType"]["id"] in PRODUCTS
    assert is_int(item["accountId"])
    assert isinstance(item["programSerialNumber"], str)
    assert isinstance(item["name"], str)
    assert item["status"] in ("ACTIVE", "DISABLED")
    kinds = PRODUCTS[item["productType"]["id"]].parameters
    assert isinstance(item["parameters"], list)  # hard list
    for parameter in item["parameters"]:
        assert isinstance(parameter, dict)
        assert is_int(parameter["id"])  # hard float64
        assert isinstance(parameter["value"], str), parameter  # hard string, even for ints
        if kinds.get(parameter["id"]) is Kind.INT:
            int(parameter["value"])  # strconv.Atoi: a digit string, never "10.0"
    return item


def entitlement(item: Json) -> Json:
    assert isinstance(item["serialNumber"], str)
    assert "." not in item["serialNumber"]
    assert is_int(item["configId"])
    assert is_int(item["accountId"])
    assert item["status"] in ("PENDING", "ACTIVE", "STOPPED", "EXPIRED")
    for key in ("description", "startDate", "endDate", "token", "tokenStatus"):
        assert isinstance(item[key], str), (key, item)  # endDate: hard string after stop
    return item


# The rules table by product type id and API parameter id.
RULES = {t: {p.api_id: p for p in product.params} for t, product in BY_TYPE_ID.items()}


def provider_parameters(product_type_id: int) -> list[Json]:
    """What expandConfigParameters sends: ints as numbers (unset: 0), strings, lists as NONE.

    Values are ones FortiFlex allows (the emulator refuses the others, as FortiFlex does): the
    first the rules table lists, or an optional parameter left unset.
    """
    sent: list[Json] = []
    for id, kind in PRODUCTS[product_type_id].parameters.items():
        if id in (47, 60, 85, 86, 87, 88):
            continue  # read-only: the provider never sends them
        rule = RULES[product_type_id].get(id)
        unset = rule is None or not rule.required
        if kind is Kind.INT:
            allowed = (
                (rule.low if rule.kind is RuleKind.WHOLE else int(rule.allowed[0])) if rule else 10
            )
            sent.append({"id": id, "value": 0 if unset and id % 2 == 0 else allowed})
        elif kind is Kind.LIST:
            item = rule.allowed[0] if rule else "A"
            sent += [{"id": id, "value": "NONE"}] if id % 2 else [{"id": id, "value": item}] * 2
        else:
            text = (rule.allowed[0] if rule.allowed else str(rule.low)) if rule else "VALUE"
            sent.append({"id": id, "value": "" if unset and id % 3 == 0 else text})
    return sent


class Api:
    """One user's calls, as the provider sends them: POST, JSON, a bearer token."""

    def __init__(self, client: httpx.Client, base: str, token: str) -> None:
        self.client, self.base, self.token = client, base, token

    def post(self, path: str, body: object | None = None) -> httpx.Response:
        if body is None:  # programs/list goes out without any body
            return self.client.post(self.base + path, headers=bearer(self.token))
        return self.client.post(self.base + path, json=body, headers=bearer(self.token))

    def v2(self, endpoint: str, body: object | None = None) -> httpx.Response:
        return self.post("/ES/api/fortiflex/v2/" + endpoint, body)
