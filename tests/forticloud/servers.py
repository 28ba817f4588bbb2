"""Real loopback servers that answer as things other than FortiCloud do: a web server at a wrong
path, a block page, a captive portal, a proxy with a fixed answer, a TLS 1.0-only server."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import warnings
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import trustme

from tests.helpers import wake_accept

# (status, headers, body) for a request's (method, path)
Reply = tuple[int, dict[str, str], bytes]
Responder = Callable[[str, str], Reply]

BLOCK_PAGE: Reply = (
    403,
    {"Content-Type": "text/html"},
    b"<html><head><title>Access Denied - Corporate Web Filter</title></head>"
    b"<body>This site is blocked by policy.</body></html>",
)
CAPTIVE_PORTAL: Reply = (302, {"Location": "http://portal.example/login"}, b"")
NOT_FOUND_TEXT: Reply = (404, {"Content-Type": "text/plain"}, b"Not found")


class _Handler(BaseHTTPRequestHandler):
    responder: Responder

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        status, headers, body = self.responder(self.command, self.path)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, format: str, *args: Any) -> None:
        return None


@contextlib.contextmanager
def http_server(responder: Responder, ssl_context: ssl.SSLContext | None = None) -> Iterator[str]:
    """A web server on loopback answering every request with `responder`; yields its base URL."""
    handler = type("Handler", (_Handler,), {"responder": staticmethod(responder)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if ssl_context is not None:
        server.socket = ssl_context.wrap_socket(server.socket, server_side=True)
    # serve_forever notices shutdown() only at its next poll: the default 0.5 s was half a
    # second idle at the end of every test. Few tests start this server; the emulator, started
    # hundreds of times, is woken at once instead (flexcheck/emulator/server.py).
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    scheme = "https" if ssl_context is not None else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def fixed_proxy(status_line: bytes) -> Iterator[int]:
    """An HTTP proxy that answers every CONNECT with `status_line` (e.g. b"503 Service
    Unavailable"), as tinyproxy and squid do for a bad password or a host that is down."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stopping = threading.Event()

    def serve() -> None:
        while not stopping.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if stopping.is_set():  # the wake-up below, or a late client
                client.close()
                return
            with client:
                client.settimeout(2)
                head = b""
                with contextlib.suppress(OSError):
                    while b"\r\n\r\n" not in head:
                        chunk = client.recv(4096)
                        if not chunk:
                            break
                        head += chunk
                    client.sendall(b"HTTP/1.1 " + status_line + b"\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stopping.set()
        wake_accept(listener)
        thread.join(timeout=2)
        listener.close()


def old_tls_only_context(
    ca: trustme.CA, version: ssl.TLSVersion = ssl.TLSVersion.TLSv1
) -> ssl.SSLContext:
    """A server context limited to one old TLS version: OpenSSL 3 allows it at security level 0."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = version
        context.maximum_version = version
    return context
