"""`flexcheck demo`: the whole check against the built-in emulator, no Fortinet account needed."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from flexcheck.emulator.demo_world import SCENARIO_STORIES, Scenario


def demo(
    scenario: Annotated[
        Scenario, typer.Option(help="Which situation to rehearse.")
    ] = Scenario.HEALTHY,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the JSON report instead.")
    ] = False,
) -> None:
    """Start a FortiCloud emulator on loopback and run every check against it."""
    from flexcheck.core.context import Options
    from flexcheck.core.verdict import ExitCode, exit_code
    from flexcheck.emulator import Emulator
    from flexcheck.emulator.demo_world import build_world
    from flexcheck.report import human, json_report
    from flexcheck.run import pipeline
    from flexcheck.terraform.plan import read_plan

    # The user's own FortiFlex variables and proxies must not leak into a loopback rehearsal.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FORTIFLEX_", "FLEXVM_", "FLEXCHECK_", "TF_"))
    }
    with tempfile.TemporaryDirectory(prefix="flexcheck-demo-") as tmp, Emulator() as emulator:
        world = build_world(scenario, Path(tmp), emulator, with_terraform=True)
        plan_document = read_plan(world.plan.read_bytes(), world.plan.name)
        options = Options(
            credentials=world.credentials,
            zip_password=world.zip_password,
            plan=world.plan,
            plan_document=plan_document,
            tf_dir=Path(tmp),
            require=None,
            auth_url=emulator.auth_url,
            api_url=emulator.api_url,
            cwd=Path(tmp),
        )
        result = pipeline.run(options, {**env, **world.terraform_env}, trust_env=False)
        code = ExitCode.INTERRUPTED if result.interrupted else exit_code(result.outcomes)
        if json_output:
            sys.stdout.write(json_report.render(result, code) + "\n")
        else:
            console = human.make_console()
            console.print(
                f"flexcheck demo, scenario {scenario}: {SCENARIO_STORIES[scenario]}.", markup=False
            )
            console.print(
                f"FortiCloud emulator on {emulator.base_url}; credential zip "
                f"{world.credentials.name}; plan creates "
                "fortiflexvm_entitlements_vm.web.\n",
                markup=False,
            )
            human.render(console, result, code, show_requests=True)
    raise typer.Exit(int(code))
