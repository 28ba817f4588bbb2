"""Can this machine reach each FortiCloud host? Walks DNS, TCP, proxy, TLS and HTTP in order."""

from __future__ import annotations

import time
from abc import abstractmethod
from dataclasses import dataclass

from flexcheck.context import Context
from flexcheck.errors import NetworkError
from flexcheck.model import Check, Deps, Result, Status, ok, warn
from flexcheck.network.hops import Hop, HopResult, Walker
from flexcheck.network.route import Route

HOP_NAMES = {
    Hop.DNS: "DNS",
    Hop.CONNECT: "TCP connect",
    Hop.PROXY: "proxy",
    Hop.TLS: "TLS",
    Hop.HTTP: "HTTP",
}


@dataclass(frozen=True)
class HostReach:
    """What the walk learned, for clock-skew and proxy-parity: no second round trip needed."""

    url: str
    host: str
    route: Route
    server_date: str | None  # the Date header of the HTTP answer
    answered_at: float  # wall-clock time (time.time()) halfway through that request


def _line(hop: HopResult) -> str:
    return f"{HOP_NAMES[hop.hop]} ok: {hop.evidence}"


class HostReachable(Check[HostReach]):
    """One FortiCloud host. Subclasses only say which URL; the route is the run's own."""

    network = True
    guide_step = None
    timeout = 25.0

    @abstractmethod
    def url(self, ctx: Context) -> str:
        """An allow-listed URL on the host: HEAD of it proves that HTTP answers."""

    def run(self, ctx: Context, deps: Deps) -> Result[HostReach]:
        url = self.url(ctx)
        route = ctx.http.route(url)
        timeouts = ctx.http.timeouts
        walk = Walker(
            url, route, ctx.http.fresh_ssl_context(), timeouts.connect, timeouts.read
        ).walk()
        hops = list(walk.hops)
        answer: _Answer | None = None
        if walk.failed is None:
            hop, answer = _http(ctx, url)
            hops.append(hop)
        failed = next((h for h in hops if not h.ok), None)
        details = tuple(_line(h) for h in hops if h.ok)  # the failing hop is the summary
        if failed is not None or answer is None:
            failed = failed or hops[-1]
            return Result(
                Status.FAIL,
                f"{HOP_NAMES[failed.hop]} hop failed on the way to {walk.target} "
                f"({route.shown()}): {failed.evidence}",
                hint=failed.hint
                or "Fix this hop; the credentials cannot be checked until the host answers.",
                network=True,
                details=details,
                host=walk.target.host,
            )
        reach = HostReach(url, walk.target.host, route, answer.date, answer.at)
        walked = ", ".join(HOP_NAMES[h.hop] for h in hops)
        tls = next((f"; {h.evidence}" for h in hops if h.hop is Hop.TLS), "")
        summary = f"{walk.target} reached {route.shown()}: {walked} ok ({hops[-1].evidence}{tls})"
        if answer.odd:
            return warn(f"{summary}, but {answer.odd}", value=reach, hint=answer.odd_hint)
        return ok(summary, value=reach)


@dataclass(frozen=True)
class _Answer:
    date: str | None
    at: float
    odd: str = ""  # an answer FortiCloud would not give: a portal, a block page, an outage
    odd_hint: str = ""


def _http(ctx: Context, url: str) -> tuple[HopResult, _Answer | None]:
    started = time.time()
    try:
        response = ctx.http.head(url)
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
    answer = _Answer(date, at)
    if 300 <= status < 400:
        where = response.headers.get("Location", "somewhere else")[:120]
        answer = _Answer(
            date,
            at,
            f"it redirects to {where}",
            "A captive portal or proxy login page may be in the way.",
        )
    elif kind == "text/html":
        answer = _Answer(
            date,
            at,
            "it answers with an HTML page where FortiCloud answers JSON",
            "A proxy, firewall or captive portal may answer in its place.",
        )
    elif status >= 500:
        answer = _Answer(
            date,
            at,
            f"the host reports an error (HTTP {status})",
            "FortiCloud may be having trouble: run again later.",
        )
    return HopResult(Hop.HTTP, True, f"HEAD answered HTTP {status}"), answer


class NetworkAuthHost(HostReachable):
    id = "network-auth-host"
    title = "The FortiCloud auth host is reachable (DNS, TCP, proxy, TLS, HTTP)"
    order = 25

    def url(self, ctx: Context) -> str:
        return ctx.options.auth_url


class NetworkApiHost(HostReachable):
    id = "network-api-host"
    title = "The FortiFlex API host is reachable (DNS, TCP, proxy, TLS, HTTP)"
    order = 26

    def url(self, ctx: Context) -> str:
        return ctx.options.endpoints.api("programs/list")
