"""`flexcheck bundle OUT.zip`: run the checks and pack what support needs into an AES zip."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flexcheck.commands.options import ApiUrl, AuthUrl
from flexcheck.core.context import Need
from flexcheck.credentials.locate import ENV_CREDENTIALS
from flexcheck.forticloud.api import DEFAULT_API_URL, DEFAULT_AUTH_URL
from flexcheck.secrets.password_input import ENV_BUNDLE_PASSWORD
from flexcheck.secrets.secret import Secret

__all__ = ["ENV_BUNDLE_PASSWORD", "bundle"]


def bundle(
    out: Annotated[Path, typer.Argument(metavar="OUT.zip", help="The bundle to write.")],
    preview: Annotated[
        bool, typer.Option(help="Print exactly what would go in the bundle; write nothing.")
    ] = False,
    bundle_password_file: Annotated[
        str | None,
        typer.Option(
            help="File holding the bundle's password ('-' reads stdin). Or set "
            f"{ENV_BUNDLE_PASSWORD}, or answer the prompt."
        ),
    ] = None,
    credentials: Annotated[
        Path | None, typer.Option(envvar=ENV_CREDENTIALS, help="The credential zip.")
    ] = None,
    zip_password_file: Annotated[
        str | None,
        typer.Option(help="File holding the zip password ('-' reads stdin)."),
    ] = None,
    plan: Annotated[Path | None, typer.Option(help="JSON from `terraform show -json`.")] = None,
    tf_dir: Annotated[Path | None, typer.Option(help="Folder with the Terraform files.")] = None,
    require: Annotated[Need | None, typer.Option(help="What the run needs.")] = None,
    auth_url: AuthUrl = DEFAULT_AUTH_URL,
    api_url: ApiUrl = DEFAULT_API_URL,
    ca_bundle: Annotated[Path | None, typer.Option(help="PEM CA certificates.")] = None,
    offline: Annotated[
        bool, typer.Option(help="Run only the checks that need no network.")
    ] = False,
    only: Annotated[list[str] | None, typer.Option("--check", help="Run only this check.")] = None,
    skip: Annotated[list[str] | None, typer.Option("--skip", help="Do not run this check.")] = None,
    no_write_probe: Annotated[
        bool, typer.Option("--no-write-probe", help="Do not probe for write access.")
    ] = False,
) -> None:
    """Run the checks and write an encrypted support bundle (nothing is uploaded)."""
    from flexcheck.commands.usage import fail_usage
    from flexcheck.core.memo import RunMemo
    from flexcheck.core.verdict import exit_code, verdict_line
    from flexcheck.errors import UsageError
    from flexcheck.report import bundle as support_bundle
    from flexcheck.report.document import build
    from flexcheck.run import config as config_file
    from flexcheck.run import pipeline
    from flexcheck.run.run_request import RunRequest, prepare

    env = dict(os.environ)
    cwd = Path.cwd()
    if not preview and out.exists():
        raise fail_usage(f"{out} exists: choose another name or delete it first")
    if zip_password_file == "-" and bundle_password_file == "-":
        raise fail_usage(
            "--zip-password-file - and --bundle-password-file - cannot both read stdin"
        )
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
    )
    try:
        config = config_file.load(cwd)
        # The bundle password first: a missing one should stop us before any network traffic.
        password = None if preview else _bundle_password(bundle_password_file, env)
        prepared = prepare(request, config, env, cwd)
        options, target = prepared.options, prepared.credential_file
        tf_dir = options.tf_dir
        zip_password = options.zip_password
        memo = RunMemo()
        result = pipeline.run(
            options,
            env,
            only=only or config.check,
            skip=prepared.skips,
            suppressions=config.suppressions,
            memo=memo,
        )
        gate = config.fail_on or "fail"
        code = exit_code(result.outcomes, fail_on_warn=gate == "warn")
        inputs = support_bundle.Inputs(
            credentials=_credentials_origin(credentials, target, env),
            zip_password=_zip_password_origin(zip_password_file, env, zip_password),
            plan="--plan" if plan is not None else "none",
            config=config.source or "none",
        )
        files = support_bundle.contents(
            result, build(result, code, fail_on=gate), env, tf_dir or cwd, inputs, memo
        )
        console = Console(highlight=False)
        if preview:
            for name, text in files.items():
                console.print(f"===== {name} =====", markup=False)
                sys.stdout.flush()
                console.file.write(text if text.endswith("\n") else text + "\n")
            console.print(
                f"Preview only: nothing was written. {len(files)} files would go in {out}.",
                markup=False,
            )
            return
        if password is not None:  # always set when not previewing
            support_bundle.write(out, files, password)
    except UsageError as error:
        raise fail_usage(str(error)) from None
    console.print(
        f"Support bundle written to {out}: {len(files)} files, AES-256 encrypted, nothing "
        "uploaded. Send the password to support by another channel than the bundle.",
        markup=False,
    )
    console.print(f"Checks: {verdict_line(code)}", markup=False)
    # The bundle was written either way; the exit code still tells CI what the checks found.
    raise typer.Exit(int(code))


def _bundle_password(password_file: str | None, env: dict[str, str]) -> Secret:
    from flexcheck.errors import UsageError
    from flexcheck.secrets import password_input

    if password_file is not None:
        return password_input.read_password_file(
            password_file, option="--bundle-password-file", what="bundle password"
        )
    if env.get(ENV_BUNDLE_PASSWORD):
        return Secret(env[ENV_BUNDLE_PASSWORD])
    if sys.stdin.isatty():
        first = getpass.getpass("Password for the support bundle (not shown): ")
        again = getpass.getpass("The same password again: ")
        if first and first == again:
            return Secret(first)
        raise UsageError("the two passwords differ or are empty: run flexcheck bundle again")
    raise UsageError(
        "the bundle needs a password: --bundle-password-file PATH ('-' for stdin) or "
        f"{ENV_BUNDLE_PASSWORD}; or run in a terminal to be asked"
    )


def _credentials_origin(given: Path | None, target: Path | None, env: dict[str, str]) -> str:
    if given is not None:
        from_env = env.get(ENV_CREDENTIALS) and Path(env[ENV_CREDENTIALS]) == given
        return f"{ENV_CREDENTIALS} ({given.name})" if from_env else f"--credentials ({given.name})"
    if target is not None:
        return f"found in the working directory ({target.name})"
    return "not a file: the provider's environment variables, if set"


def _zip_password_origin(password_file: str | None, env: dict[str, str], found: object) -> str:
    from flexcheck.secrets.password_input import ENV_ZIP_PASSWORD

    if password_file == "-":
        return "--zip-password-file - (standard input)"
    if password_file is not None:
        return "--zip-password-file (a file)"
    if env.get(ENV_ZIP_PASSWORD):
        return ENV_ZIP_PASSWORD
    return "the prompt" if found is not None else "none given"
