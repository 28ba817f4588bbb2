"""Options that several commands take, declared once so their names and help cannot drift."""

from __future__ import annotations

from typing import Annotated

import typer

AuthUrl = Annotated[str, typer.Option(envvar="FLEXCHECK_AUTH_URL", help="OAuth token URL.")]
ApiUrl = Annotated[str, typer.Option(envvar="FLEXCHECK_API_URL", help="FortiFlex v2 API base URL.")]
