"""Open a credential download (the zip, or the text file from it) in memory, within fixed limits."""

from __future__ import annotations

import io
import lzma
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from enum import StrEnum

from flexcheck.credentials.aes_zip import pyzipper
from flexcheck.credentials.content import ParsedCredentials, decode_text, parse_credentials
from flexcheck.credentials.errors import REDOWNLOAD, Reason, UnreadableCredentials
from flexcheck.credentials.refusals import (
    STRONG_ENCRYPTION,
    no_member,
    not_a_zip,
    password_needed,
    unsupported,
)
from flexcheck.secrets.secret import Secret

MAX_INPUT_BYTES = 1 << 20  # a real download is well under 1 KiB
MAX_MEMBERS = 16
MAX_MEMBER_BYTES = 64 << 10

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
_TEXT_SUFFIXES = (".txt", ".csv")
# bzip2 and LZMA are refused, not read: pyzipper inflates them without a size bound (178 bytes
# of bzip2 are 200 MB of zeros), so reading limit + 1 bytes would not stop a bomb.
_READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}

# Everything pyzipper, zlib, bz2, lzma and the codecs raise on damaged or hostile input.
_LIBRARY_ERRORS: tuple[type[Exception], ...] = (
    pyzipper.BadZipFile,
    zipfile.BadZipFile,
    pyzipper.LargeZipFile,
    zipfile.LargeZipFile,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
    ValueError,  # includes UnicodeDecodeError
    NotImplementedError,
    KeyError,
    IndexError,
    struct.error,
    EOFError,
    OSError,
    OverflowError,
)


class Protection(StrEnum):
    AES = "aes"
    ZIPCRYPTO = "zipcrypto"
    NONE = "none"  # a zip without encryption
    PLAINTEXT = "plaintext"  # an already-extracted text or CSV file given directly


@dataclass(frozen=True)
class CredentialReadout:
    credentials: ParsedCredentials
    protection: Protection
    member: str | None  # the zip member that held them; None for plaintext


def protection_of(info: zipfile.ZipInfo) -> Protection:
    """How one zip entry is protected, from its flags and the WinZip AES extra field."""
    if info.flag_bits & 1 == 0:
        return Protection.NONE
    if getattr(info, "wz_aes_version", None) is not None or info.compress_type == 99:
        return Protection.AES
    return Protection.ZIPCRYPTO


def read_credential_file(data: bytes, name: str, zip_password: Secret | None) -> CredentialReadout:
    """The API user id and password in `data`; raises only UnreadableCredentials."""
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadableCredentials(
            Reason.TOO_LARGE,
            f"{name} is {len(data):,} bytes; a credential download is under 1 KiB and flexcheck "
            f"reads at most {MAX_INPUT_BYTES:,}. Is it the right file? {REDOWNLOAD}",
        )
    progress = _Progress(password_given=bool(zip_password))
    failure: UnreadableCredentials
    try:
        if not data.startswith(_ZIP_MAGIC):
            return _read_plaintext(data, name)
        return _read_zip(data, name, zip_password, progress)
    except UnreadableCredentials:
        raise
    except _LIBRARY_ERRORS as exc:
        failure = _translate(exc, name, progress)
    # Raised outside the handler on purpose: no __context__ chain, since exceptions such as
    # UnicodeDecodeError carry the decrypted bytes they failed on.
    raise failure


@dataclass
class _Progress:
    """Where reading was when a library raised, so its exception can be told apart."""

    password_given: bool
    member: str | None = None
    encrypted: bool = False
    names: list[str] = field(default_factory=list)


def _read_plaintext(data: bytes, name: str) -> CredentialReadout:
    try:
        credentials = parse_credentials(decode_text(data, name), name)
    except UnreadableCredentials as exc:
        if exc.reason not in (Reason.NOT_TEXT, Reason.NO_FIELDS):
            raise
        credentials = None
    if credentials is None:
        raise not_a_zip(data, name)
    return CredentialReadout(credentials, Protection.PLAINTEXT, None)


