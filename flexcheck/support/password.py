"""The bundle password for reading: a file, stdin, FLEXCHECK_BUNDLE_PASSWORD or a hidden prompt."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from flexcheck.errors import UsageError
from flexcheck.secrets.password_input import ENV_BUNDLE_PASSWORD, read_password_file
from flexcheck.secrets.secret import Secret


def source(password_file: str | None, env: Mapping[str, str]) -> Callable[[Path], Secret]:
    """A password for each bundle opened. A file or the variable serves every bundle; the prompt
    asks per bundle, since two customers' bundles rarely share a password."""
    given: list[Secret] = []
    typed: dict[Path, Secret] = {}

    def password(bundle: Path) -> Secret:
        if given:
            return given[0]
        if password_file is not None:
            given.append(
                read_password_file(
                    password_file, option="--bundle-password-file", what="bundle password"
                )
            )
            return given[0]
        if env.get(ENV_BUNDLE_PASSWORD):
            return Secret(env[ENV_BUNDLE_PASSWORD])
        if sys.stdin.isatty():
            key = bundle.resolve()
            if key not in typed:  # the same bundle on both sides of a diff is asked for once
                entered = getpass.getpass(
                    f"Password of the support bundle {bundle.name} (not shown): "
                )
                if not entered:
                    raise UsageError("no password entered: the bundle cannot be opened without it")
                typed[key] = Secret(entered)
            return typed[key]
        raise UsageError(
            f"{bundle} is encrypted and needs its password: --bundle-password-file PATH ('-' for "
            f"stdin) or {ENV_BUNDLE_PASSWORD}; or run in a terminal to be asked"
        )

    return password
