"""Defaults and suppressions from `flexcheck.toml`, or `[tool.flexcheck]` in `pyproject.toml`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flexcheck.core.suppression import Suppression
from flexcheck.errors import UsageError

CONFIG_FILE = "flexcheck.toml"
PYPROJECT = "pyproject.toml"
_KEYS = ("fail-on", "format", "offline", "check", "skip", "require", "tf-dir", "output", "suppress")
_SUPPRESSION_KEYS = ("check", "reason", "expires")


@dataclass(frozen=True)
class Config:
    source: str | None = None  # None: no config file was found
    fail_on: str | None = None
    format: str | None = None
    offline: bool | None = None
    check: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    require: str | None = None
    tf_dir: Path | None = None
    outputs: tuple[str, ...] = ()
    suppressions: tuple[Suppression, ...] = ()


def load(cwd: Path) -> Config:
    """flexcheck.toml wins over pyproject.toml; no file at all is an empty config."""
    own = cwd / CONFIG_FILE
    if own.is_file():
        return _parse(_read(own), CONFIG_FILE, cwd)
    pyproject = cwd / PYPROJECT
    if pyproject.is_file():
        section = _read(pyproject).get("tool", {}).get("flexcheck")
        if isinstance(section, dict):
            return _parse(section, f"{PYPROJECT} [tool.flexcheck]", cwd)
    return Config()


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # here, not at the top: most runs have no config file to parse

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path.name} is not valid TOML: {error}") from None
    except OSError as error:
        raise UsageError(f"{path.name} cannot be read: {error.strerror or error}") from None


def _parse(raw: dict[str, Any], source: str, cwd: Path) -> Config:
    table = {key.replace("_", "-"): value for key, value in raw.items()}
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        # A typo must not silently do nothing; a secret has no place in a config file anyway.
        raise UsageError(
            f"{source}: unknown setting {', '.join(unknown)}; known: {', '.join(_KEYS)}"
        )
    tf_dir = _text(table, "tf-dir", source)
    return Config(
        source=source,
        fail_on=_choice(table, "fail-on", ("fail", "warn"), source),
        format=_text(table, "format", source),
        offline=_flag(table, "offline", source),
        check=_texts(table, "check", source),
        skip=_texts(table, "skip", source),
        require=_choice(table, "require", ("read", "write"), source),
        tf_dir=cwd / tf_dir if tf_dir is not None else None,
        outputs=_texts(table, "output", source),
        suppressions=tuple(
            _suppression(item, source, n) for n, item in enumerate(_list(table, "suppress", source))
        ),
    )


def _suppression(item: object, source: str, number: int) -> Suppression:
    where = f"{source}: suppression {number + 1}"
    if not isinstance(item, dict):
        raise UsageError(f"{where} must be a table: [[suppress]] with check, reason, expires")
    unknown = sorted(set(item) - set(_SUPPRESSION_KEYS))
    if unknown:
        raise UsageError(f"{where}: unknown key {', '.join(unknown)}")
    check, reason = item.get("check"), item.get("reason")
    if not isinstance(check, str) or not check.strip():
        raise UsageError(f'{where} names no check: set check = "ID"')
    if not isinstance(reason, str) or not reason.strip():
        raise UsageError(f"{where} ({check}) has no reason: every suppression must say why")
    return Suppression(check.strip(), reason.strip(), source, _date(item.get("expires"), where))


def _date(value: object, where: str) -> date | None:
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise UsageError(f"{where}: expires must be a date such as 2026-06-30")


def _text(table: dict[str, Any], key: str, source: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{source}: {key} must be a string")
    return value


def _choice(table: dict[str, Any], key: str, allowed: tuple[str, ...], source: str) -> str | None:
    value = _text(table, key, source)
    if value is not None and value not in allowed:
        raise UsageError(f"{source}: {key} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _flag(table: dict[str, Any], key: str, source: str) -> bool | None:
    value = table.get(key)
    if value is not None and not isinstance(value, bool):
        raise UsageError(f"{source}: {key} must be true or false")
    return value


def _list(table: dict[str, Any], key: str, source: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise UsageError(f"{source}: {key} must be a list")
    return value


def _texts(table: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{source}: {key} must be a list of strings")
    return tuple(value)
