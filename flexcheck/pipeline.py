"""One run from options to results: the same path for `check`, `demo` and every other command."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from flexcheck.context import Context, Options
from flexcheck.errors import RegistryError, UsageError
from flexcheck.http import HttpClient, RetryPolicy, Timeouts, build_ssl_context
from flexcheck.model import CheckOutcome
from flexcheck.network.attribution import attribute
from flexcheck.registry import CheckType, load_checks, with_requirements
from flexcheck.runner import DEFAULT_DEADLINE, RunResult, Selection, run_checks


def select(
    checks: Sequence[CheckType], only: Sequence[str], skip: Sequence[str]
) -> tuple[list[CheckType], Selection]:
    """Apply --check and --skip; an unknown id is a usage error, not a silent no-op."""
    known = {c.id for c in checks}
    unknown = sorted({*only, *skip} - known)
    if unknown:
        raise UsageError(f"unknown check id: {', '.join(unknown)} (see `flexcheck list`)")
    chosen = with_requirements(checks, set(only)) if only else list(checks)
    return chosen, Selection(dict.fromkeys(skip, "skipped by the user (--skip)"))


def run(
    options: Options,
    env: Mapping[str, str],
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    deadline: float = DEFAULT_DEADLINE,
    on_done: Callable[[CheckOutcome], None] | None = None,
    trust_env: bool = True,
    on_start: Callable[[CheckType], None] | None = None,
    timeouts: Timeouts | None = None,
    retry: RetryPolicy | None = None,
) -> RunResult:
    checks, broken = load_checks()
    if broken:
        names = "; ".join(f"{b.name} ({b.value}): {b.reason}" for b in broken)
        raise RegistryError(f"a check pack could not be loaded: {names}")
    chosen, selection = select(checks, only, skip)
    endpoints = options.endpoints
    ca = str(options.ca_bundle) if options.ca_bundle else None
    http = HttpClient(
        allow=endpoints.allows,
        verify=build_ssl_context(ca, env),
        ssl_factory=lambda: build_ssl_context(ca, env),
        deadline=time.monotonic() + deadline,
        trust_env=trust_env,
        env=env,
        timeouts=timeouts or Timeouts(),
        retry=retry or RetryPolicy(),
    )
    try:
        ctx = Context(options=options, env=env, http=http)
        result = run_checks(
            chosen, ctx, selection=selection, deadline=deadline, on_done=on_done, on_start=on_start
        )
        return replace(result, outcomes=attribute(result.outcomes))
    finally:
        http.close()
