"""Will Terraform take the route flexcheck took? Its provider ignores the proxy variables."""

from __future__ import annotations

from checks.network_hosts import HOP_NAMES, HostReach, NetworkApiHost, NetworkAuthHost
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Result, Status, ok, warn
from flexcheck.network.hops import Walker
from flexcheck.network.route import Route

# The fortiflexvm provider's Go HTTP transport sets no Proxy function (fortiflex-api.md):
# it connects directly whatever HTTPS_PROXY says. Re-check when the provider changes.
TERRAFORM_ROUTE = Route(None, "the route the Terraform provider takes: it sets no proxy")


class ProxyParity(Check[None]):
    id = "proxy-parity"
    title = "Terraform takes a working route: the direct one, without the proxy"
    requires = (NetworkAuthHost, NetworkApiHost)
    network = True
    order = 27
    explanation = (
        "The fortiflexvm provider ignores HTTPS_PROXY and always connects directly. When "
        "flexcheck reached FortiCloud through a proxy, this check also walks the direct route "
        "the provider takes to each host (DNS, TCP, TLS): where only the proxy gets out, "
        "flexcheck's login passes and terraform apply still fails."
    )
    failure_modes = (
        FailureMode(
            Status.WARN,
            "flexcheck reached FortiCloud through the proxy, but the direct route the provider "
            "takes fails (the report names the host and the hop)",
            "Allow direct HTTPS from this machine to the FortiCloud hosts, or run Terraform "
            "where the direct route works.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        reaches = {r.host: r for r in (deps[NetworkAuthHost], deps[NetworkApiHost])}
        proxied = [r for r in reaches.values() if not r.route.direct]
        if not proxied:
            routes = "; ".join(f"{r.host}: {r.route.shown()}" for r in reaches.values())
            return ok(f"flexcheck connected directly, as the Terraform provider does ({routes})")
        broken: list[str] = []
        working: list[str] = []
        for reach in proxied:
            walked = self._direct(ctx, reach)
            if walked:
                broken.append(walked)
            else:
                working.append(reach.host)
        used = "; ".join(f"{r.host}: {r.route.shown()}" for r in proxied)
        if broken:
            return warn(
                f"flexcheck reached FortiCloud {used}, but the direct route the Terraform "
                f"provider takes fails: {'; '.join(broken)}. terraform apply would fail even "
                "though flexcheck's login passes",
                hint="The fortiflexvm provider ignores HTTPS_PROXY. Allow direct HTTPS from this "
                "machine to the FortiCloud hosts, or run Terraform where the direct route works.",
            )
        return ok(
            f"flexcheck used {used}; the direct route the Terraform provider takes works too "
            f"({', '.join(working)})"
        )

    def _direct(self, ctx: Context, reach: HostReach) -> str:
        """'' when the direct route works, else the failing hop and its evidence."""
        timeouts = ctx.http.timeouts
        walk = Walker(
            reach.url,
            TERRAFORM_ROUTE,
            ctx.http.fresh_ssl_context(),
            timeouts.connect,
            timeouts.read,
        ).walk()
        failed = walk.failed
        return f"{HOP_NAMES[failed.hop]} hop: {failed.evidence}" if failed else ""
