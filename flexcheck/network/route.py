"""Which route a request takes: the proxy variables decide it, the same way for every caller."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from flexcheck.secrets import redact

# Lower case first: curl, urllib and httpx prefer it when both spellings are set.
_PROXY_VARIABLES = {
    "https": ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"),
    "http": ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"),
}
_NO_PROXY_VARIABLES = ("no_proxy", "NO_PROXY")


@dataclass(frozen=True)
class Route:
    """Direct, or through a proxy; `reason` says which variable decided it."""

    proxy: str | None
    reason: str

    @property
    def direct(self) -> bool:
        return self.proxy is None

    def shown(self) -> str:
        """The route as it may be printed: never a proxy password."""
        if self.proxy is None:
            return f"direct ({self.reason})"
        return f"through the proxy {redact.scrub_url(self.proxy)} ({self.reason})"


def _first(env: Mapping[str, str], names: tuple[str, ...]) -> tuple[str, str] | None:
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return name, value
    return None


def _bypass_entry(host: str, port: int, no_proxy: str) -> str | None:
    """The NO_PROXY entry that sends `host` direct, if any."""
    host = host.lower().strip("[]")
    for raw in no_proxy.split(","):
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry == "*":
            return entry
        name, entry_port = entry.split(":") if entry.count(":") == 1 else (entry, "")
        if entry_port.isdigit() and int(entry_port) != port:
            continue
        if _matches(host, name):
            return raw.strip()
    return None


def _matches(host: str, entry: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        suffix = entry.lstrip("*").lstrip(".")
        return host == suffix or host.endswith("." + suffix)
    try:
        return address in ipaddress.ip_network(entry.strip("[]"), strict=False)
    except ValueError:
        return False


def proxy_url(value: str) -> str:
    """A proxy variable's value as a URL; a bare host:port means an HTTP proxy."""
    url = value if "://" in value else "http://" + value
    password = httpx.URL(url).password
    if password:
        redact.remember(password)  # from now on every output scrubs it, wherever it appears
    return url


def route_for(url: str, env: Mapping[str, str]) -> Route:
    """The route to `url` given the proxy variables in `env`."""
    target = httpx.URL(url)
    names = _PROXY_VARIABLES.get(target.scheme)
    found = _first(env, names) if names else None
    if found is None:
        return Route(None, "no proxy variable is set")
    variable, value = found
    no_proxy = _first(env, _NO_PROXY_VARIABLES)
    if no_proxy is not None:
        port = target.port or (443 if target.scheme == "https" else 80)
        entry = _bypass_entry(target.host, port, no_proxy[1])
        if entry is not None:
            return Route(None, f"{no_proxy[0]} entry {entry!r} bypasses {variable}")
    return Route(proxy_url(value), variable)
