"""`flexcheck inspect BUNDLE.zip`: read a customer's support bundle the way support needs it."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from flexcheck.secrets.password_input import ENV_BUNDLE_PASSWORD

# Shared with `diff`: a file or stdin, never the password itself as an option value.
BundlePasswordFile = Annotated[
    str | None,
    typer.Option(
        metavar="PATH",
        help="File holding the bundle password ('-' reads stdin; one password for every bundle "
        f"named). Or set {ENV_BUNDLE_PASSWORD}, or answer the prompt (asked per bundle).",
    ),
]


class InspectFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"
    MARKDOWN = "markdown"


def inspect(
    bundle_path: Annotated[
        Path, typer.Argument(metavar="BUNDLE.zip", help="The bundle `flexcheck bundle` wrote.")
    ],
    output_format: Annotated[
        InspectFormat,
        typer.Option(
            "--format",
            help="human (default); json prints the bundle's report.json unchanged; markdown "
            "is a block to paste into a ticket.",
        ),
    ] = InspectFormat.HUMAN,
    bundle_password_file: BundlePasswordFile = None,
) -> None:
    """Show a support bundle: header, the customer's report, requests, redactions. Reads only."""
    from flexcheck.commands.usage import fail_usage
    from flexcheck.core.registry import explainable
    from flexcheck.errors import UsageError
    from flexcheck.report import human
    from flexcheck.secrets import redact
    from flexcheck.support import header, inspect_view, opening, password

    try:
        opening.probe(bundle_path)  # a file that cannot be a bundle is refused before the prompt
        bundle = opening.open_bundle(
            bundle_path, password.source(bundle_password_file, os.environ)(bundle_path)
        )
        if output_format is InspectFormat.JSON:
            sys.stdout.write(redact.scrub(bundle.report_text))
            return
        known = explainable({check_id for check_id, _ in header.failing(bundle.report)})
        if output_format is InspectFormat.MARKDOWN:
            sys.stdout.write(inspect_view.render_markdown(bundle, known))
            return
        inspect_view.render_human(human.make_console(), bundle, known)
    except UsageError as error:
        raise fail_usage(str(error)) from None
