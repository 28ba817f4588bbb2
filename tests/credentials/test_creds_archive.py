from __future__ import annotations

import io
import random
import struct
import time
import zipfile

import pytest
import pyzipper
from pyzipper.zipfile_aes import AESZipInfo

from flexcheck.credentials import (
    Protection,
    Reason,
    UnreadableCredentials,
    read_credential_file,
)
from flexcheck.credentials.archive import MAX_MEMBER_BYTES
from flexcheck.credentials.fixtures import credential_text, write_credential_zip
from flexcheck.credentials.zipcrypto import write_zipcrypto
from flexcheck.secrets.secret import Secret

from .conftest import API_ID, API_PASSWORD, ZIP_PASSWORD, assert_no_secret

KEY = Secret(ZIP_PASSWORD)
TEXT = credential_text(API_ID, API_PASSWORD).encode()


def fail(data: bytes, password: Secret | None = KEY, name: str = "dl.zip") -> UnreadableCredentials:
    with pytest.raises(UnreadableCredentials) as info:
        read_credential_file(data, name, password)
    error = info.value
    assert_no_secret(error.message)
    assert_no_secret(repr(error))
    assert name in error.message
    assert error.__context__ is None  # library exceptions may hold decrypted bytes
    assert error.__cause__ is None
    return error


def plain_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def aes_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(
        buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(ZIP_PASSWORD.encode())
        for name, data in members.items():
            archive.writestr(AESZipInfo(name), data, compress_type=pyzipper.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.mark.parametrize("protection", list(Protection))
@pytest.mark.parametrize("form", ["key-value", "csv"])
def test_round_trip(protection: Protection, form: str) -> None:
    data = write_credential_zip(
        API_ID,
        API_PASSWORD,
        ZIP_PASSWORD,
        protection=protection,
        form=form,  # type: ignore[arg-type]
    )
    readout = read_credential_file(data, "dl.zip", KEY)
    assert readout.protection is protection
    assert readout.credentials.username == API_ID
    assert readout.credentials.password.reveal() == API_PASSWORD
    assert readout.credentials.form == form
    if protection is Protection.PLAINTEXT:
        assert readout.member is None
    else:
        assert readout.member is not None
        assert readout.member.startswith(f"API_Credential_{API_ID}_")
    assert_no_secret(repr(readout))
    assert_no_secret(str(readout))


@pytest.mark.parametrize("protection", [Protection.NONE, Protection.PLAINTEXT])
def test_unprotected_input_needs_no_password(protection: Protection) -> None:
    data = write_credential_zip(API_ID, API_PASSWORD, None, protection=protection)
    assert read_credential_file(data, "dl.zip", None).protection is protection


@pytest.mark.parametrize(
    "text",
    [
        b"\xef\xbb\xbf" + TEXT,
        TEXT.replace(b"\r\n", b"\n"),
        b"  apiId = " + API_ID.encode() + b"  \r\n password = " + API_PASSWORD.encode() + b"\r\n",
        f"\ufeffapiId,password\r\n{API_ID},{API_PASSWORD}\r\n".encode("utf-16"),
    ],
)
def test_text_variants_inside_an_aes_zip(text: bytes) -> None:
    readout = read_credential_file(aes_zip({"creds.txt": text}), "dl.zip", KEY)
    assert readout.credentials.username == API_ID
    assert readout.credentials.password.reveal() == API_PASSWORD


def test_zip_detected_by_content_not_name() -> None:
    data = write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD)
    assert read_credential_file(data, "creds.txt", KEY).protection is Protection.AES
    text = write_credential_zip(API_ID, API_PASSWORD, None, protection=Protection.PLAINTEXT)
    assert read_credential_file(text, "creds.zip", None).protection is Protection.PLAINTEXT


def test_junk_members_are_ignored() -> None:
    data = write_credential_zip(
        API_ID,
        API_PASSWORD,
        ZIP_PASSWORD,
        member_name="creds.txt",
        extra_members={
            "__MACOSX/._creds.txt": TEXT,
            ".DS_Store": TEXT,
            "sub/": b"",
            "README.txt": b"Keep this file safe.\n",
            "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00",
        },
    )
    readout = read_credential_file(data, "dl.zip", KEY)
    assert readout.member == "creds.txt"


def test_any_member_that_parses_is_a_candidate() -> None:
    data = write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD, member_name="credentials")
    assert read_credential_file(data, "dl.zip", KEY).member == "credentials"


