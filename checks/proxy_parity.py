"""Will Terraform get through where flexcheck did? The provider has its own route and trust."""

from __future__ import annotations

from checks.network_hosts import HOP_NAMES, HostReach, NetworkApiHost, NetworkAuthHost
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Result, Status, fail, ok
from flexcheck.forticloud.trust import provider_ssl_context
from flexcheck.network.hops import Hop, HopResult, Walker
from flexcheck.terraform.route import LOGIN_CRASH, PROVIDER_ROUTE, trust_hint


class ProxyParity(Check[None]):
    id = "proxy-parity"
    title = "Terraform's provider gets through too: the direct route and its own trust store"
    requires = (NetworkAuthHost, NetworkApiHost)
    network = True
    order = 27
    explanation = (
        "The fortiflexvm provider ignores HTTPS_PROXY and NO_PROXY (it always connects "
        "directly) and never reads --ca-bundle: it trusts what Go trusts on Linux, the system "
        "store, SSL_CERT_FILE and every file in the SSL_CERT_DIR folders. When flexcheck "
        "reached FortiCloud through a proxy or with --ca-bundle, this check walks the route "
        "the provider takes to each host (DNS, TCP, TLS) with the provider's trust: where only "
        "flexcheck gets through, flexcheck's login passes and terraform apply still fails."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "flexcheck reached FortiCloud through the proxy, but the direct route the provider "
            "takes fails (the report names the host and the hop)",
            "Allow direct HTTPS from this machine to the FortiCloud hosts, or run Terraform "
            "where the direct route works.",
        ),
        FailureMode(
            Status.FAIL,
            "flexcheck trusts the server's CA only through --ca-bundle, which the provider "
            "never reads",
            "Set SSL_CERT_FILE (or SSL_CERT_DIR) in the shell that runs Terraform, as the "
            "report says.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        reaches = {r.host: r for r in (deps[NetworkAuthHost], deps[NetworkApiHost])}
        bundle = ctx.options.ca_bundle
        differ = [r for r in reaches.values() if not r.route.direct or bundle]
        if not differ:
            routes = "; ".join(f"{r.host}: {r.route.shown()}" for r in reaches.values())
            return ok(
                "flexcheck connected directly and with the provider's trust store, as the "
                f"Terraform provider does ({routes})"
            )
        what = " and ".join(
            w
            for w, used in (
                ("a proxy", any(not r.route.direct for r in differ)),
                ("--ca-bundle", bool(bundle)),
            )
            if used
        )
        failures = [(r, hop) for r in differ if (hop := self._provider_walk(ctx, r))]
        if not failures:
            return ok(
                f"flexcheck used {what}; the route and trust the Terraform provider uses work "
                f"too ({', '.join(r.host for r in differ)})"
            )
        untrusted = all(hop.hop is Hop.TLS for _, hop in failures)
        shown = "; ".join(f"{r.host}: {HOP_NAMES[h.hop]} hop: {h.evidence}" for r, h in failures)
        if untrusted and bundle is not None:
            result = fail(
                f"flexcheck trusts {failures[0][0].host} only through --ca-bundle, which the "
                f"provider never reads: with its own trust store the TLS hop fails ({shown}). "
                f"{LOGIN_CRASH}",
                hint=trust_hint(bundle),
            )
            return result
        return Result(
            Status.FAIL,
            f"flexcheck reached FortiCloud with {what}, but the route the Terraform provider "
            f"takes (direct, its own trust store) fails: {shown}. terraform apply would fail "
            f"even though flexcheck's login passes: {LOGIN_CRASH}",
            hint="The fortiflexvm provider ignores HTTPS_PROXY and --ca-bundle. Allow direct "
            "HTTPS from this machine to the FortiCloud hosts, or run Terraform where the direct "
            "route works.",
            network=True,
        )

    def _provider_walk(self, ctx: Context, reach: HostReach) -> HopResult | None:
        """None when the provider's route works, else the hop where it fails."""
        timeouts = ctx.http.timeouts
        walk = Walker(
            reach.url,
            PROVIDER_ROUTE,
            provider_ssl_context(ctx.env),
            timeouts.connect,
            timeouts.read,
        ).walk()
        return walk.failed
