"""Realistic credential downloads for the demo command, the emulator scenarios and the tests."""

from __future__ import annotations

import datetime
import io
import secrets
import uuid
import zipfile
from typing import Literal

from flexcheck.credentials.aes_zip import pyzipper
from flexcheck.credentials.archive import Protection
from flexcheck.credentials.zipcrypto import write_zipcrypto

_DATE_TIME = (2025, 1, 1, 12, 0, 0)


def generate_api_id() -> str:
    """An API user id shaped like FortiCloud's: an upper-case UUID."""
    return str(uuid.uuid4()).upper()


def generate_api_password() -> str:
    """An API password shaped like FortiCloud's: 32 hex digits, then `!1Aa`."""
    return secrets.token_hex(16) + "!1Aa"


def credential_text(
    api_id: str, password: str, form: Literal["key-value", "csv"] = "key-value"
) -> str:
    """The text of the file inside the download (CRLF, as FortiCloud's Windows-first tools)."""
    if form == "csv":
        return f"apiId,password\r\n{api_id},{password}\r\n"
    return f"apiId:{api_id}\r\npassword:{password}\r\nclientId for FlexVM:flexvm\r\n"


def default_member_name(
    api_id: str, form: Literal["key-value", "csv"] = "key-value", day: datetime.date | None = None
) -> str:
    day = day or datetime.date.today()
    suffix = "csv" if form == "csv" else "txt"
    return f"API_Credential_{api_id}_{day:%m_%d_%Y}.{suffix}"


def write_credential_zip(
    api_id: str,
    password: str,
    zip_password: str | None,
    *,
    protection: Protection = Protection.AES,
    form: Literal["key-value", "csv"] = "key-value",
    member_name: str | None = None,
    extra_members: dict[str, bytes] | None = None,
) -> bytes:
    """A download as FortiCloud would give it; PLAINTEXT gives the bare text file instead."""
    text = credential_text(api_id, password, form).encode("utf-8")
    if protection is Protection.PLAINTEXT:
        return text
    members = {member_name or default_member_name(api_id, form): text, **(extra_members or {})}
    if protection is Protection.NONE:
        return _write_plain(members)
    if not zip_password:
        raise ValueError(f"a {protection.value} zip needs a zip password")
    key = zip_password.encode("utf-8")
    if protection is Protection.ZIPCRYPTO:
        return write_zipcrypto(members, key, date_time=_DATE_TIME)
    return _write_aes(members, key)


def _write_plain(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, _DATE_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _write_aes(members: dict[str, bytes], key: bytes) -> bytes:
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(
        buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(key)
        for name, data in members.items():
            # writestr() only takes AESZipInfo here: a plain ZipInfo is taken for a file name.
            info = pyzipper.zipfile_aes.AESZipInfo(name, _DATE_TIME)
            archive.writestr(info, data, compress_type=pyzipper.ZIP_DEFLATED)
    return buffer.getvalue()