def test_mixed_encryption_reports_the_credential_member() -> None:
    data = plain_zip({"creds.txt": TEXT, "notes.md": b"# notes"})
    assert read_credential_file(data, "dl.zip", KEY).protection is Protection.NONE


def test_wrong_password() -> None:
    for protection in (Protection.AES, Protection.ZIPCRYPTO):
        data = write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD, protection=protection)
        error = fail(data, Secret("not-the-password"))
        assert error.reason is Reason.WRONG_PASSWORD
        assert "Download Credentials" in error.message
        assert error.guide_step == 3


def test_every_wrong_password_on_zipcrypto_is_wrong_password() -> None:
    """ZipCrypto checks one byte: about 1 in 256 wrong passwords gets past it and fails later."""
    data = write_zipcrypto({"creds.txt": TEXT}, ZIP_PASSWORD.encode())
    rng = random.Random(1234)  # noqa: S311  # reproducible guesses, not crypto
    late = None
    for _ in range(3000):  # about 1 in 256 gets past the check: none in 3000, 1 run in 100,000
        guess = "".join(rng.choice("abcdefXYZ0123!") for _ in range(rng.randint(1, 12)))
        error = fail(data, Secret(guess))
        assert error.reason is Reason.WRONG_PASSWORD, (guess, error.detail)
        if error.detail != "builtins.RuntimeError":  # past the one-byte check ("Bad password")
            late = error.detail
            break  # the proof is made; each further guess made every later one slower to scrub
    # Proves a late failure (zlib.error or a bad CRC) was met, not only "Bad password".
    assert late is not None


def test_damaged_aes_data_with_right_password_is_reported_as_password_or_damage() -> None:
    data = bytearray(write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD))
    start = 30 + data[26] + data[28] + 18  # local header, name, extra, AES salt and verifier
    data[start + 5] ^= 0xFF
    error = fail(bytes(data))
    assert error.reason is Reason.WRONG_PASSWORD
    assert "damaged" in error.message


@pytest.mark.parametrize("password", [None, Secret("")])
@pytest.mark.parametrize("protection", [Protection.AES, Protection.ZIPCRYPTO])
def test_password_needed(password: Secret | None, protection: Protection) -> None:
    data = write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD, protection=protection)
    error = fail(data, password)
    assert error.reason is Reason.PASSWORD_NEEDED
    assert "zip password" in error.message


def test_too_large_input_is_refused_before_reading() -> None:
    error = fail(b"PK\x03\x04" + b"\x00" * (1 << 20))
    assert error.reason is Reason.TOO_LARGE
    assert "1,048,580 bytes" in error.message


def test_too_many_members() -> None:
    members = {f"f{i}.txt": b"x" for i in range(17)}
    error = fail(plain_zip(members))
    assert error.reason is Reason.TOO_MANY_MEMBERS
    assert "17 entries" in error.message


def test_sixteen_members_are_fine() -> None:
    members = {f"f{i}.md": b"x" for i in range(15)} | {"creds.txt": TEXT}
    assert read_credential_file(plain_zip(members), "dl.zip", None).member == "creds.txt"


@pytest.mark.parametrize("encrypted", [False, True])
def test_zip_bomb_is_stopped_quickly(encrypted: bool) -> None:
    members = {"creds.txt": b"\x00" * 50_000_000}
    data = aes_zip(members) if encrypted else plain_zip(members)
    assert len(data) < 100_000
    started = time.monotonic()
    error = fail(data)
    assert error.reason is Reason.MEMBER_TOO_LARGE
    assert "64 KiB" in error.message
    assert time.monotonic() - started < 2


