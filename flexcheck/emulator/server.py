"""The HTTP(S) server on loopback: keep-alive, TLS, latency, faults, Date clock, recording."""

from __future__ import annotations

import contextlib
import json
import selectors
import socket
import socketserver
import ssl
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

from flexcheck.emulator.faults import FaultQueue, broken_answer
from flexcheck.emulator.handlers import Answer, Policy, handle, identify
from flexcheck.emulator.recording import Recorder
from flexcheck.emulator.state import State
from flexcheck.emulator.values import Fault


class Emulator(Protocol):
    """What the server reads from the emulator that owns it (the owner imports this module)."""

    ssl_context: ssl.SSLContext | None
    clock_offset: float
    latency: float
    state: State
    policy: Policy
    faults: FaultQueue
    recorder: Recorder

    def pause(self, seconds: float | None) -> bool: ...


_MAX_BODY = 1 << 20
_TLS_HANDSHAKE_TIMEOUT = 10.0


class _BadRequestError(Exception):
    pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        self.emulator = emulator
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        # socketserver's serve_forever looks for a shutdown only once per poll interval, so each
        # stop waited for one; a suite starts hundreds of emulators. A byte on this pair wakes
        # serve() at once.
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._stop_requested = False
        self._served = threading.Event()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def serve(self) -> None:
        """Accept and answer connections until stop_serving()."""
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self, selectors.EVENT_READ)
                selector.register(self._wake_reader, selectors.EVENT_READ)
                while not self._stop_requested:
                    ready = selector.select()
                    if self._stop_requested:
                        break
                    if any(key.fileobj is self for key, _ in ready):
                        self.handle_request()  # a connection is waiting: it does not block
                    self.service_actions()
        finally:
            self._served.set()

    def stop_serving(self) -> None:
        """Make serve() return, and wait until it has (at once if it already returned)."""
        self._stop_requested = True
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"\0")
        self._served.wait(timeout=5)

    def server_close(self) -> None:
        super().server_close()
        self._wake_reader.close()
        self._wake_writer.close()

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, which can stall on a bad resolver.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def finish_request(self, request: Any, client_address: Any) -> None:
        context = self.emulator.ssl_context
        conn: socket.socket = request
        self._track(conn)
        try:
            if context is not None:
                conn.settimeout(_TLS_HANDSHAKE_TIMEOUT)
                try:
                    tls = context.wrap_socket(conn, server_side=True)
                except (ssl.SSLError, OSError):
                    return  # a client that does not trust us: nothing to answer
                self._untrack(conn)
                conn = tls
                self._track(conn)
                conn.settimeout(None)
            super().finish_request(conn, client_address)
        finally:
            self._untrack(conn)
            if conn is not request:
                conn.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer is normal here (timeouts, drops); bugs are not."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def _track(self, conn: socket.socket) -> None:
        with self._open_lock:
            self._open.add(conn)

    def _untrack(self, conn: socket.socket) -> None:
        with self._open_lock:
            self._open.discard(conn)

    def cut_connections(self) -> None:
        """Unblock every handler thread, including one holding a keep-alive connection open."""
        with self._open_lock:
            conns = list(self._open)
        for conn in conns:
            # The plain-socket shutdown, even for TLS: ssl's own would race the reader thread.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(conn, socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "flexcheck-emulator"
    sys_version = ""
    # Headers and body go out in two writes; with Nagle on, each answer waits ~40 ms for an ACK.
    disable_nagle_algorithm = True
    server: Server

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: test output should show test results, not access logs."""

    def date_time_string(self, timestamp: float | None = None) -> str:
        moment = time.time() if timestamp is None else timestamp
        return formatdate(moment + self.server.emulator.clock_offset, usegmt=True)

    def do_POST(self) -> None:
        self._serve()

    do_GET = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_POST

    def _serve(self) -> None:
        emulator = self.server.emulator
        at = time.time()
        path = urlsplit(self.path).path
        try:
            raw = self._read_body()
        except _BadRequestError as error:
            self.close_connection = True
            self._send(400, json.dumps({"status": -1, "message": str(error)}).encode())
            return
        authorization = self.headers.get("Authorization")
        user = identify(emulator.state, path, raw, authorization)

        def record(status: int) -> None:
            emulator.recorder.record(self.command, path, raw, status, user, at)

        if not emulator.pause(emulator.latency):
            record(0)
            self.close_connection = True
            return
        fault = emulator.faults.take(path, self.command)
        if fault is not None:
            self._misbehave(fault, path, record)
            return
        try:
            answer = handle(emulator.state, emulator.policy, self.command, path, raw, authorization)
        except Exception:
            traceback.print_exc()  # a bug in the emulator: loud on stderr, a 500 on the wire
            answer = Answer(500, {"status": -1, "message": "Emulator error."})
        record(answer.status)
        extra = (("Allow", "POST"),) if answer.status == 405 else ()
        self._send(answer.status, json.dumps(answer.body).encode(), headers=extra)

    def _misbehave(self, fault: Fault, path: str, record: Callable[[int], None]) -> None:
        if fault.kind == "hang":
            record(0)
            self.server.emulator.pause(fault.seconds or None)
            self.close_connection = True
            return
        broken = broken_answer(fault, path)
        record(broken.status)
        if broken.body is None:
            self.close_connection = True
            return
        self._send(broken.status, broken.body, broken.content_type, broken.headers)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _BadRequestError("Invalid Content-Length.") from None
        if not 0 <= length <= _MAX_BODY:
            raise _BadRequestError("Invalid Content-Length.")
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes:
        body = bytearray()
        while True:
            try:
                size = int(self.rfile.readline(1024).split(b";")[0].strip(), 16)
            except ValueError:
                raise _BadRequestError("Invalid chunked body.") from None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return bytes(body)
            body += self.rfile.read(size)
            self.rfile.readline(1024)
            if len(body) > _MAX_BODY:
                raise _BadRequestError("Body too large.")

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "application/json",
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
