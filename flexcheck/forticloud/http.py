"""The one seam for network I/O: an allow-listed, recorded, retrying JSON-over-HTTPS client."""

from __future__ import annotations

import email.utils
import os
import random
import ssl
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from flexcheck.errors import RequestRefused
from flexcheck.forticloud.detour import Detour
from flexcheck.forticloud.ledger import RequestLog, RequestRecord
from flexcheck.network.failures import classify_network_error
from flexcheck.network.route import Route, route_for
from flexcheck.secrets import redact

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
# Errors where the request surely did not reach the application, or the connection broke before
# an answer: safe to send again. A read timeout is not among them: it would triple a slow wait.
RETRYABLE_ERRORS = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.RemoteProtocolError,
    httpx.ReadError,
)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 10.0  # a server asking for longer is not waited for


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 15.0


class RequestHook(Protocol):
    """Sees every attempt: pacing waits in `before`, back-off and warm-up read `after`."""

    def before(self, url: httpx.URL) -> None: ...

    def after(self, url: httpx.URL, response: httpx.Response | None) -> None: ...


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Read Retry-After as seconds or as an HTTP date; None when absent or unreadable.

    Whatever a server sends is read defensively: `isdigit()` alone accepts "²", which `float`
    refuses, and a date may be out of any calendar's range.
    """
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - (time.time() if now is None else now))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


class HttpClient:
    """POSTs JSON to allow-listed URLs, records every request and retries only what is safe."""

    def __init__(
        self,
        *,
        allow: Callable[[httpx.URL], bool],
        verify: ssl.SSLContext,
        allow_body: Callable[[httpx.URL, Mapping[str, Any]], bool] | None = None,
        log: RequestLog | None = None,
        timeouts: Timeouts = Timeouts(),
        retry: RetryPolicy = RetryPolicy(),
        deadline: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
        env: Mapping[str, str] | None = None,
        ssl_factory: Callable[[], ssl.SSLContext] | None = None,
        hooks: Sequence[RequestHook] = (),
    ) -> None:
        self._allow = allow
        self._allow_body = allow_body
        self._hooks = tuple(hooks)
        self._winding_down: httpx.Timeout | None = None
        self.log = log or RequestLog()
        self.verify = verify
        self.timeouts = timeouts
        self._retry = retry
        self._deadline = deadline
        self._sleep = sleep
        self._transport = transport
        # The proxy variables are read from `env` (the run's snapshot) by flexcheck's own route
        # logic, never by httpx from the process: the network checks then diagnose exactly the
        # route the login takes. None keeps httpx's reading of the process environment.
        self._env = env
        self._trust_env = trust_env
        # truststore holds one lock per context for the whole TLS handshake: checks sharing a
        # context would wait for each other's handshakes (a hung one blocks them all). Each
        # independent user of TLS gets its own context from the factory.
        self._ssl_factory = ssl_factory
        self._clients: dict[tuple[str, str | None], httpx.Client] = {}
        self._detour = Detour()  # hosts whose proxy failed while the direct route works
        self._clients_lock = threading.Lock()
        self._closed = False  # final: a check past its time sends nothing after the run

    def fresh_ssl_context(self) -> ssl.SSLContext:
        """A context that trusts what `verify` trusts, for a caller handshaking on its own."""
        return self._ssl_factory() if self._ssl_factory is not None else self.verify

    def route(self, url: str) -> Route:
        """The route requests to `url` take: direct or through which proxy, and why."""
        if self._transport is not None or not self._trust_env:
            return Route(None, "proxy variables are not used in this run")
        reason = self._detour.reason(httpx.URL(url).host)
        if reason is not None:
            return Route(None, reason)
        return route_for(url, os.environ if self._env is None else self._env)

    def go_direct(self, host: str, reason: str) -> None:
        """From now on reach `host` directly, as the Terraform provider does: its proxy failed."""
        self._detour.go_direct(host, reason)

    def _around_dead_proxy(
        self, target: httpx.URL, send: Callable[[], httpx.Response]
    ) -> httpx.Response:
        return self._detour.send(target, lambda: self.route(str(target)), send)

    def client_for(self, url: httpx.URL, purpose: str = "api") -> httpx.Client:
        """One pool per route and purpose: the login's chain never queues behind a probe."""
        proxy = self.route(str(url)).proxy
        with self._clients_lock:
            if self._closed:
                raise RequestRefused(
                    f"flexcheck did not send a request to {redact.scrub_url(str(url))}: the run "
                    "had already ended (a check went on past its time limit)",
                    host=url.host,
                )
            client = self._clients.get((purpose, proxy))
            if client is None:
                client = httpx.Client(
                    verify=self.verify if purpose == "api" else self.fresh_ssl_context(),
                    timeout=httpx.Timeout(self.timeouts.read, connect=self.timeouts.connect),
                    follow_redirects=False,
                    # Off: the route above decides the proxy, and the SSL context the trust.
                    trust_env=False,
                    proxy=proxy,
                    transport=self._transport,
                )
                self._clients[(purpose, proxy)] = client
            return client

    def add_hook(self, hook: RequestHook) -> None:
        self._hooks = (*self._hooks, hook)

    def wind_down(self, timeout: float = 3.0) -> None:
        """The run is ending (interrupted): no more retries, and no request waits long."""
        self._winding_down = httpx.Timeout(timeout)

    def close(self) -> None:
        with self._clients_lock:
            clients, self._clients = list(self._clients.values()), {}
            self._closed = True
        for client in clients:
            client.close()

    def head(self, url: str) -> httpx.Response:
        """One HEAD of an allow-listed URL, never retried: proves the host answers HTTP.

        HEAD asks for headers only and changes nothing, whatever the endpoint does with POST.
        """
        target = self._allowed(url)
        self.client_for(target, "probe")  # refused before it is logged once the run has ended
        started, ticket = time.monotonic(), self._sent(target, "HEAD")
        try:
            response = self._around_dead_proxy(
                target, lambda: self.client_for(target, "probe").head(target)
            )
        except httpx.HTTPError as error:
            proxy = self.route(str(target)).proxy
            network_error = classify_network_error(error, target.host, proxy)
            self._record(ticket, target, None, started, network_error.hop, method="HEAD")
            raise network_error from None
        self._record(ticket, target, response.status_code, started, None, method="HEAD")
        return response

    def _allowed(self, url: str, body: Mapping[str, Any] | None = None) -> httpx.URL:
        target = httpx.URL(url)
        if not self._allow(target):
            raise RequestRefused(
                f"flexcheck refused to send a request to {redact.scrub_url(url)}: it is not on "
                "the list of read-only endpoints",
                host=target.host,
            )
        if body is not None and self._allow_body is not None and not self._allow_body(target, body):
            raise RequestRefused(
                f"flexcheck refused to send a request to {redact.scrub_url(url)}: its body could "
                "change the account (the write probe may only name a config that cannot exist)",
                host=target.host,
            )
        return target

    def post_json(
        self,
        url: str,
        body: Mapping[str, Any],
        *,
        headers: Mapping[str, str] | None = None,
        retry: bool = True,
    ) -> httpx.Response:
        """One logical request; the retries it needed each appear in the request log."""
        target = self._allowed(url, body)
        attempts = self._retry.attempts if retry and self._winding_down is None else 1
        for attempt in range(1, attempts + 1):
            for hook in self._hooks:
                hook.before(target)
            self.client_for(target)  # refused before it is logged once the run has ended
            started, ticket = time.monotonic(), self._sent(target, "POST")
            try:
                response = self._around_dead_proxy(
                    target,
                    lambda: self.client_for(target).post(
                        target,
                        json=dict(body),
                        headers=dict(headers or {}),
                        timeout=self._winding_down or httpx.USE_CLIENT_DEFAULT,
                    ),
                )
            except httpx.HTTPError as error:
                for hook in self._hooks:
                    hook.after(target, None)
                proxy = self.route(str(target)).proxy
                network_error = classify_network_error(error, target.host, proxy)
                self._record(ticket, target, None, started, network_error.hop)
                if (
                    not isinstance(error, RETRYABLE_ERRORS)
                    or attempt == attempts
                    or not self._may_retry(self._backoff(attempt))
                ):
                    raise network_error from None
                continue
            self._record(ticket, target, response.status_code, started, None)
            for hook in self._hooks:
                hook.after(target, response)
            if response.status_code not in RETRYABLE_STATUSES or attempt == attempts:
                return response
            delay = retry_after_seconds(response.headers.get("Retry-After"))
            if delay is None:
                delay = self._backoff(attempt)
            if delay > self._retry.max_retry_after or not self._may_retry(delay):
                return response
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self._retry.max_delay, self._retry.base_delay * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)  # noqa: S311  # jitter, not cryptography

    def _may_retry(self, delay: float) -> bool:
        # Never once the run winds down (Ctrl-C), before the wait or during it: a login retried
        # then could be issued a token nobody wanted.
        return self._winding_down is None and self._may_wait(delay) and self._winding_down is None

    def _may_wait(self, delay: float) -> bool:
        if self._deadline is not None and time.monotonic() + delay >= self._deadline:
            return False
        self._sleep(delay)
        return True

    def _sent(self, url: httpx.URL, method: str) -> int:
        return self.log.sent(method, _shown(url))

    def _record(
        self,
        ticket: int,
        url: httpx.URL,
        status: int | None,
        started: float,
        error: str | None,
        *,
        method: str = "POST",
    ) -> None:
        duration_ms = int((time.monotonic() - started) * 1000)
        self.log.answered(ticket, RequestRecord(method, _shown(url), status, duration_ms, error))


def _shown(url: httpx.URL) -> str:
    return redact.scrub_url(str(url) if not url.query else str(url.copy_with(query=None)))
