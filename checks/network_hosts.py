"""Can this machine reach each FortiCloud host? Walks DNS, TCP, proxy, TLS and HTTP in order."""

from __future__ import annotations

import ssl
from abc import abstractmethod
from dataclasses import dataclass, replace

import httpx

from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Result, Status, ok, warn
from flexcheck.forticloud.detour import direct_reason
from flexcheck.forticloud.trust import provider_ssl_context
from flexcheck.network.hops import Hop, HopResult, Walker
from flexcheck.network.http_hop import HttpAnswer, http_hop
from flexcheck.network.route import Route
from flexcheck.terraform.route import (
    API_UNREACHABLE,
    LOGIN_CRASH,
    PROVIDER_ROUTE,
    init_note,
    provider_installed,
    symptom,
)

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
    terraform_shows = LOGIN_CRASH
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "DNS does not resolve the host, or no TCP connection opens to it (firewall, VPN, "
            "no route)",
            "Check DNS and that this machine may open HTTPS connections to the host; if your "
            "network requires a proxy, set HTTPS_PROXY. Exit code 4 tells CI it may retry.",
        ),
        FailureMode(
            Status.FAIL,
            "the proxy in HTTPS_PROXY cannot be reached, or wants or refuses its credentials "
            "(407, or 401 as tinyproxy answers)",
            "Fix the proxy address, or put its user and password in the proxy URL "
            "(http://USER:PASSWORD@proxy.example:3128).",
        ),
        FailureMode(
            Status.WARN,
            "the proxy in HTTPS_PROXY fails, but the direct route the Terraform provider takes "
            "(it ignores HTTPS_PROXY) works: flexcheck goes on directly; terraform init cannot "
            "download the provider through that proxy",
            "Fix or unset the proxy variable before terraform init; plan and apply do not use it.",
        ),
        FailureMode(
            Status.FAIL,
            "the proxy's policy forbids the tunnel (403)",
            "Ask IT to allow HTTPS (CONNECT) to the host through the proxy.",
        ),
        FailureMode(
            Status.FAIL,
            "the proxy works but cannot reach the host behind it (500, 502, 503, 504)",
            "Check the host name in the URL; otherwise the host or the proxy's route to it is "
            "down: run again later.",
        ),
        FailureMode(
            Status.FAIL,
            "the TLS handshake finds plain HTTP on the HTTPS port (WRONG_VERSION_NUMBER), or a "
            "server offering only TLS 1.0/1.1 (TLSV1_ALERT_PROTOCOL_VERSION)",
            "Check the URL's port and scheme and the proxy variable; an outdated TLS device on "
            "the way must be updated or bypassed.",
        ),
        FailureMode(
            Status.FAIL,
            "the TLS handshake fails on the certificate: not trusted (most often a "
            "TLS-inspecting proxy or firewall), for another name, looks expired (a wrong "
            "clock), or no TLS answer at all",
            "Pass the corporate root CA with --ca-bundle or SSL_CERT_FILE (the provider reads "
            "SSL_CERT_FILE on Linux), update the OS CA certificates, or fix the clock, as the "
            "report says.",
        ),
        FailureMode(
            Status.FAIL,
            "the path to the host works, but the HTTP request itself fails",
            "Run again; if it persists, a proxy or firewall may cut HTTPS requests after the "
            "handshake.",
        ),
        FailureMode(
            Status.WARN,
            "the host answers, but not as FortiCloud would: a redirect (captive portal, proxy "
            "login), an HTML page (block page) or a server error (HTTP 5xx)",
            "Log in to the captive portal or proxy, ask IT about the block page, or run again "
            "later when FortiCloud's error clears.",
        ),
    )

    @abstractmethod
    def url(self, ctx: Context) -> str:
        """An allow-listed URL on the host: HEAD of it proves that HTTP answers."""

    def run(self, ctx: Context, deps: Deps) -> Result[HostReach]:
        url = self.url(ctx)
        route = ctx.http.route(url)
        walk = _walker(ctx, url, route, ctx.http.fresh_ssl_context()).walk()
        note = ""
        if walk.failed is not None and not route.direct:
            # The proxy is flexcheck's route only: the provider connects directly (route.py).
            direct = _walker(ctx, url, PROVIDER_ROUTE, provider_ssl_context(ctx.env)).walk()
            if direct.failed is None:
                return self._around_proxy(ctx, url, route, walk.failed, direct.hops)
            note = f"; the Terraform provider's direct route fails too: {_failed(direct.failed)}"
        hops = list(walk.hops)
        answer: HttpAnswer | None = None
        if walk.failed is None:
            hop, answer = http_hop(ctx.http.head, url)
            hops.append(hop)
        failed = next((h for h in hops if not h.ok), None)
        details = tuple(_line(h) for h in hops if h.ok)  # the failing hop is the summary
        if failed is not None or answer is None:
            failed = failed or hops[-1]
            if route.direct or note:  # the provider's own route fails: say what it will show
                details = (*details, symptom(self.terraform_shows))
            return Result(
                Status.FAIL,
                f"{HOP_NAMES[failed.hop]} hop failed on the way to {walk.target} "
                f"({route.shown()}): {failed.evidence}{note}",
                hint=failed.hint
                or "Fix this hop; the credentials cannot be checked until the host answers.",
                network=True,
                details=details,
                host=walk.target.host,
                # A path that works but a HEAD that failed proves nothing about the login's POST.
                route_dead=failed.hop is not Hop.HTTP,
            )
        return _reached(walk.target.host, str(walk.target), url, route, hops, answer)

    def _around_proxy(
        self,
        ctx: Context,
        url: str,
        route: Route,
        failed: HopResult,
        hops: tuple[HopResult, ...],
    ) -> Result[HostReach]:
        """The proxy fails but the provider's direct route works: Terraform is not stopped."""
        host = httpx.URL(url).host
        direct = Route(None, direct_reason(route))
        ctx.http.go_direct(host, direct.reason)  # flexcheck's next requests go the same way
        hop, answer = http_hop(ctx.http.head, url)
        walked = [*hops, hop]
        if answer is None:
            return Result(
                Status.FAIL,
                f"HTTP hop failed on the way to {host} ({direct.shown()}): {hop.evidence}",
                hint=hop.hint,
                network=True,
                details=tuple(_line(h) for h in hops),
                host=host,
            )
        result = _reached(host, host, url, direct, walked, answer)
        tf_dir = ctx.options.tf_dir or ctx.options.cwd
        said = (
            f"{result.summary}. The proxy route only flexcheck would take fails "
            f"({route.shown()}: {_failed(failed)}); the provider never uses it. "
            f"{init_note(tf_dir, route.shown())}"
        )
        if provider_installed(tf_dir) and result.status is Status.PASS:
            return replace(result, summary=said)
        return replace(
            result,
            status=Status.WARN,
            summary=said,
            hint=(failed.hint + " " if failed.hint else "")
            + "Until then flexcheck checks the direct route, which terraform plan and apply take.",
        )


