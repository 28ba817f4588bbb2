"""An httpx failure, named by the hop that failed and its evidence: DNS, connect, proxy, TLS."""

from __future__ import annotations

import socket
import ssl

import httpx

from flexcheck.errors import NetworkError
from flexcheck.network.meanings import explain_handshake, proxy_answer
from flexcheck.network.tls_verdict import CA_HINT
from flexcheck.secrets import redact


def _cause_chain(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def classify_network_error(
    error: httpx.HTTPError, host: str, proxy: str | None = None
) -> NetworkError:
    """Name the hop that failed and its evidence, in words a user can act on.

    With a `proxy`, failing to resolve or reach it is the proxy hop, not the host's.
    """
    chain = _cause_chain(error)
    # A timeout stays ambiguous here: the proxy, or the host's TLS through the tunnel.
    unreachable = any(isinstance(c, socket.gaierror | ConnectionRefusedError) for c in chain)
    if proxy is not None and isinstance(error, httpx.ConnectError) and unreachable:
        return NetworkError(
            f"the proxy {redact.scrub_url(proxy)} could not be reached on the way to {host}: "
            f"{error or type(error).__name__}",
            host=host,
            hop="proxy",
        )
    if isinstance(error, httpx.ProxyError):
        return _proxy_refused(error, host, proxy)
    if isinstance(error, httpx.TimeoutException):
        phase = "connecting to" if isinstance(error, httpx.ConnectTimeout) else "waiting for"
        return NetworkError(f"timed out {phase} {host}", host=host, hop="timeout")
    for cause in chain:
        if isinstance(cause, socket.gaierror):
            return NetworkError(
                f"could not resolve {host} (DNS): {cause.strerror or cause}", host=host, hop="dns"
            )
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = cause.verify_message or str(cause)
            return NetworkError(
                f"TLS certificate of {host} is not trusted: {reason}",
                host=host,
                hop="tls",
                hint=CA_HINT,
            )
        if isinstance(cause, ssl.SSLError):
            evidence, hint = explain_handshake(host, cause)
            return NetworkError(evidence, host=host, hop="tls", hint=hint)
        if isinstance(cause, ConnectionRefusedError):
            return NetworkError(f"{host} refused the connection", host=host, hop="connect")
    if isinstance(error, httpx.ConnectError):
        return NetworkError(f"could not connect to {host}: {error}", host=host, hop="connect")
    return NetworkError(
        f"the connection to {host} broke: {error or type(error).__name__}", host=host, hop="http"
    )


def _proxy_refused(error: httpx.ProxyError, host: str, proxy: str | None) -> NetworkError:
    """httpx words a refused CONNECT as its status line ("407 Proxy Authentication Required")."""
    said = str(error).strip()
    code = said.split(" ", 1)[0]
    if not code.isdigit():
        return NetworkError(
            f"the proxy refused the connection to {host}: {said}", host=host, hop="proxy"
        )
    credentials = proxy is not None and bool(httpx.URL(proxy).username)
    meant, hint = proxy_answer(int(code), said, host, credentials)
    return NetworkError(
        f"the proxy answered {said} to the tunnel for {host}: {meant}",
        host=host,
        hop="proxy",
        hint=hint,
    )
