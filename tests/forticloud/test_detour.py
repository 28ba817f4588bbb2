"""The detour around a proxy only flexcheck uses, when two requests to one host fail at once.

Pure logic on purpose: the order of two threads is what matters, and a real proxy cannot be made
to interleave them the same way every run. tests/network/test_proxy.py runs the same failover
through a real CONNECT proxy on loopback.
"""

from __future__ import annotations

import httpx
import pytest

from flexcheck.forticloud.detour import Detour
from flexcheck.network.route import Route

TARGET = httpx.URL("https://auth.example.test/api/v1/oauth/token/")
PROXY = Route("http://127.0.0.1:3128", "HTTPS_PROXY")


def route_of(detour: Detour) -> Route:
    reason = detour.reason(TARGET.host)
    return Route(None, reason) if reason else PROXY


def test_a_proxied_attempt_is_retried_directly_even_when_another_request_failed_over_first() -> (
    None
):
    detour = Detour()
    attempts: list[Route] = []

    def send() -> httpx.Response:
        attempts.append(route_of(detour))
        if len(attempts) == 1:
            # While this attempt waited for the proxy's 407, another check's request to the
            # same host failed over: the detour is set before this attempt's error arrives.
            detour.go_direct(TARGET.host, "as the Terraform provider connects")
            raise httpx.ProxyError("407 Proxy Authentication Required")
        return httpx.Response(200)

    answer = detour.send(TARGET, lambda: route_of(detour), send)
    assert answer.status_code == 200
    assert [a.direct for a in attempts] == [False, True]


def test_a_direct_attempt_that_fails_is_final() -> None:
    detour = Detour()
    detour.go_direct(TARGET.host, "as the Terraform provider connects")
    sent = 0

    def send() -> httpx.Response:
        nonlocal sent
        sent += 1
        raise httpx.ConnectError("connection refused")

    with pytest.raises(httpx.ConnectError):
        detour.send(TARGET, lambda: route_of(detour), send)
    assert sent == 1


def test_when_both_routes_fail_the_detour_is_dropped_and_the_error_raised() -> None:
    detour = Detour()

    def send() -> httpx.Response:
        raise httpx.ConnectError("unreachable")

    with pytest.raises(httpx.ConnectError):
        detour.send(TARGET, lambda: route_of(detour), send)
    assert detour.reason(TARGET.host) is None
