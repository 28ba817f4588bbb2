"""The `flexcheck` command: parse options, run the checks, print the report, set the exit code."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from flexcheck import __version__
from flexcheck.commands import extra, lazy, routing
from flexcheck.commands.options import ApiUrl, AuthUrl
from flexcheck.commands.usage import fail_usage, say_error
from flexcheck.core import interrupts
from flexcheck.core.context import Need
from flexcheck.core.verdict import ExitCode
from flexcheck.credentials.locate import ENV_CREDENTIALS
from flexcheck.errors import FlexcheckError, RegistryError, UsageError
from flexcheck.forticloud.api import DEFAULT_API_URL, DEFAULT_AUTH_URL

app = typer.Typer(
    name="flexcheck",
    help="Pre-flight checks for FortiFlex API credentials: know before terraform apply does.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_show_locals=False,  # locals can hold secrets
    rich_markup_mode=None,
)


class Format(StrEnum):
    HUMAN = "human"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    MARKDOWN = "markdown"
    CODEQUALITY = "codequality"


class FailOn(StrEnum):
    FAIL = "fail"
    WARN = "warn"


def _version(value: bool) -> None:
    if value:
        print(f"flexcheck {__version__}")
        raise typer.Exit()


@app.command(epilog=routing.EPILOG)
def check(
    credentials: Annotated[
        Path | None,
        typer.Option(
            envvar=ENV_CREDENTIALS,
            help="The credential zip downloaded from FortiCloud IAM. "
            "Default: found in the working directory (*credential*.zip, then *.txt/*.csv).",
        ),
    ] = None,
    zip_password_file: Annotated[
        str | None,
        typer.Option(
            help="File holding the zip password ('-' reads stdin). Or set FLEXCHECK_ZIP_PASSWORD, "
            "or answer the prompt."
        ),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            help="JSON from `terraform show -json PLANFILE`: tells whether the run writes."
        ),
    ] = None,
    tf_dir: Annotated[
        Path | None,
        typer.Option(help="Folder with the Terraform files (default: the working directory)."),
    ] = None,
    require: Annotated[
        Need | None, typer.Option(help="Declare what the run needs instead of reading a plan.")
    ] = None,
    auth_url: AuthUrl = DEFAULT_AUTH_URL,
    api_url: ApiUrl = DEFAULT_API_URL,
    ca_bundle: Annotated[
        Path | None,
        typer.Option(help="PEM file of CA certificates to trust instead of the system store."),
    ] = None,
    output_format: Annotated[
        Format | None, typer.Option("--format", help="Report format on stdout (default human).")
    ] = None,
    outputs: Annotated[
        list[str] | None,
        typer.Option(
            "--output",
            help="Also write a report: FORMAT=PATH, FORMAT one of json, junit, sarif, markdown, "
            "codequality. Repeatable.",
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Fail the gate (exit 1) on a fail only, or on a warn too (default fail)."
        ),
    ] = None,
    offline: Annotated[
        bool, typer.Option(help="Run only the checks that need no network.")
    ] = False,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--check",
            help="Run only this check (and what it needs); an id or a glob. Repeatable.",
        ),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            help="Do not run this check; an id or a glob. Repeatable. Env FLEXCHECK_SKIP "
            "(comma-separated) adds more.",
        ),
    ] = None,
    no_write_probe: Annotated[
        bool,
        typer.Option(
            "--no-write-probe",
            help="Do not probe for write access (the write-permission check then warns).",
        ),
    ] = False,
    show_requests: Annotated[
        bool, typer.Option(help="List every HTTP request made (always in --format json).")
    ] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks and HTTP logs, redacted.")] = False,
    allow_insecure_url: Annotated[
        bool,
        typer.Option(
            help="Accept plain-HTTP auth/API URLs outside loopback (test endpoints only; warns)."
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", is_eager=True, callback=_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Run the checks (the default command)."""
    from flexcheck.core.verdict import exit_code
    from flexcheck.logs import configure_logging
    from flexcheck.report import document as report_document
    from flexcheck.report import github, slow
    from flexcheck.report import outputs as report_outputs
    from flexcheck.run import config as config_file
    from flexcheck.run import pipeline
    from flexcheck.run.run_request import RunRequest, check_outputs, prepare

    configure_logging(debug)
    env = dict(os.environ)
    cwd = Path.cwd()
    request = RunRequest(
        credentials=credentials,
        zip_password_file=zip_password_file,
        plan=plan,
        tf_dir=tf_dir,
        require=require,
        auth_url=auth_url,
        api_url=api_url,
        ca_bundle=ca_bundle,
        offline=offline,
        skip=skip or (),
        no_write_probe=no_write_probe,
        allow_insecure_url=allow_insecure_url,
    )
    try:
        config = config_file.load(cwd)
        requested = report_outputs.parse(outputs or ())
        requested += report_outputs.parse(config.outputs, f"output in {config.source}")
        for note in check_outputs([(str(r.format), r.path) for r in requested], cwd):
            say_error(note)
        stdout_format = output_format or _config_format(config.format, config.source)
        gate = fail_on or FailOn(config.fail_on or "fail")
        prepared = prepare(request, config, env, cwd)
        for warning in prepared.warnings:
            say_error(warning)
        announcer = slow.for_terminal(sys.stderr) if stdout_format is Format.HUMAN else None
        with announcer or contextlib.nullcontext():
            result = pipeline.run(
                prepared.options,
                env,
                only=only or config.check,
                skip=prepared.skips,
                suppressions=config.suppressions,
                on_start=announcer.started if announcer else None,
                on_done=announcer.done if announcer else None,
            )
    except UsageError as error:
        raise fail_usage(str(error)) from None
    except RegistryError as error:
        say_error(str(error))
        raise typer.Exit(int(ExitCode.CRASHED)) from None
    code = (
        ExitCode.INTERRUPTED
        if result.interrupted
        else exit_code(result.outcomes, fail_on_warn=gate is FailOn.WARN)
    )
    document = report_document.build(result, code, fail_on=str(gate))
    if stdout_format is Format.HUMAN:
        from flexcheck.report import human  # imports rich, which the other formats do without

        human.render(human.make_console(), result, code, debug=debug, show_requests=show_requests)
    else:
        fmt = report_outputs.FileFormat(str(stdout_format))
        sys.stdout.write(report_outputs.render(fmt, document).rstrip("\n") + "\n")
    if github.active(env):
        sys.stdout.flush()
        # Annotations on stderr when stdout carries a machine format: stdout stays parseable.
        github.publish(document, env, sys.stdout if stdout_format is Format.HUMAN else sys.stderr)
    try:
        for wanted in requested:
            report_outputs.write(wanted, document)
    except UsageError as error:
        raise fail_usage(str(error)) from None
    raise typer.Exit(int(code))


