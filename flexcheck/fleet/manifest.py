"""The fleet manifest (TOML): which API users to check, where secrets come from, what they need.

    [[entry]]
    name = "acme"                               # unique, shown in the summary
    credentials = "acme/API_Credential.zip"     # relative to the manifest's folder
    zip_password_file = "acme/zip-password"     # or zip_password_env = "ACME_ZIP_PASSWORD"
    require = "write"                           # or plan = "acme/plan.json"

    [[entry]]
    name = "globex"
    username_env = "GLOBEX_FORTIFLEX_USERNAME"  # the names of variables, never their values
    password_env = "GLOBEX_FORTIFLEX_PASSWORD"
    require = "read"

The manifest holds no secret: a key that would carry one is refused with a pointer to the
variable or file that should. Every mistake is a usage error naming the entry and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flexcheck.core.context import Need
from flexcheck.errors import UsageError

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_KEYS = {
    "name",
    "credentials",
    "username_env",
    "password_env",
    "zip_password_file",
    "zip_password_env",
    "require",
    "plan",
}
_SECRET_KEYS = {
    "password": "password_env",
    "username": "username_env",
    "zip_password": "zip_password_file or zip_password_env",
    "token": "password_env",
}
MAX_MANIFEST_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One API user to check; paths are absolute, secrets are only named."""

    name: str
    credentials: Path | None = None
    username_env: str | None = None
    password_env: str | None = None
    zip_password_file: Path | None = None
    zip_password_env: str | None = None
    require: Need | None = None
    plan: Path | None = None

    @property
    def user_key(self) -> str:
        """Which API user the entry speaks for, as far as the manifest tells (for pacing)."""
        if self.credentials is not None:
            return f"file:{self.credentials}"
        return f"env:{self.username_env}"


def load_manifest(path: Path) -> list[Entry]:
    """Read and validate the whole manifest before anything runs."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"fleet manifest {path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"fleet manifest {path} is a directory, not a TOML file") from None
    except OSError as error:
        raise UsageError(f"fleet manifest {path} cannot be read: {error.strerror}") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise UsageError(f"fleet manifest {path} is larger than 4 MiB: not a manifest")
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"fleet manifest {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"fleet manifest {path} is not valid TOML: {error}") from None
    return parse_manifest(document, path)


def parse_manifest(document: dict[str, Any], path: Path) -> list[Entry]:
    extra = sorted(set(document) - {"entry"})
    if extra:
        raise UsageError(
            f"fleet manifest {path}: unknown top-level key {extra[0]!r} "
            "(entries go in [[entry]] tables)"
        )
    tables = document.get("entry")
    if not isinstance(tables, list) or not tables:
        raise UsageError(f"fleet manifest {path} lists no [[entry]]: nothing to check")
    base = path.parent
    entries: list[Entry] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        entry = _entry(table, number, base, path)
        if entry.name in seen:
            raise UsageError(f"fleet manifest {path}: two entries are named {entry.name!r}")
        seen.add(entry.name)
        entries.append(entry)
    return entries


def _entry(table: Any, number: int, base: Path, path: Path) -> Entry:
    where = f"fleet manifest {path}, entry {number}"
    if not isinstance(table, dict):
        raise UsageError(f"{where} is not a table")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise UsageError(f'{where} has no name: add name = "..."')
    where = f"fleet manifest {path}, entry {name!r}"
    for key in sorted(set(table) - _KEYS):
        if key in _SECRET_KEYS:
            raise UsageError(
                f"{where}: {key!r} would put a secret in the manifest; name where it comes "
                f"from with {_SECRET_KEYS[key]} instead"
            )
        raise UsageError(f"{where}: unknown key {key!r}")
    strings = {k: _string(table, k, where) for k in _KEYS - {"name"}}
    credentials = strings["credentials"]
    username_env, password_env = strings["username_env"], strings["password_env"]
    uses_env = username_env is not None or password_env is not None
    if credentials is not None and uses_env:
        raise UsageError(f"{where}: give either credentials or username_env/password_env, not both")
    if credentials is None and not uses_env:
        raise UsageError(
            f"{where}: say where the credentials are: credentials = PATH, or "
            "username_env and password_env"
        )
    if uses_env and (username_env is None or password_env is None):
        raise UsageError(f"{where}: username_env and password_env go together")
    zip_file, zip_env = strings["zip_password_file"], strings["zip_password_env"]
    if zip_file is not None and zip_env is not None:
        raise UsageError(f"{where}: give zip_password_file or zip_password_env, not both")
    if uses_env and (zip_file is not None or zip_env is not None):
        raise UsageError(f"{where}: a zip password only applies to a credentials file")
    for key in ("username_env", "password_env", "zip_password_env"):
        value = strings[key]
        if value is not None and not _ENV_NAME.match(value):
            raise UsageError(f"{where}: {key} must be the name of an environment variable")
    require, plan = strings["require"], strings["plan"]
    if (require is None) == (plan is None):
        raise UsageError(
            f'{where}: say what the run needs with require = "read" or "write", '
            'or plan = "PATH" (terraform show -json output), one of the two'
        )
    if require is not None and require not in {n.value for n in Need}:
        raise UsageError(f'{where}: require must be "read" or "write", not {require!r}')
    return Entry(
        name=name.strip(),
        credentials=_path(base, credentials),
        username_env=username_env,
        password_env=password_env,
        zip_password_file=_path(base, zip_file),
        zip_password_env=zip_env,
        require=Need(require) if require is not None else None,
        plan=_path(base, plan),
    )


def _string(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{where}: {key} must be a non-empty string")
    return value.strip()


def _path(base: Path, value: str | None) -> Path | None:
    if value is None:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path
