"""Full runs against the emulator: a credential zip, a plan, and the run's exit code."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trustme

from flexcheck.core.context import Options
from flexcheck.core.model import CheckOutcome
from flexcheck.core.runner import RunResult
from flexcheck.core.verdict import ExitCode, exit_code
from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario, build_world
from flexcheck.forticloud.http import RetryPolicy, Timeouts
from flexcheck.run import pipeline
from flexcheck.terraform.plan import read_plan

FAST = Timeouts(connect=0.5, read=1.0)
QUICK_RETRY = RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.1)


@dataclass(frozen=True)
class Run:
    result: RunResult
    code: ExitCode

    def __getitem__(self, check_id: str) -> CheckOutcome:
        return next(o for o in self.result.outcomes if o.id == check_id)

    def text(self) -> str:
        return "\n".join(
            f"{o.id} {o.summary} {o.hint} {' '.join(o.details)}" for o in self.result.outcomes
        )


def options_for(
    emulator: Emulator,
    folder: Path,
    *,
    auth_url: str | None = None,
    api_url: str | None = None,
    **changes: Any,
) -> Options:
    world = build_world(Scenario.HEALTHY, folder, emulator)
    return Options(
        credentials=world.credentials,
        zip_password=world.zip_password,
        plan=world.plan,
        plan_document=read_plan(world.plan.read_bytes(), world.plan.name),
        tf_dir=folder,
        auth_url=auth_url or emulator.auth_url,
        api_url=api_url or emulator.api_url,
        cwd=folder,
        **changes,
    )


def run(
    options: Options,
    env: Mapping[str, str] | None = None,
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    timeouts: Timeouts = FAST,
    on_done: Callable[[CheckOutcome], None] | None = None,
) -> Run:
    result = pipeline.run(
        options,
        dict(env or {}),
        only=only,
        skip=skip,
        deadline=20.0,
        timeouts=timeouts,
        retry=QUICK_RETRY,
        on_done=on_done,
    )
    return Run(result, exit_code(result.outcomes))


def server_context(ca: trustme.CA, *names: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    return context


def self_signed_context() -> ssl.SSLContext:
    """A server that presents a certificate nobody issued: its own CA certificate."""
    ca = trustme.CA(organization_name="Self Signed Box")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    with ca.cert_pem.tempfile() as cert, ca.private_key_pem.tempfile() as key:
        context.load_cert_chain(cert, key)
    return context