def _config_format(value: str | None, source: str | None) -> Format:
    if value is None:
        return Format.HUMAN
    try:
        return Format(value)
    except ValueError:
        known = ", ".join(f.value for f in Format)
        raise UsageError(f"{source}: format must be one of {known}, not {value!r}") from None


@app.command("list")
def list_checks() -> None:
    """List every registered check with its id, title and guide step."""
    from rich.console import Console
    from rich.table import Table

    from flexcheck.core.registry import load_checks

    checks, broken = load_checks()
    table = Table("id", "title", "guide step", "network", box=None)
    for item in checks:
        step = str(item.guide_step) if item.guide_step is not None else "-"
        table.add_row(item.id, item.title, step, "yes" if item.network else "no")
    console = Console(highlight=False)
    console.print(table)
    for plugin in broken:
        console.print(
            f"broken check pack {plugin.name} ({plugin.value}): {plugin.reason}", markup=False
        )


@functools.cache
def click_command() -> Any:
    """The click command behind `app`, built once per process, each subcommand when first used.

    typer builds a subcommand from its function's signature, evaluating each annotation, and
    `app()` builds them all on every call: main() runs many times in one test process, and one
    run uses one subcommand (flexcheck.commands.lazy).
    """
    return lazy.group(app)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["--version"], ["-V"]):
        print(f"flexcheck {__version__}")  # answered before anything heavy is imported
        return
    extra.register(app)
    # Every registered command is known to the router, so a new one needs no second list.
    names = tuple(lazy.command_name(c) for c in app.registered_commands)
    try:
        args = routing.route(args, names)
    except UsageError as error:
        say_error(str(error))
        sys.exit(int(ExitCode.USAGE))
    interrupts.install()
    try:
        click_command()(args=args, prog_name="flexcheck", standalone_mode=True)
    except KeyboardInterrupt:
        say_error("interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    except FlexcheckError as error:
        say_error(str(error))
        sys.exit(int(ExitCode.CRASHED))
