"""`flexcheck fleet MANIFEST`: check many API users (one per customer account) in one run."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from flexcheck.fleet import DEFAULT_JOBS
from flexcheck.forticloud.api import DEFAULT_API_URL, DEFAULT_AUTH_URL

MAX_JOBS = 64


class FleetFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"


def fleet(
    manifest: Annotated[
        Path,
        typer.Argument(
            help="TOML file listing the entries: name, credentials (a file, or the names of "
            "the variables holding them), zip password source, and require or plan.",
            show_default=False,
        ),
    ],
    jobs: Annotated[
        int,
        typer.Option(min=1, max=MAX_JOBS, help="How many entries run at the same time."),
    ] = DEFAULT_JOBS,
    output_format: Annotated[
        FleetFormat,
        typer.Option("--format", help="One summary row per entry, or the full results as JSON."),
    ] = FleetFormat.HUMAN,
    auth_url: Annotated[
        str, typer.Option(envvar="FLEXCHECK_AUTH_URL", help="OAuth token URL.")
    ] = DEFAULT_AUTH_URL,
    api_url: Annotated[
        str, typer.Option(envvar="FLEXCHECK_API_URL", help="FortiFlex v2 API base URL.")
    ] = DEFAULT_API_URL,
    ca_bundle: Annotated[
        Path | None,
        typer.Option(help="PEM file of CA certificates to trust instead of the system store."),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Run only the checks that need no network.")
    ] = False,
    no_write_probe: Annotated[
        bool, typer.Option("--no-write-probe", help="Do not probe for write access in any entry.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show HTTP logs, redacted.")] = False,
) -> None:
    """Check every API user listed in MANIFEST; the exit code is the worst entry's."""
    from flexcheck.core.verdict import ExitCode
    from flexcheck.errors import UsageError
    from flexcheck.fleet.manifest import load_manifest
    from flexcheck.fleet.report import HumanFleetReport, JsonFleetReport
    from flexcheck.fleet.runner import FleetOptions, FleetRun, run_fleet
    from flexcheck.logs import configure_logging
    from flexcheck.run import pipeline
    from flexcheck.secrets import redact

    configure_logging(debug)
    try:
        entries = load_manifest(manifest)
        if ca_bundle is not None and not ca_bundle.is_file():
            raise UsageError(f"--ca-bundle {ca_bundle}: no such file")
    except UsageError as error:
        sys.stderr.write(f"flexcheck: {redact.scrub(str(error))}\n")
        raise typer.Exit(int(ExitCode.USAGE)) from None
    options = FleetOptions(
        auth_url=auth_url,
        api_url=api_url,
        ca_bundle=ca_bundle,
        offline=offline,
        write_probe=not no_write_probe,
        jobs=jobs,
    )
    report: HumanFleetReport | JsonFleetReport = (
        JsonFleetReport(sys.stdout)
        if output_format is FleetFormat.JSON
        else HumanFleetReport(sys.stdout, max(len(e.name) for e in entries))
    )
    checks = pipeline.loaded_checks()
    with tempfile.TemporaryDirectory(prefix="flexcheck-fleet-") as empty:
        run = FleetRun(options, os.environ, checks, Path(empty))
        report.start(len(entries), min(jobs, len(entries)))
        tally = run_fleet(entries, run, report.entry)
    report.finish(tally)
    raise typer.Exit(int(tally.code))
