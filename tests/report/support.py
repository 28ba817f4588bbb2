"""Runs that produce every status, through the real runner and the real pipeline."""

from __future__ import annotations

import time
from pathlib import Path

from flexcheck.core.context import Context, Options
from flexcheck.core.model import Check, Deps, Location, Result, fail, ok, warn
from flexcheck.core.runner import RunResult, Selection, run_checks
from flexcheck.core.suppression import Suppression, SuppressionState
from flexcheck.core.verdict import ExitCode, exit_code
from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario, build_world
from flexcheck.report.document import build
from flexcheck.run import pipeline
from flexcheck.secrets.secret import Secret
from flexcheck.terraform.plan import read_plan
from tests.helpers import make_context

CANARY = "Canary-Pw-7f3a9c2e!"
Secret(CANARY)  # registered, as every real secret is, before anything can print it


class Passing(Check[None]):
    id = "passing"
    title = "passes"
    guide_step = 3

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return ok("all good")


class Warning_(Check[None]):
    id = "warning"
    title = "warns"
    guide_step = 1

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return warn(
            f"a line | with a pipe and <b>markup</b>, and the secret {CANARY}",
            hint="look at\nthis, 100% sure",
        )

    def locate(self, ctx: Context, deps: Deps, result: Result[None]) -> Location | None:
        return Location("infra/main.tf", 12)


class Failing(Check[None]):
    id = "failing"
    title = "fails"
    guide_step = 3

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return fail(f"login rejected for password {CANARY}", hint=f"download again, not {CANARY}")

    def locate(self, ctx: Context, deps: Deps, result: Result[None]) -> Location | None:
        return Location("API_Credential_x.zip")


class Crashing(Check[None]):
    id = "crashing"
    title = "crashes"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        raise ValueError(f"boom {CANARY}")


class Slow(Check[None]):
    id = "slow"
    title = "times out"
    timeout = 0.05  # it sleeps a whole second, so it times out however loaded the machine is
    network = True

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        time.sleep(1)
        return ok("too late")


class Blocked(Check[None]):
    id = "blocked"
    title = "needs failing"
    requires = (Failing,)

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        raise AssertionError("must not run")


class UserSkipped(Check[None]):
    id = "user-skipped"
    title = "skipped by the user"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        raise AssertionError("must not run")


class Suppressed(Check[None]):
    id = "suppressed"
    title = "fails, but is suppressed"

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return fail("known problem")


MIXED = (Passing, Warning_, Failing, Crashing, Slow, Blocked, UserSkipped, Suppressed)
EXPECTED = {
    "passing": "pass",
    "warning": "warn",
    "failing": "fail",
    "crashing": "error",
    "slow": "timeout",
    "blocked": "skip",
    "user-skipped": "skip",
    "suppressed": "skip",
}
SUPPRESSION = Suppression("suppressed", "accepted until the migration", "flexcheck.toml")


def mixed_run() -> RunResult:
    selection = Selection(
        skipped={"user-skipped": "skipped by the user (--skip user-*)"},
        suppressed={"suppressed": SUPPRESSION.describe()},
        suppressions=(SuppressionState(SUPPRESSION, ("suppressed",), True),),
    )
    return run_checks(list(MIXED), make_context(), selection=selection)


def mixed_document(fail_on: str = "fail") -> dict[str, object]:
    run = mixed_run()
    code = exit_code(run.outcomes, fail_on_warn=fail_on == "warn")
    return build(run, code, fail_on=fail_on)


def emulator_run(
    folder: Path, scenario: Scenario, emulator: Emulator
) -> tuple[RunResult, ExitCode]:
    world = build_world(scenario, folder, emulator)
    options = Options(
        credentials=world.credentials,
        zip_password=world.zip_password,
        plan=world.plan,
        plan_document=read_plan(world.plan.read_bytes(), world.plan.name),
        tf_dir=folder,
        auth_url=emulator.auth_url,
        api_url=emulator.api_url,
        cwd=folder,
    )
    run = pipeline.run(options, {}, trust_env=False)
    return run, exit_code(run.outcomes)
