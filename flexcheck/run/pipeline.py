"""One run from options to results: the same path for `check`, `demo` and every other command."""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from flexcheck.core.context import Context, Options
from flexcheck.core.memo import RunMemo
from flexcheck.core.model import CheckOutcome
from flexcheck.core.registry import CheckType, load_checks
from flexcheck.core.runner import DEFAULT_DEADLINE, RunResult, run_checks
from flexcheck.core.selection import SkipRequest, env_skips, select
from flexcheck.core.suppression import Suppression
from flexcheck.errors import RegistryError
from flexcheck.forticloud.http import HttpClient, RequestHook, RetryPolicy, Timeouts
from flexcheck.forticloud.trust import build_ssl_context
from flexcheck.network.attribution import attribute


def loaded_checks() -> list[CheckType]:
    checks, broken = load_checks()
    if broken:
        names = "; ".join(f"{b.name} ({b.value}): {b.reason}" for b in broken)
        raise RegistryError(f"a check pack could not be loaded: {names}")
    return checks


def run(
    options: Options,
    env: Mapping[str, str],
    *,
    only: Sequence[str] = (),
    skip: Sequence[str | SkipRequest] = (),
    suppressions: Sequence[Suppression] = (),
    today: date | None = None,
    deadline: float = DEFAULT_DEADLINE,
    on_done: Callable[[CheckOutcome], None] | None = None,
    trust_env: bool = True,
    hooks: Sequence[RequestHook] = (),
    checks: Sequence[CheckType] | None = None,
    verify: ssl.SSLContext | None = None,
    on_start: Callable[[CheckType], None] | None = None,
    timeouts: Timeouts | None = None,
    retry: RetryPolicy | None = None,
    memo: RunMemo | None = None,
) -> RunResult:
    """`checks` and `verify` let a caller running many entries (fleet) build them only once:
    loading a CA bundle costs more CPU than the rest of a run. `memo` lets a caller reuse what
    the checks read (the support bundle: the Terraform folder)."""
    if checks is None:
        checks = loaded_checks()
    skips = [*skip, *env_skips(env)]  # FLEXCHECK_SKIP: the pipeline's own --skip
    chosen, selection = select(checks, only, skips, suppressions, today)
    endpoints = options.endpoints
    ca = str(options.ca_bundle) if options.ca_bundle else None
    if verify is None and options.offline and ca is None:
        # Nothing connects in an offline run: the trust store (0.1 s of CPU with SSL_CERT_DIR
        # set, Go's way) is not read. A context that trusts nothing stays safe if anything did.
        verify = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    http = HttpClient(
        allow=endpoints.allows,
        allow_body=endpoints.allows_body,
        verify=verify or build_ssl_context(ca, env),
        ssl_factory=lambda: build_ssl_context(ca, env),
        deadline=time.monotonic() + deadline,
        trust_env=trust_env,
        hooks=hooks,
        env=env,
        timeouts=timeouts or Timeouts(),
        retry=retry or RetryPolicy(),
    )
    if not options.offline:
        from flexcheck.forticloud.warmup import Warmup

        http.add_hook(Warmup(http, options.auth_url).start())
    try:
        ctx = Context(options=options, env=env, http=http, memo=memo or RunMemo())
        result = run_checks(
            chosen, ctx, selection=selection, deadline=deadline, on_done=on_done, on_start=on_start
        )
    finally:
        http.close()
    # Read the ledger once the client is closed: a check past its time that sent a request in
    # between is listed too, and none can send one after.
    return replace(result, outcomes=attribute(result.outcomes), requests=http.log.records())
