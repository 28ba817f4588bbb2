"""The proxy hop: ask an HTTP proxy for a CONNECT tunnel and read what it answers."""

from __future__ import annotations

import base64
import socket

import httpx

from flexcheck.network.hop import Hop, HopFailed, HopResult, Target, seconds
from flexcheck.network.meanings import proxy_answer
from flexcheck.network.route import Route

_MAX_PROXY_ANSWER = 16 * 1024


def _read_head(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < _MAX_PROXY_ANSWER:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def tunnel(sock: socket.socket, route: Route, target: Target, timeout: float) -> HopResult:
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
        raise HopFailed(
            HopResult(
                Hop.PROXY,
                False,
                f"{shown} gave no answer to CONNECT {target} within {seconds(timeout)}",
                "Check that the proxy variable names an HTTP proxy.",
            )
        ) from None
    except OSError as error:
        raise HopFailed(
            HopResult(Hop.PROXY, False, f"{shown} broke the connection: {error}")
        ) from None
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1").strip()
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise HopFailed(
            HopResult(
                Hop.PROXY,
                False,
                f"{shown} did not answer CONNECT like an HTTP proxy "
                f"({status_line[:80] or 'no answer'})",
            )
        )
    status = int(parts[1])
    said = f"{status} {parts[2] if len(parts) > 2 else ''}".strip()
    if not 200 <= status < 300:
        meant, hint = proxy_answer(status, said, str(target), bool(proxy.username))
        evidence = f"{shown} answered {said} to CONNECT {target}: {meant}"
        raise HopFailed(HopResult(Hop.PROXY, False, evidence, hint))
    return HopResult(Hop.PROXY, True, f"{shown} opened a tunnel to {target} ({said})")
