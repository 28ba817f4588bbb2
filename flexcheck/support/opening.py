"""Opening a customer's bundle: a whole zip, the right password, really a flexcheck bundle."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flexcheck.credentials.aes_zip import pyzipper
from flexcheck.errors import UsageError
from flexcheck.report.bundle import BUNDLE_SCHEMA_VERSION
from flexcheck.report.document import SCHEMA_VERSION
from flexcheck.secrets.secret import Secret
from flexcheck.support.replay import replay

ZIP_MAGIC = b"PK\x03\x04"
MEMBERS = ("report.json", "requests.json", "versions.json", "environment.json", "redactions.json")
# A bundle is a few kilobytes; a member claiming more is a zip bomb or not a bundle at all.
MAX_MEMBER_BYTES = 16 * 1024 * 1024
_AES_256 = 3  # WinZip AES strength code
_RESEND = "ask the customer to send the bundle again (it is written whole or not at all)"


class BundleError(UsageError):
    """The file cannot be read as a flexcheck bundle; the message says why and what to do."""


@dataclass(frozen=True)
class Bundle:
    path: Path
    schema_version: int
    made_at: str
    encryption: str  # as the zip says: re-packed files show here
    report_text: str  # report.json exactly as the customer's flexcheck wrote it
    report: dict[str, Any]
    requests: list[dict[str, Any]]
    versions: dict[str, Any]
    environment: dict[str, Any]
    redactions: dict[str, Any]


def looks_like_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except OSError:
        return False


def probe(path: Path) -> None:
    """What can be told without the password: the file is a whole zip with a bundle's members.

    Run before asking for the password, so nobody types it for a file that cannot be a bundle."""
    with _archive(path) as archive:
        _require_members(path, archive)


def open_bundle(path: Path, password: Secret) -> Bundle:
    with _archive(path) as archive:
        _require_members(path, archive)
        archive.setpassword(password.reveal().encode("utf-8"))
        texts = {name: _read(path, archive, name) for name in MEMBERS}
        made_in_zip = archive.getinfo("report.json").date_time
        encryption = _encryption([archive.getinfo(name) for name in MEMBERS])
    parsed = {name: _json(path, name, text) for name, text in texts.items()}
    versions = _mapping(path, "versions.json", parsed["versions.json"])
    schema = versions.get("bundle_schema_version", 1)  # bundles made before the field was added
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise _damaged(path, "versions.json gives no whole-number bundle_schema_version")
    report = _mapping(path, "report.json", parsed["report.json"])
    report_schema = report.get("schema_version")
    if schema > BUNDLE_SCHEMA_VERSION or (
        isinstance(report_schema, int) and report_schema > SCHEMA_VERSION
    ):
        raise BundleError(
            f"{path} was made by a newer flexcheck ({versions.get('flexcheck', 'unknown')}, bundle "
            f"schema {schema}, report schema {report_schema}); this flexcheck reads bundle schema "
            f"{BUNDLE_SCHEMA_VERSION} and report schema {SCHEMA_VERSION}. Upgrade flexcheck "
            "(pip install -U flexcheck) and try again"
        )
    if report_schema != SCHEMA_VERSION or not isinstance(report.get("checks"), list):
        raise _damaged(path, "report.json is not a flexcheck report (no schema_version or checks)")
    try:
        replay(report, "report.json")  # every view draws from it: refuse it whole, here
    except UsageError as error:
        raise _damaged(path, str(error)) from None
    made = _when(versions.get("made_at"))
    if made is None:
        year, month, day, hour, minute, second = made_in_zip
        made = (
            f"{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02} "
            "(the customer's local time, from the zip)"
        )
    requests = parsed["requests.json"]
    if not isinstance(requests, list):
        raise _damaged(path, "requests.json is not a list of requests")
    return Bundle(
        path=path,
        schema_version=schema,
        made_at=made,
        encryption=encryption,
        report_text=texts["report.json"],
        report=report,
        requests=requests,
        versions=versions,
        environment=_mapping(path, "environment.json", parsed["environment.json"]),
        redactions=_mapping(path, "redactions.json", parsed["redactions.json"]),
    )


def read_start(path: Path, size: int, noun: str) -> bytes:
    """The first `size` bytes of a file named on the command line; each failure said plainly."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        raise BundleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BundleError(f"{path} is a folder, not {noun}") from None
    except OSError as error:
        raise BundleError(f"{path} cannot be read: {error.strerror or error}") from None


def _archive(path: Path) -> Any:
    if read_start(path, 4, "a bundle") != ZIP_MAGIC:
        raise BundleError(
            f"{path} is not a zip file, so not a support bundle: a bundle is the .zip that "
            "`flexcheck bundle OUT.zip` wrote"
            + (" (to compare JSON reports, use `flexcheck diff`)" if _is_json(path) else "")
        )
    try:
        return pyzipper.AESZipFile(path)
    except (pyzipper.BadZipFile, EOFError, OSError, ValueError):
        raise _damaged(
            path, "it starts as a zip but its end is missing (cut short in transfer?)"
        ) from None


def _require_members(path: Path, archive: Any) -> None:
    names: list[str] = archive.namelist()
    missing = [name for name in MEMBERS if name not in names]
    if missing:
        held = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "") or "nothing"
        raise BundleError(
            f"{path} is a zip, but not a flexcheck support bundle: it holds {held} and lacks "
            f"{', '.join(missing)}. Ask the customer for the file `flexcheck bundle OUT.zip` wrote"
        )
    for name in MEMBERS:
        if archive.getinfo(name).file_size > MAX_MEMBER_BYTES:
            raise _damaged(path, f"{name} claims more than {MAX_MEMBER_BYTES} bytes")


def _read(path: Path, archive: Any, name: str) -> str:
    try:
        with archive.open(name) as member:
            raw: bytes = member.read(MAX_MEMBER_BYTES + 1)
    except RuntimeError as error:
        if "password" in str(error).lower():
            raise BundleError(
                f"wrong password for {path}: use the password the customer chose when running "
                "`flexcheck bundle` (sent apart from the bundle); check for a typo or a trailing "
                "space in --bundle-password-file or FLEXCHECK_BUNDLE_PASSWORD"
            ) from None
        raise _damaged(path, f"{name} cannot be decrypted") from None
    except (pyzipper.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise _damaged(path, f"{name} in it is corrupt") from None
    if len(raw) > MAX_MEMBER_BYTES:
        raise _damaged(path, f"{name} is larger than {MAX_MEMBER_BYTES} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _damaged(path, f"{name} is not UTF-8 text") from None


def _json(path: Path, name: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise _damaged(path, f"{name} is not valid JSON (line {error.lineno})") from None


def _mapping(path: Path, name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _damaged(path, f"{name} is not a JSON object")
    return value


def _encryption(infos: list[Any]) -> str:
    if all(getattr(i, "wz_aes_strength", None) == _AES_256 for i in infos):
        return "AES-256, as `flexcheck bundle` writes it"
    if all(i.flag_bits & 1 for i in infos):
        return "encrypted, but not with AES-256: not as `flexcheck bundle` writes it (re-packed?)"
    return "none: the files were re-packed after `flexcheck bundle` wrote them"


def _when(stamp: Any) -> str | None:
    try:
        moment = datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
    except ValueError:
        return None
    if moment is None or moment.utcoffset() is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _is_json(path: Path) -> bool:
    try:
        json.loads(path.read_bytes()[: 4 * 1024 * 1024])
    except (OSError, ValueError):
        return False
    return True


def _damaged(path: Path, why: str) -> BundleError:
    return BundleError(f"{path} is damaged: {why}; {_RESEND}")
