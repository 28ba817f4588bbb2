"""Where a zip password comes from: a file, stdin, an environment variable or a hidden prompt.

No command-line option ever takes the password itself: it would land in shell history and `ps`.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from flexcheck.errors import UsageError
from flexcheck.secrets.secret import Secret

ENV_ZIP_PASSWORD = "FLEXCHECK_ZIP_PASSWORD"
ENV_BUNDLE_PASSWORD = "FLEXCHECK_BUNDLE_PASSWORD"  # written by `bundle`, read by `inspect`, `diff`
MAX_PASSWORD_BYTES = 1024


def _from_bytes(raw: bytes, where: str, what: str = "zip password") -> Secret:
    if len(raw) > MAX_PASSWORD_BYTES:
        raise UsageError(
            f"{where} holds more than {MAX_PASSWORD_BYTES} bytes: that is not a {what} file"
        )
    if b"\x00" in raw:
        raise UsageError(f"{where} is binary, not a {what}")
    # One trailing newline is what `echo` and editors add; it is not part of the password.
    if raw.endswith(b"\r\n"):
        raw = raw[:-2]
    elif raw.endswith(b"\n"):
        raw = raw[:-1]
    if not raw:
        if what != "zip password":
            raise UsageError(f"{where} is empty: put the {what} in it")
        raise UsageError(f"{where} is empty: put the zip password you chose at download in it")
    try:
        return Secret(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{where} is not UTF-8 text") from None


def read_password_file(
    path: str,
    stdin: BinaryIO | None = None,
    *,
    option: str = "--zip-password-file",
    what: str = "zip password",
) -> Secret:
    """`-` reads standard input, as `docker login --password-stdin` does."""
    if path == "-":
        stream = stdin or sys.stdin.buffer
        return _from_bytes(stream.read(MAX_PASSWORD_BYTES + 1), "standard input", what)
    file = Path(path)
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_PASSWORD_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{option} {path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{option} {path} is a directory") from None
    except OSError as error:
        raise UsageError(f"{option} {path} cannot be read: {error.strerror or error}") from None
    return _from_bytes(raw, f"{option} {path}", what)


def resolve(
    password_file: str | None, env: Mapping[str, str], *, may_prompt: bool
) -> Secret | None:
    if password_file is not None:
        return read_password_file(password_file)
    if env.get(ENV_ZIP_PASSWORD):
        # The same rule as for a file: one trailing line break is not part of the password.
        value = env[ENV_ZIP_PASSWORD]
        value = value[:-2] if value.endswith("\r\n") else value.removesuffix("\n")
        return Secret(value) if value else None
    if may_prompt and sys.stdin.isatty():
        entered = getpass.getpass("Zip password of the credential download (not shown): ")
        return Secret(entered) if entered else None
    return None
