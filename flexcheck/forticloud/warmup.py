"""Opens the run's first connection (TCP and TLS) while the offline checks still run.

No HTTP request is sent: the warm-up only connects, inside the run's own httpx connection pool,
so the login reuses the connection instead of paying for DNS, TCP and the TLS handshake itself.
httpcore has no public way to pre-connect, so this reaches into its pool; anything unexpected
(another httpcore, a proxy, a mock transport, any error) just means no warm-up. The real request
then connects as usual and reports any network problem itself.
"""

from __future__ import annotations

import contextlib
import select
import ssl
import threading
import time
from typing import Any

import httpx

from flexcheck.forticloud.http import HttpClient

JOIN_TIMEOUT = 10.0  # never longer than a connect timeout; the request connects itself after


class Warmup:
    """One background connection attempt; the first request to that origin waits for it."""

    def __init__(self, http: HttpClient, url: str, connect_timeout: float = 5.0) -> None:
        self._url = httpx.URL(url)
        self._origin = _origin_key(self._url)
        self._done = threading.Event()
        self.connected = False
        self._socket: Any = None  # the warm TLS socket, drained once more before first use
        self._thread = threading.Thread(
            target=self._connect,
            args=(http.client_for(self._url), connect_timeout),
            name="flexcheck-warmup",
            daemon=True,
        )

    def start(self) -> Warmup:
        self._thread.start()
        return self

    def before(self, url: httpx.URL) -> None:
        # Waiting costs nothing: without it the request would open a second connection.
        if _origin_key(url) == self._origin:
            self._done.wait(JOIN_TIMEOUT)
            sock, self._socket = self._socket, None
            if sock is not None:
                # On a loaded machine the tickets may come after the warm-up stopped waiting.
                _drain_tickets(sock, wait=0.0)

    def after(self, url: httpx.URL, response: httpx.Response | None) -> None:
        return None

    def _connect(self, client: httpx.Client, connect_timeout: float) -> None:
        try:
            self.connected, self._socket = _preconnect(client, self._url, connect_timeout)
        except Exception:  # noqa: S110  # best effort: the real request reports the problem
            pass
        finally:
            self._done.set()


def _origin_key(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


def _read_session_tickets(sock: Any, tls: ssl.SSLObject, handshake: float) -> bool:
    """TLS 1.3 servers send session tickets a round trip after the handshake. Unread, they make
    the idle connection look readable, and httpcore would throw it away as closed by the server.
    """
    if tls.version() != "TLSv1.3" or not isinstance(sock, ssl.SSLSocket):
        return True
    return _drain_tickets(sock, wait=min(max(handshake, 0.01), 0.5))


def _drain_tickets(sock: Any, *, wait: float) -> bool:
    """Consume whatever TLS records wait on `sock`; False if the server closed or sent data."""
    readable, _, _ = select.select([sock], [], [], wait)
    if not readable:
        return True
    sock.setblocking(False)
    try:
        sock.recv(1)
    except ssl.SSLWantReadError:
        return True  # only the tickets: now read
    finally:
        sock.setblocking(True)
    return False  # closed (b""), or the server talks unasked: do not reuse it


def _preconnect(client: httpx.Client, url: httpx.URL, connect_timeout: float) -> tuple[bool, Any]:
    """Whether a warm connection is now pooled, and its TLS 1.3 socket if it has one."""
    import httpcore
    from httpcore._sync.http11 import HTTPConnectionState

    transport = client._transport_for_url(url)
    pool: Any = getattr(transport, "_pool", None)
    # Only a direct pool: proxies tunnel differently, and a mock transport has nothing to open.
    if not isinstance(transport, httpx.HTTPTransport) or type(pool) is not httpcore.ConnectionPool:
        return False, None
    core_url = httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=b"/")
    connection = pool.create_connection(core_url.origin)
    if not isinstance(connection, httpcore.HTTPConnection):
        return False, None
    request = httpcore.Request(
        b"POST", core_url, extensions={"timeout": {"connect": connect_timeout}}
    )
    started = time.monotonic()
    stream = connection._connect(request)
    ssl_object = stream.get_extra_info("ssl_object")
    if ssl_object is not None and ssl_object.selected_alpn_protocol() == "h2":
        stream.close()
        return False, None
    if ssl_object is not None and not _read_session_tickets(
        stream.get_extra_info("socket"), ssl_object, time.monotonic() - started
    ):
        stream.close()
        return False, None
    http11 = httpcore.HTTP11Connection(
        origin=core_url.origin, stream=stream, keepalive_expiry=pool._keepalive_expiry
    )
    http11._state = HTTPConnectionState.IDLE  # connected, no request yet: ready for the first
    connection._connection = http11
    with pool._optional_thread_lock:
        if len(pool._connections) < pool._max_connections:
            pool._connections.append(connection)
            sock = stream.get_extra_info("socket") if ssl_object is not None else None
            return True, sock if isinstance(sock, ssl.SSLSocket) else None
    with contextlib.suppress(Exception):
        connection.close()
    return False, None
