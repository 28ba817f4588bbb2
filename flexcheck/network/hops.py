"""Walks the hops to a host one by one (DNS, TCP, proxy, TLS) and names the first that fails."""

from __future__ import annotations

import contextlib
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from flexcheck.network.dns_hop import resolve
from flexcheck.network.hop import Hop, HopFailed, HopResult, Target
from flexcheck.network.proxy_hop import tunnel
from flexcheck.network.route import Route
from flexcheck.network.tcp_hop import connect
from flexcheck.network.tls_hop import handshake

__all__ = ["Hop", "HopResult", "Target", "Walk", "Walker"]


@dataclass(frozen=True)
class Walk:
    """The hops walked to one host, in order; the last one failed when `failed` is set."""

    target: Target
    route: Route
    hops: tuple[HopResult, ...]
    elapsed: float

    @property
    def failed(self) -> HopResult | None:
        return next((h for h in self.hops if not h.ok), None)


class Walker:
    """One host, one route, the run's trust and timeouts."""

    def __init__(
        self, url: str, route: Route, context: ssl.SSLContext, connect: float, read: float
    ) -> None:
        self.target = Target.of(url)
        self.route = route
        self.context = context
        self.connect_timeout = connect
        self.read_timeout = read

    @contextlib.contextmanager
    def _path(self, hops: list[HopResult]) -> Iterator[socket.socket]:
        """A TCP stream to the target: direct, or through the proxy's tunnel."""
        target = self.target
        if self.route.proxy is None:
            addresses = resolve(target.host, target.port, self.connect_timeout)
            hops.append(
                HopResult(Hop.DNS, True, f"{target.host} resolves to {', '.join(addresses[:3])}")
            )
            sock = connect(addresses, target.port, self.connect_timeout, target.host, Hop.CONNECT)
            hops.append(HopResult(Hop.CONNECT, True, f"TCP connection to {target} open"))
        else:
            proxy = httpx.URL(self.route.proxy)
            port = proxy.port or (443 if proxy.scheme == "https" else 80)
            try:
                addresses = resolve(proxy.host, port, self.connect_timeout)
            except HopFailed as failed:
                raise HopFailed(
                    HopResult(
                        Hop.PROXY,
                        False,
                        f"the proxy's name: {failed.result.evidence}",
                        "Check the proxy address in your proxy variables.",
                    )
                ) from None
            sock = connect(
                addresses, port, self.connect_timeout, f"the proxy {proxy.host}", Hop.PROXY
            )
            try:
                hops.append(tunnel(sock, self.route, target, self.read_timeout))
            except BaseException:
                sock.close()
                raise
        try:
            yield sock
        finally:
            sock.close()

    def walk(self) -> Walk:
        hops: list[HopResult] = []
        started = time.monotonic()
        try:
            if self.route.proxy is not None and not self.route.proxy.startswith("http://"):
                hops.append(
                    HopResult(
                        Hop.PROXY,
                        True,
                        "the proxy is not an http:// proxy: its hops are not walked one by one",
                    )
                )
            else:
                with self._path(hops) as sock:
                    if self.target.tls:
                        hops.append(
                            handshake(
                                sock,
                                self.target,
                                self.context,
                                self.connect_timeout,
                                lambda: self._path([]),
                            )
                        )
        except HopFailed as failed:
            hops.append(failed.result)
        return Walk(self.target, self.route, tuple(hops), time.monotonic() - started)
