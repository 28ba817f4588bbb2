"""Small builders shared by tests: contexts over MockTransport (for pure parsing) or loopback."""

from __future__ import annotations

import contextlib
import functools
import socket
import ssl
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from flexcheck.core.context import Context, Options
from flexcheck.forticloud.http import HttpClient, RetryPolicy

Handler = Callable[[httpx.Request], httpx.Response]


def wake_accept(listener: socket.socket) -> None:
    """End a wait in `listener.accept()` at once, by connecting to it: a server thread that only
    looked at its stop flag between accept time-outs made each test wait for one at its end."""
    with contextlib.suppress(OSError), socket.create_connection(listener.getsockname()[:2], 1):
        pass


@functools.cache
def system_trust() -> ssl.SSLContext:
    """One default context per test process, shared by every client that never verifies with it.

    Loading the system's CA store costs about 20 ms, and some 600 tests build a client whose
    transport is mocked or whose server speaks plain HTTP. Nothing may change this context: a
    test that trusts its own CA builds a context of its own.
    """
    return ssl.create_default_context()


def interpreter_floor_of_openssl(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new SSL context starts at OpenSSL's lowest TLS version, as on Debian and Ubuntu.

    Their python3 is built to take OpenSSL's defaults, where python.org's builds (and pyenv's)
    set TLS 1.2 as the floor of every client context themselves.
    """
    made_by_python = ssl.SSLContext.__new__

    def debian_like(cls: type[ssl.SSLContext], *args: Any, **kwargs: Any) -> ssl.SSLContext:
        context = made_by_python(cls, *args, **kwargs)
        context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        return context

    monkeypatch.setattr(ssl.SSLContext, "__new__", staticmethod(debian_like))
    assert ssl.create_default_context().minimum_version is ssl.TLSVersion.MINIMUM_SUPPORTED


def refuse_everything(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"unexpected request to {request.url}")


def http_client(
    handler: Handler = refuse_everything,
    *,
    options: Options | None = None,
    retry: RetryPolicy | None = None,
) -> HttpClient:
    endpoints = (options or Options()).endpoints
    return HttpClient(
        allow=endpoints.allows,
        allow_body=endpoints.allows_body,
        verify=system_trust(),
        transport=httpx.MockTransport(handler),
        retry=retry or RetryPolicy(),
        sleep=lambda _: None,
    )


def loopback_client(options: Options, **changes: Any) -> HttpClient:
    """A real client (sockets, pools, timeouts), for tests against a server on 127.0.0.1."""
    endpoints = options.endpoints
    settings: dict[str, Any] = {"sleep": lambda _: None, "trust_env": False, **changes}
    return HttpClient(
        allow=endpoints.allows,
        allow_body=endpoints.allows_body,
        verify=system_trust(),
        **settings,
    )


def make_context(
    options: Options | None = None,
    env: Mapping[str, str] | None = None,
    handler: Handler = refuse_everything,
    **option_changes: Any,
) -> Context:
    options = options or Options(**option_changes)
    return Context(options=options, env=dict(env or {}), http=http_client(handler, options=options))


def json_response(
    status: int, body: Any, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    return httpx.Response(status, json=body, headers=dict(headers or {}))


def tmp_options(tmp_path: Path, **changes: Any) -> Options:
    return Options(cwd=tmp_path, tf_dir=tmp_path, **changes)
