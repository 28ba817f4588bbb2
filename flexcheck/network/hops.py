"""Walks the hops to a host one by one (DNS, TCP, proxy, TLS) and names the first that fails."""

from __future__ import annotations

import base64
import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx

from flexcheck.network.route import Route
from flexcheck.network.tls_verdict import CA_HINT, explain
from flexcheck.network.x509 import CertificateFacts, CertificateUnreadable, read_certificate

_MAX_PROXY_ANSWER = 16 * 1024


class Hop(StrEnum):
    DNS = "dns"
    CONNECT = "connect"
    PROXY = "proxy"
    TLS = "tls"
    HTTP = "http"


@dataclass(frozen=True)
class HopResult:
    hop: Hop
    ok: bool
    evidence: str
    hint: str = ""


class _HopFailed(Exception):
    def __init__(self, result: HopResult) -> None:
        super().__init__(result.evidence)
        self.result = result


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    tls: bool

    @classmethod
    def of(cls, url: str) -> Target:
        parsed = httpx.URL(url)
        tls = parsed.scheme == "https"
        return cls(parsed.host, parsed.port or (443 if tls else 80), tls)

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def resolve(host: str, port: int, timeout: float) -> list[str]:
    """The host's addresses; getaddrinfo has no timeout of its own, so it runs aside."""
    answer: list[list[str]] = []
    failure: list[OSError] = []

    def work() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            answer.append(list(dict.fromkeys(str(info[4][0]) for info in infos)))
        except OSError as error:
            failure.append(error)

    worker = threading.Thread(target=work, name=f"resolve-{host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if failure:
        error = failure[0]
        raise _HopFailed(
            HopResult(
                Hop.DNS,
                False,
                f"could not resolve {host}: {error.strerror or error}",
                "Check the name for typos and this machine's DNS settings; behind a corporate "
                "proxy, the proxy (HTTPS_PROXY) may be the only way out.",
            )
        )
    if not answer:
        raise _HopFailed(
            HopResult(
                Hop.DNS,
                False,
                f"the resolver gave no answer for {host} within {_seconds(timeout)}",
                "Check this machine's DNS servers.",
            )
        )
    return answer[0]


def _connect(addresses: list[str], port: int, timeout: float, what: str, hop: Hop) -> socket.socket:
    last = ""
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except ConnectionRefusedError:
            last = f"{what} ({address}:{port}) refused the connection: nothing listens there, or "
            last += "a firewall rejects it"
        except TimeoutError:
            last = f"{what} ({address}:{port}) did not accept a TCP connection within "
            last += f"{_seconds(timeout)}: a firewall may be dropping it"
        except OSError as error:
            last = f"could not connect to {what} ({address}:{port}): {error.strerror or error}"
    hint = (
        "Check the proxy address in your proxy variables and that the proxy is running."
        if hop is Hop.PROXY
        else "Check that this machine may open HTTPS connections to this host (firewall, VPN); "
        "if your network requires a proxy, set HTTPS_PROXY."
    )
    raise _HopFailed(HopResult(hop, False, last, hint))


def _read_head(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < _MAX_PROXY_ANSWER:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def _tunnel(sock: socket.socket, route: Route, target: Target, timeout: float) -> HopResult:
    """Ask the proxy for a tunnel to the target, as an HTTPS client behind it does."""
    proxy = httpx.URL(route.proxy or "")
    shown = f"the proxy {proxy.host}:{proxy.port}"
    request = f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\nUser-Agent: flexcheck\r\n"
    if proxy.username:
        pair = f"{proxy.username}:{proxy.password}".encode()
        request += f"Proxy-Authorization: Basic {base64.b64encode(pair).decode()}\r\n"
    sock.settimeout(timeout)
    try:
        sock.sendall((request + "\r\n").encode())
        head = _read_head(sock)
    except TimeoutError:
        raise _HopFailed(
            HopResult(
                Hop.PROXY,
                False,
                f"{shown} gave no answer to CONNECT {target} within {_seconds(timeout)}",
                "Check that the proxy variable names an HTTP proxy.",
            )
        ) from None
    except OSError as error:
        raise _HopFailed(
            HopResult(Hop.PROXY, False, f"{shown} broke the connection: {error}")
        ) from None
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1").strip()
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise _HopFailed(
            HopResult(
                Hop.PROXY,
                False,
                f"{shown} did not answer CONNECT like an HTTP proxy "
                f"({status_line[:80] or 'no answer'})",
            )
        )
    status = int(parts[1])
    said = f"{status} {parts[2] if len(parts) > 2 else ''}".strip()
    if status == 407:
        given = "refused the user and password given" if proxy.username else "wants credentials"
        raise _HopFailed(
            HopResult(
                Hop.PROXY,
                False,
                f"{shown} answered {said} to CONNECT {target}: it {given}",
                "Put the proxy user and password in the proxy variable "
                "(http://user:password@proxy:port), or ask IT to allow this host without "
                "authentication.",
            )
        )
    if not 200 <= status < 300:
        raise _HopFailed(
            HopResult(
                Hop.PROXY,
                False,
                f"{shown} refused to open a tunnel to {target}: {said}",
                f"Ask IT to allow HTTPS (CONNECT) to {target.host} through the proxy.",
            )
        )
    return HopResult(Hop.PROXY, True, f"{shown} opened a tunnel to {target} ({said})")


def _unverified_certificate(
    open_path: contextlib.AbstractContextManager[socket.socket], host: str
) -> CertificateFacts | None:
    """The certificate the host presents, read without trusting it: only to name its issuer."""
    peek = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    peek.check_hostname = False
    peek.verify_mode = ssl.CERT_NONE  # never used to send anything: it only reads a name
    try:
        with open_path as sock, peek.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
        return read_certificate(der) if der else None
    except (OSError, CertificateUnreadable, _HopFailed):
        return None


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
            sock = _connect(addresses, target.port, self.connect_timeout, target.host, Hop.CONNECT)
            hops.append(HopResult(Hop.CONNECT, True, f"TCP connection to {target} open"))
        else:
            proxy = httpx.URL(self.route.proxy)
            port = proxy.port or (443 if proxy.scheme == "https" else 80)
            try:
                addresses = resolve(proxy.host, port, self.connect_timeout)
            except _HopFailed as failed:
                raise _HopFailed(
                    HopResult(
                        Hop.PROXY,
                        False,
                        f"the proxy's name: {failed.result.evidence}",
                        "Check the proxy address in your proxy variables.",
                    )
                ) from None
            sock = _connect(
                addresses, port, self.connect_timeout, f"the proxy {proxy.host}", Hop.PROXY
            )
            try:
                hops.append(_tunnel(sock, self.route, target, self.read_timeout))
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
                        hops.append(self._handshake(sock))
        except _HopFailed as failed:
            hops.append(failed.result)
        return Walk(self.target, self.route, tuple(hops), time.monotonic() - started)

    def _handshake(self, sock: socket.socket) -> HopResult:
        host = self.target.host
        sock.settimeout(self.connect_timeout)
        try:
            with self.context.wrap_socket(sock, server_hostname=host) as tls:
                cert = tls.getpeercert() or {}
                version = tls.version() or "TLS"
        except ssl.SSLCertVerificationError as error:
            facts = _unverified_certificate(self._path([]), host)
            evidence, hint = explain(host, error, facts)
            raise _HopFailed(HopResult(Hop.TLS, False, evidence, hint)) from None
        except TimeoutError:
            raise _HopFailed(
                HopResult(
                    Hop.TLS,
                    False,
                    f"{self.target} accepted the connection but gave no "
                    f"TLS answer within {_seconds(self.connect_timeout)}",
                    "Something holds the connection without answering: a firewall, or a "
                    "service that is not HTTPS on this port.",
                )
            ) from None
        except (ssl.SSLError, OSError) as error:
            raise _HopFailed(
                HopResult(
                    Hop.TLS,
                    False,
                    f"the TLS handshake with {self.target} failed: "
                    f"{getattr(error, 'reason', None) or error}",
                    CA_HINT,
                )
            ) from None
        issuer = _issuer(cert)
        return HopResult(
            Hop.TLS, True, f"{version} certificate for {host} issued by {issuer}, trusted"
        )


def _issuer(cert: Mapping[str, Any]) -> str:
    names: dict[str, str] = {}
    for rdn in cert.get("issuer", ()):
        for key, value in rdn:
            names.setdefault(key, value)
    return repr(names.get("commonName") or names.get("organizationName") or "an unnamed CA")
