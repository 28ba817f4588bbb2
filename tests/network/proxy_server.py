"""A small CONNECT proxy on loopback for the tests: working, asking for credentials, bounded."""

from __future__ import annotations

import base64
import contextlib
import socket
import threading
from collections.abc import Mapping
from types import TracebackType

from tests.helpers import wake_accept


class ConnectProxy:
    """Tunnels CONNECT host:port to a loopback address; `hosts` maps names the proxy resolves."""

    def __init__(
        self,
        *,
        hosts: Mapping[str, str] | None = None,
        credentials: tuple[str, str] | None = None,
        max_connections: int = 32,
    ) -> None:
        self.hosts = dict(hosts or {})
        self.credentials = credentials
        self.connects: list[str] = []  # every CONNECT target asked for, in order
        self._slots = threading.BoundedSemaphore(max_connections)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = int(self._listener.getsockname()[1])
        self._stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="test-proxy", daemon=True)

    def url(self, user: str | None = None, password: str | None = None) -> str:
        auth = f"{user}:{password}@" if user is not None else ""
        return f"http://{auth}127.0.0.1:{self.port}"

    def __enter__(self) -> ConnectProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopping.set()
        wake_accept(self._listener)
        self._thread.join(timeout=5)
        self._listener.close()
        with self._lock:
            for conn in self._open:
                with contextlib.suppress(OSError):
                    conn.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._stopping.is_set():  # the wake-up from __exit__, or a late client
                client.close()
                return
            if not self._slots.acquire(blocking=False):
                client.close()
                continue
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _track(self, *conns: socket.socket) -> None:
        with self._lock:
            self._open.update(conns)

    def _handle(self, client: socket.socket) -> None:
        self._track(client)
        try:
            client.settimeout(5)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 16384:
                chunk = client.recv(4096)
                if not chunk:
                    return
                head += chunk
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {
                k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])
            }
            if method != "CONNECT":
                client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            self.connects.append(target)
            if self.credentials is not None:
                expected = base64.b64encode(":".join(self.credentials).encode()).decode()
                if headers.get("proxy-authorization") != f"Basic {expected}":
                    client.sendall(
                        b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                        b'Proxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n'
                    )
                    return
            host, _, port = target.rpartition(":")
            try:
                upstream = socket.create_connection((self.hosts.get(host, host), int(port)), 2)
            except OSError:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            self._track(upstream)
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            client.settimeout(None)
            pump = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
            pump.start()
            _pipe(client, upstream)
            pump.join(timeout=5)
        except (OSError, ValueError):
            return
        finally:
            client.close()
            self._slots.release()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