def _read_zip(
    data: bytes, name: str, zip_password: Secret | None, progress: _Progress
) -> CredentialReadout:
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnreadableCredentials(
                Reason.TOO_MANY_MEMBERS,
                f"{name} holds {len(infos)} entries; a credential download holds one text file "
                f"and flexcheck reads zips of at most {MAX_MEMBERS}. {REDOWNLOAD}",
            )
        if zip_password:
            archive.setpassword(zip_password.reveal().encode("utf-8"))
        members = sorted(
            (info for info in infos if not _is_junk(info)),
            key=lambda info: not info.filename.lower().endswith(_TEXT_SUFFIXES),
        )
        progress.names = [info.filename for info in members]
        found: list[tuple[zipfile.ZipInfo, ParsedCredentials]] = []
        near_misses: list[UnreadableCredentials] = []
        for info in members:
            raw = _read_member(archive, info, name, progress)
            source = f"{info.filename} (in {name})"
            try:
                found.append((info, parse_credentials(decode_text(raw, source), source)))
            except UnreadableCredentials as exc:
                if _near_miss(exc, info):
                    near_misses.append(exc)
    if len(found) == 1:
        info, credentials = found[0]
        return CredentialReadout(credentials, protection_of(info), info.filename)
    if found:
        listed = ", ".join(info.filename for info, _ in found)
        raise UnreadableCredentials(
            Reason.SEVERAL_CANDIDATES,
            f"{name} holds {len(found)} files with API credentials ({listed}); flexcheck cannot "
            "tell which one to use. Give it the zip from one Download Credentials, or the one "
            "text file you mean.",
        )
    if near_misses:
        raise near_misses[0]
    raise no_member(name, progress.names)


def _read_member(
    archive: pyzipper.AESZipFile, info: zipfile.ZipInfo, name: str, progress: _Progress
) -> bytes:
    progress.member = info.filename
    progress.encrypted = bool(info.flag_bits & 1)
    if info.flag_bits & STRONG_ENCRYPTION or info.compress_type not in _READABLE_METHODS:
        raise unsupported(name, info)
    if progress.encrypted and not progress.password_given:
        raise password_needed(name)
    # Never trust the sizes in the headers: read one byte past the limit and look.
    try:
        with archive.open(info) as handle:
            content: bytes = handle.read(MAX_MEMBER_BYTES + 1)
    except (AttributeError, TypeError):
        # pyzipper's AES reader trips over itself on some damaged headers (found by fuzzing:
        # an AES trailer check with no decrypter). Scoped to this call, so our own bugs still
        # surface as bugs.
        raise zipfile.BadZipFile("damaged AES entry") from None
    if len(content) > MAX_MEMBER_BYTES:
        raise UnreadableCredentials(
            Reason.MEMBER_TOO_LARGE,
            f"{info.filename} in {name} unpacks to more than {MAX_MEMBER_BYTES // 1024} KiB; a "
            f"credential file is a few lines. flexcheck stopped reading it. {REDOWNLOAD}",
        )
    return content


def _near_miss(exc: UnreadableCredentials, info: zipfile.ZipInfo) -> bool:
    """Was this member meant to be the credential file? Then its error is the one to show."""
    if exc.reason is Reason.NO_FIELDS:
        return False  # a README or licence text
    # A binary .txt/.csv is a broken credential file; a binary picture is just a picture.
    return exc.reason is not Reason.NOT_TEXT or info.filename.lower().endswith(_TEXT_SUFFIXES)


def _is_junk(info: zipfile.ZipInfo) -> bool:
    parts = info.filename.replace("\\", "/").split("/")
    base = parts[-1].lower()
    return (
        info.is_dir()
        or not base
        or "__MACOSX" in parts
        or base in _JUNK_NAMES
        or base.startswith("._")
    )


def _translate(exc: Exception, name: str, progress: _Progress) -> UnreadableCredentials:
    """The one place where a library exception becomes a user-facing reason."""
    detail = f"{type(exc).__module__}.{type(exc).__qualname__}"
    text = str(exc).lower()  # matched only, never shown: it may quote decrypted bytes
    if "requires a password" in text or "password required" in text:
        return password_needed(name, detail)
    wrong_password = "bad password" in text or (
        progress.encrypted
        and progress.password_given
        and (isinstance(exc, zlib.error) or "bad crc-32" in text or "bad hmac" in text)
    )
    if wrong_password:
        return UnreadableCredentials(
            Reason.WRONG_PASSWORD,
            f"The zip password does not open {name} (or the download is damaged). Use the "
            "password you typed when you clicked Download Credentials. If you no longer know "
            "it, download the credentials again; that resets the API password.",
            detail=detail,
        )
    if isinstance(exc, NotImplementedError):
        return UnreadableCredentials(
            Reason.UNSUPPORTED,
            f"{name} uses a zip feature flexcheck cannot read"
            f"{_where(progress)}. Extract the text file with your archive tool and give "
            "flexcheck that file, or download the credentials again.",
            detail=detail,
        )
    return UnreadableCredentials(
        Reason.TRUNCATED,
        f"{name} starts like a zip archive but is incomplete or damaged{_where(progress)}. "
        f"Was the download interrupted? {REDOWNLOAD}",
        detail=detail,
    )


def _where(progress: _Progress) -> str:
    return f" (at entry {progress.member})" if progress.member else ""