def test_member_at_the_limit_is_read() -> None:
    text = TEXT + b"\r\n" * ((MAX_MEMBER_BYTES - len(TEXT)) // 2)
    assert len(text) <= MAX_MEMBER_BYTES
    assert read_credential_file(plain_zip({"c.txt": text}), "dl.zip", None).member == "c.txt"
    assert fail(plain_zip({"c.txt": text + b"\n\n"})).reason is Reason.MEMBER_TOO_LARGE


def _set_sizes(data: bytes, size: int) -> bytes:
    """Rewrite the uncompressed size in every local and central header."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(signature)
        while at != -1:
            struct.pack_into("<L", out, at + offset, size)
            at = out.find(signature, at + 4)
    return bytes(out)


def test_header_claiming_a_small_size_does_not_hide_a_bomb() -> None:
    lying = _set_sizes(plain_zip({"creds.txt": b"\x00" * 5_000_000}), 100)
    assert fail(lying).reason is Reason.TRUNCATED  # output stops at 100 bytes; CRC mismatch


def test_header_claiming_a_huge_size_is_not_trusted() -> None:
    lying = _set_sizes(plain_zip({"creds.txt": b"\x00" * 5_000_000}), 0xFFFFFFF0)
    assert fail(lying).reason is Reason.MEMBER_TOO_LARGE


@pytest.mark.parametrize(
    ("method", "label"), [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "LZMA")]
)
def test_bzip2_and_lzma_are_unsupported_because_unbounded(method: int, label: str) -> None:
    # pyzipper inflates these methods in one unbounded call, so no bomb could be stopped: even a
    # genuine credential file is refused, by its method and before any byte is inflated.
    error = fail(plain_zip({"creds.txt": TEXT}, method))
    assert error.reason is Reason.UNSUPPORTED
    assert label in error.message


def test_strong_encryption_is_unsupported() -> None:
    data = bytearray(write_zipcrypto({"creds.txt": TEXT}, ZIP_PASSWORD.encode()))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 0x40
    error = fail(bytes(data))
    assert error.reason is Reason.UNSUPPORTED
    assert "strong encryption" in error.message


def test_unknown_compression_method_is_unsupported() -> None:
    data = bytearray(plain_zip({"creds.txt": TEXT}))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        struct.pack_into("<H", data, data.find(signature) + offset, 9)
    error = fail(bytes(data))
    assert error.reason is Reason.UNSUPPORTED
    assert "Deflate64" in error.message


def test_no_credential_member_lists_what_is_there() -> None:
    error = fail(plain_zip({"README.txt": b"hello\n", "logo.png": b"\x89PNG\x00"}))
    assert error.reason is Reason.NO_CREDENTIAL_MEMBER
    assert "README.txt" in error.message
    assert "logo.png" in error.message


def test_empty_zip_has_no_credential_member() -> None:
    error = fail(plain_zip({}))
    assert error.reason is Reason.NO_CREDENTIAL_MEMBER
    assert "no files" in error.message


def test_several_candidates_are_named() -> None:
    other = credential_text("AAAA-BBBB", "ffff" * 8 + "!1Aa").encode()
    error = fail(plain_zip({"one.txt": TEXT, "two.csv": other}))
    assert error.reason is Reason.SEVERAL_CANDIDATES
    assert "one.txt" in error.message
    assert "two.csv" in error.message


def test_binary_text_member_is_not_text() -> None:
    error = fail(plain_zip({"creds.txt": b"\x00\x01\x02garbage"}))
    assert error.reason is Reason.NOT_TEXT
    assert "creds.txt" in error.message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (f"apiId:{API_ID}\npassword:\n", Reason.EMPTY_PASSWORD),
        (f"apiId:\npassword:{API_PASSWORD}\n", Reason.EMPTY_USERNAME),
    ],
)
def test_empty_fields_in_a_zip_are_reported(text: str, reason: Reason) -> None:
    error = fail(aes_zip({"creds.txt": text.encode(), "README.txt": b"Read me.\n"}))
    assert error.reason is reason
    assert "creds.txt" in error.message


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "is empty"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "7-Zip"),
        (b"just some notes\nnothing else\n", "neither a zip archive nor a credential text file"),
        (bytes(range(256)) * 4, "neither a zip archive nor a credential text file"),
    ],
)
def test_not_a_zip(data: bytes, phrase: str) -> None:
    error = fail(data)
    assert error.reason is Reason.NOT_A_ZIP
    assert phrase in error.message


def test_plaintext_with_empty_password_says_so() -> None:
    error = fail(f"apiId:{API_ID}\npassword:\n".encode(), name="creds.txt")
    assert error.reason is Reason.EMPTY_PASSWORD


@pytest.mark.parametrize("keep", [4, 30, 100, -22, -1])
def test_truncated_zip(keep: int) -> None:
    data = write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD)
    error = fail(data[:keep])
    assert error.reason is Reason.TRUNCATED
    assert "incomplete or damaged" in error.message
