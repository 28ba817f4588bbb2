"""Small builders shared by tests: contexts over MockTransport (for pure parsing) or loopback."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx

from flexcheck.core.context import Context, Options
from flexcheck.forticloud.http import HttpClient, RetryPolicy

Handler = Callable[[httpx.Request], httpx.Response]


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
        verify=ssl.create_default_context(),
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
        verify=ssl.create_default_context(),
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
