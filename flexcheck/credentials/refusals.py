"""What each way of failing to read a credential download tells the user, and what to do."""

from __future__ import annotations

import zipfile

from flexcheck.credentials.errors import REDOWNLOAD, Reason, UnreadableCredentials

_OTHER_FORMATS = (
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip file"),
    (b"%PDF", "a PDF document"),
)


_METHOD_NAMES = {12: "bzip2", 14: "LZMA", 9: "Deflate64", 93: "Zstandard", 95: "xz", 99: "AES"}


STRONG_ENCRYPTION = 0x40


def password_needed(name: str, detail: str = "") -> UnreadableCredentials:
    return UnreadableCredentials(
        Reason.PASSWORD_NEEDED,
        f"{name} is password-protected: give flexcheck the zip password you set when you "
        "clicked Download Credentials. If you no longer know it, download the credentials "
        "again; that resets the API password.",
        detail=detail,
    )


def unsupported(name: str, info: zipfile.ZipInfo) -> UnreadableCredentials:
    if info.flag_bits & STRONG_ENCRYPTION:
        what = "PKWARE strong encryption"
    else:
        method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        what = f"{method} compression"
    return UnreadableCredentials(
        Reason.UNSUPPORTED,
        f"{info.filename} in {name} uses {what}, which flexcheck does not read (it reads "
        "stored or deflated entries, plain or encrypted with AES or ZipCrypto). Extract the "
        "text file with your archive tool and give flexcheck that file, or download the "
        "credentials again.",
    )


def no_member(name: str, names: list[str]) -> UnreadableCredentials:
    if names:
        inside = f"it holds {', '.join(names)}, none with an API user id and password"
    else:
        inside = "it holds no files"
    return UnreadableCredentials(
        Reason.NO_CREDENTIAL_MEMBER,
        f"{name} is a zip, but {inside}. Expected one text file with lines like "
        f"'apiId:<id>' and 'password:<password>'. {REDOWNLOAD}",
    )


def not_a_zip(data: bytes, name: str) -> UnreadableCredentials:
    if not data.strip():
        return UnreadableCredentials(
            Reason.NOT_A_ZIP, f"{name} is empty. Was the download interrupted? {REDOWNLOAD}"
        )
    kind = next((label for magic, label in _OTHER_FORMATS if data.startswith(magic)), None)
    looks = f" (it looks like {kind})" if kind else ""
    return UnreadableCredentials(
        Reason.NOT_A_ZIP,
        f"{name} is neither a zip archive nor a credential text file{looks}. Give flexcheck "
        "the zip from Download Credentials, or the text file inside it. " + REDOWNLOAD,
    )