def _walker(ctx: Context, url: str, route: Route, context: ssl.SSLContext) -> Walker:
    timeouts = ctx.http.timeouts
    return Walker(url, route, context, timeouts.connect, timeouts.read)


def _failed(hop: HopResult) -> str:
    return f"{HOP_NAMES[hop.hop]} hop: {hop.evidence}"


def _reached(
    host: str, target: str, url: str, route: Route, hops: list[HopResult], answer: HttpAnswer
) -> Result[HostReach]:
    reach = HostReach(url, host, route, answer.date, answer.at)
    walked = ", ".join(HOP_NAMES[h.hop] for h in hops)
    tls = next((f"; {h.evidence}" for h in hops if h.hop is Hop.TLS), "")
    summary = f"{target} reached {route.shown()}: {walked} ok ({hops[-1].evidence}{tls})"
    if answer.odd:
        return warn(f"{summary}, but {answer.odd}", value=reach, hint=answer.odd_hint)
    return ok(summary, value=reach)


class NetworkAuthHost(HostReachable):
    id = "network-auth-host"
    title = "The FortiCloud auth host is reachable (DNS, TCP, proxy, TLS, HTTP)"
    order = 25
    explanation = (
        "Walks, hop by hop, the route flexcheck's own requests take to the FortiCloud OAuth "
        "host (--auth-url): DNS, the TCP connection, the proxy tunnel when HTTPS_PROXY applies, "
        "the TLS handshake, then one HEAD request. It names the first hop that fails, so a "
        "network problem is not mistaken for a credential problem; its Date header also feeds "
        "clock-skew. When the proxy fails, it walks the direct route the Terraform provider "
        "takes (it ignores HTTPS_PROXY): if that works the run goes on directly, with a warning."
    )

    def url(self, ctx: Context) -> str:
        return ctx.options.auth_url


class NetworkApiHost(HostReachable):
    id = "network-api-host"
    title = "The FortiFlex API host is reachable (DNS, TCP, proxy, TLS, HTTP)"
    order = 26
    explanation = (
        "Walks, hop by hop, the route flexcheck's own requests take to the FortiFlex API host "
        "(--api-url): DNS, the TCP connection, the proxy tunnel when HTTPS_PROXY applies, the "
        "TLS handshake, then one HEAD request. The API host can be blocked while the auth host "
        "works (a firewall rule per host): then the login passes and every API call fails."
    )

    terraform_shows = API_UNREACHABLE

    def url(self, ctx: Context) -> str:
        return ctx.options.endpoints.api("programs/list")
