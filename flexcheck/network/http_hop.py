"""The HTTP hop: one HEAD request, and whether what answered looks like FortiCloud at all."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from flexcheck.errors import NetworkError
from flexcheck.network.hop import Hop, HopResult


@dataclass(frozen=True)
class HttpAnswer:
    date: str | None
    at: float
    odd: str = ""  # an answer FortiCloud would not give: a portal, a block page, an outage
    odd_hint: str = ""


def http_hop(
    head: Callable[[str], httpx.Response], url: str
) -> tuple[HopResult, HttpAnswer | None]:
    started = time.time()
    try:
        response = head(url)
    except NetworkError as error:
        return HopResult(
            Hop.HTTP,
            False,
            f"the path to the host works, but the HTTP request failed: {error}",
            "Run again; if it persists, a proxy or firewall may cut HTTPS requests after the "
            "handshake.",
        ), None
    at = (started + time.time()) / 2
    date = response.headers.get("Date")
    status = response.status_code
    kind = response.headers.get("Content-Type", "").split(";")[0].strip()
    answer = HttpAnswer(date, at)
    if 300 <= status < 400:
        where = response.headers.get("Location", "somewhere else")[:120]
        answer = HttpAnswer(
            date,
            at,
            f"it redirects to {where}",
            "A captive portal or proxy login page may be in the way.",
        )
    elif kind == "text/html":
        answer = HttpAnswer(
            date,
            at,
            "it answers with an HTML page where FortiCloud answers JSON",
            "A proxy, firewall or captive portal may answer in its place.",
        )
    elif status >= 500:
        answer = HttpAnswer(
            date,
            at,
            f"the host reports an error (HTTP {status})",
            "FortiCloud may be having trouble: run again later.",
        )
    return HopResult(Hop.HTTP, True, f"HEAD answered HTTP {status}"), answer
