"""Turn the text inside a credential download into an API user id and password."""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from typing import Literal

from flexcheck.credentials.errors import REDOWNLOAD, Reason, UnreadableCredentials
from flexcheck.secrets.secret import Secret

Form = Literal["key-value", "csv"]

# Field names after `_normalise`; FortiCloud's exact CSV header is not documented.
_ID_NAMES = frozenset({"apiid", "username", "user", "userid", "apiuser", "apiuserid"})
_PASSWORD_NAMES = frozenset({"password", "apipassword"})
_CLIENT_PREFIX = "clientid"

_KEY_VALUE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9 _\-]{0,60}?)\s*[:=]\s*(?P<value>.*?)\s*$")
_CSV_DELIMITERS = (",", ";", "\t", "|")
# C0 controls that never occur in a text file; \t \n \r \f \v and DOS EOF (\x1a) may.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


@dataclass(frozen=True)
class ParsedCredentials:
    username: str
    password: Secret
    client_id: str | None = field(repr=False)  # never shown: a damaged file may put anything here
    form: Form
    fields_found: tuple[str, ...]  # field names as spelled in the file; never values


def decode_text(data: bytes, source_name: str) -> str:
    """Bytes to text: UTF-8 (BOM optional), UTF-16/32 when a BOM says so, else Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise _not_text(source_name) from None
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if _BINARY.search(text):
        raise _not_text(source_name)
    return text


def parse_credentials(text: str, source_name: str) -> ParsedCredentials:
    """Read `key:value` lines (`apiId:...`, `password:...`) or a CSV with a header row."""
    text = text.removeprefix("\ufeff").replace("\x1a", "")
    lines = [line for line in text.splitlines() if line.strip()]
    if _BINARY.search(text):
        raise _not_text(source_name)
    pairs = _key_values(lines)
    if pairs:
        return _build(pairs, "key-value", source_name)
    rows = _csv_rows(lines, source_name)
    if rows is not None:
        return _build(rows, "csv", source_name)
    raise UnreadableCredentials(
        Reason.NO_FIELDS,
        f"{source_name} has no API user id or password: expected lines like "
        "'apiId:<id>' and 'password:<password>', or a CSV with apiId and password columns. "
        f"Is it the file from Download Credentials? {REDOWNLOAD}",
    )


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name.strip().strip("\"'")).lower()


def _kind(name: str) -> str | None:
    key = _normalise(name)
    if key in _ID_NAMES:
        return "id"
    if key in _PASSWORD_NAMES:
        return "password"
    if key.startswith(_CLIENT_PREFIX):
        return "client"
    return None


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _key_values(lines: list[str]) -> list[tuple[str, str, str]]:
    """(kind, name as spelled, value) for every recognised `key:value` line."""
    found = []
    for line in lines:
        match = _KEY_VALUE.match(line)
        if match is None:
            continue
        kind = _kind(match["key"])
        if kind is not None:
            found.append((kind, match["key"].strip(), _unquote(match["value"])))
    return found


def _csv_rows(lines: list[str], source_name: str) -> list[tuple[str, str, str]] | None:
    """The recognised columns of the one data row, or None when there is no such header."""
    if not lines:
        return None
    for delimiter in _CSV_DELIMITERS:
        if delimiter not in lines[0]:
            continue
        try:
            rows = [r for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:  # e.g. a field over csv.field_size_limit(): not a credential CSV
            continue
        if not rows:
            continue
        header = [_kind(cell) for cell in rows[0]]
        if not any(header):
            continue
        data = {tuple(cell.strip() for cell in row) for row in rows[1:]}
        if len(data) > 1:
            raise UnreadableCredentials(
                Reason.SEVERAL_CANDIDATES,
                f"{source_name} holds {len(data)} different credential rows; flexcheck expects "
                f"one API user per file. {REDOWNLOAD}",
            )
        values = next(iter(data), ())
        return [
            (kind, rows[0][i].strip(), _unquote(values[i]) if i < len(values) else "")
            for i, kind in enumerate(header)
            if kind is not None
        ]
    return None


def _build(fields: list[tuple[str, str, str]], form: Form, source_name: str) -> ParsedCredentials:
    by_kind: dict[str, set[str]] = {}
    for kind, _name, value in fields:
        by_kind.setdefault(kind, set()).add(value)
    for kind, label in (("id", "API user ids"), ("password", "passwords")):
        if len(by_kind.get(kind, set()) - {""}) > 1:
            raise UnreadableCredentials(
                Reason.SEVERAL_CANDIDATES,
                f"{source_name} holds several different {label}; flexcheck cannot tell which "
                f"one is meant. {REDOWNLOAD}",
            )
    username = max(by_kind.get("id", {""}))
    password = max(by_kind.get("password", {""}))
    clients = [(name, value) for kind, name, value in fields if kind == "client" and value]
    # A download may list a client id per product; the FlexVM/FortiFlex one is ours.
    clients.sort(key=lambda item: "flex" not in item[0].lower())
    client = clients[0][1] if clients else ""
    if not username:
        what = "an empty API user id" if "id" in by_kind else "no API user id (apiId)"
        raise UnreadableCredentials(
            Reason.EMPTY_USERNAME, f"{source_name} has {what}. {REDOWNLOAD}"
        )
    if not password:
        what = "an empty password" if "password" in by_kind else "no password"
        raise UnreadableCredentials(
            Reason.EMPTY_PASSWORD, f"{source_name} has {what}. {REDOWNLOAD}"
        )
    names = tuple(dict.fromkeys(name for _kind, name, _value in fields))
    return ParsedCredentials(username, Secret(password), client or None, form, names)


def _not_text(source_name: str) -> UnreadableCredentials:
    return UnreadableCredentials(
        Reason.NOT_TEXT,
        f"{source_name} is not a text file, so it cannot hold the API user id and password. "
        f"{REDOWNLOAD}",
    )
