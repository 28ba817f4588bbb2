"""Going direct where a proxy only flexcheck uses fails, as the Terraform provider always does."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from flexcheck.network.route import Route


def direct_reason(route: Route) -> str:
    """Why a proxied host is now reached directly."""
    return f"as the Terraform provider connects; {route.reason}'s proxy fails"


class Detour:
    """The hosts reached directly because their proxy failed while the direct route works."""

    def __init__(self) -> None:
        self._hosts: dict[str, str] = {}

    def reason(self, host: str) -> str | None:
        return self._hosts.get(host)

    def go_direct(self, host: str, reason: str) -> None:
        self._hosts[host] = reason

    def send(
        self, target: httpx.URL, route: Callable[[], Route], send: Callable[[], httpx.Response]
    ) -> httpx.Response:
        """Send; when the proxy itself fails, send again directly.

        The provider ignores HTTPS_PROXY, so a proxy only flexcheck would use must not stop
        the run. When the direct route fails too, the proxy's own error is the one raised.
        """
        # The route this attempt takes, read before it is sent: another request to the same
        # host may fail over meanwhile, and reading it afterwards took this proxied attempt
        # for a direct one, whose error is final (a 407 at login while the direct route works).
        used = route()
        try:
            return send()
        except (httpx.ProxyError, httpx.ConnectError, httpx.ConnectTimeout):
            if used.direct:
                raise
            self.go_direct(target.host, direct_reason(used))
            try:
                return send()
            except httpx.HTTPError:
                self._hosts.pop(target.host, None)
            raise
