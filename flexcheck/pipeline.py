"""One run from options to results: the same path for `check`, `demo` and every other command."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from flexcheck.context import Context, Options
from flexcheck.errors import RegistryError
from flexcheck.http import HttpClient, build_ssl_context
from flexcheck.model import CheckOutcome
from flexcheck.registry import load_checks
from flexcheck.runner import DEFAULT_DEADLINE, RunResult, run_checks
from flexcheck.selection import SkipRequest, env_skips, select
from flexcheck.suppression import Suppression


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
) -> RunResult:
    checks, broken = load_checks()
    if broken:
        names = "; ".join(f"{b.name} ({b.value}): {b.reason}" for b in broken)
        raise RegistryError(f"a check pack could not be loaded: {names}")
    skips = [*skip, *env_skips(env)]  # FLEXCHECK_SKIP: the pipeline's own --skip
    chosen, selection = select(checks, only, skips, suppressions, today)
    endpoints = options.endpoints
    ca = str(options.ca_bundle) if options.ca_bundle else None
    http = HttpClient(
        allow=endpoints.allows,
        verify=build_ssl_context(ca, env),
        deadline=time.monotonic() + deadline,
        trust_env=trust_env,
    )
    try:
        ctx = Context(options=options, env=env, http=http)
        return run_checks(chosen, ctx, selection=selection, deadline=deadline, on_done=on_done)
    finally:
        http.close()
