"""Where the credentials come from: a named file, a file found by discovery, or the environment."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from flexcheck.secrets.secret import Secret

MAX_FILE_BYTES = 1024 * 1024
ENV_USERNAME = "FORTIFLEX_ACCESS_USERNAME"
ENV_PASSWORD = "FORTIFLEX_ACCESS_PASSWORD"
LEGACY_USERNAME = "FLEXVM_ACCESS_USERNAME"
LEGACY_PASSWORD = "FLEXVM_ACCESS_PASSWORD"
ENV_CREDENTIALS = "FLEXCHECK_CREDENTIALS"

# Discovery in the working directory, in this order: the zip FortiCloud downloads, then an
# already extracted text or CSV file. Names are matched case-insensitively.
DISCOVERY_PATTERNS: tuple[tuple[str, ...], ...] = (
    ("*credential*.zip",),
    ("*credential*.txt", "*credential*.csv"),
)


@dataclass(frozen=True)
class FileInput:
    """The credential file's bytes, read once so every check sees the same content."""

    path: Path
    data: bytes
    discovered: bool
    loose_permissions: bool


@dataclass(frozen=True)
class EnvInput:
    username: str
    password: Secret
    names: tuple[str, str]


CredentialInput = FileInput | EnvInput


class NotReadable(Exception):
    """The named or discovered file cannot be used; the message says why, safe to print."""


def discover(cwd: Path) -> list[Path]:
    """Candidate credential files in `cwd`, best group first; several means the user must choose."""
    try:
        names = sorted(entry.name for entry in os.scandir(cwd) if entry.is_file())
    except OSError:
        return []
    for patterns in DISCOVERY_PATTERNS:
        found = [cwd / n for n in names if any(fnmatch.fnmatch(n.lower(), p) for p in patterns)]
        if found:
            return found
    return []


def env_credentials(env: Mapping[str, str]) -> EnvInput | None:
    """The Terraform provider's own variables, when both are set."""
    username, password = env.get(ENV_USERNAME, ""), env.get(ENV_PASSWORD, "")
    if username and password:
        return EnvInput(username, Secret(password), (ENV_USERNAME, ENV_PASSWORD))
    return None


def legacy_only(env: Mapping[str, str]) -> bool:
    """FLEXVM_ACCESS_* set while the names provider 2.x reads are not."""
    legacy = bool(env.get(LEGACY_USERNAME) or env.get(LEGACY_PASSWORD))
    current = bool(env.get(ENV_USERNAME) or env.get(ENV_PASSWORD))
    return legacy and not current


def read_file(path: Path, *, discovered: bool) -> FileInput:
    """Read a credential file once, refusing anything that is not a small regular file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotReadable(f"{path} does not exist") from None
    except OSError as error:
        raise NotReadable(f"{path} cannot be examined: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotReadable(f"{path} is a directory, not the credential file")
    if not stat.S_ISREG(info.st_mode):
        raise NotReadable(f"{path} is not a regular file (a pipe, socket or device)")
    if info.st_size > MAX_FILE_BYTES:
        raise NotReadable(
            f"{path} is {info.st_size} bytes: a credential download is far smaller "
            "than 1 MiB, so this is not one"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise NotReadable(f"{path} disappeared while flexcheck was reading it") from None
    except PermissionError:
        raise NotReadable(f"{path} exists but you have no permission to read it") from None
    except OSError as error:
        raise NotReadable(f"{path} cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise NotReadable(f"{path} grew past 1 MiB while being read: not a credential download")
    loose = bool(info.st_mode & (stat.S_IRGRP | stat.S_IROTH))
    return FileInput(path, data, discovered, loose)
