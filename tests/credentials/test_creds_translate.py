"""What each library exception becomes for the user, when it is hard to provoke with a real zip.

pyzipper and zipfile word their errors freely; flexcheck maps them in one place. Real damaged
zips exercise the common paths in test_creds_archive.py; these pin the rarer wordings.
"""

from __future__ import annotations

import zipfile
import zlib

import pytest

from flexcheck.credentials.archive import Protection, _Progress, _translate, protection_of
from flexcheck.credentials.errors import Reason


@pytest.mark.parametrize(
    "said", ["File creds.txt is encrypted, password required for extraction", "requires a password"]
)
def test_a_missing_password_is_named_whatever_the_wording(said: str) -> None:
    error = _translate(RuntimeError(said), "creds.zip", _Progress(password_given=False))
    assert error.reason is Reason.PASSWORD_NEEDED


@pytest.mark.parametrize(
    "exc", [zipfile.BadZipFile("Bad CRC-32 for file 'c.txt'"), zlib.error("invalid block"),
            RuntimeError("Bad HMAC check for file")],
)  # fmt: skip
def test_a_checksum_error_with_a_password_is_a_wrong_password(exc: Exception) -> None:
    progress = _Progress(password_given=True, member="c.txt", encrypted=True)
    assert _translate(exc, "creds.zip", progress).reason is Reason.WRONG_PASSWORD


def test_a_checksum_error_in_an_unencrypted_zip_is_damage() -> None:
    progress = _Progress(password_given=True, member="c.txt")  # no entry read encrypted yet
    error = _translate(zlib.error("invalid block"), "creds.zip", progress)
    assert error.reason is Reason.TRUNCATED
    assert "(at entry c.txt)" in error.message


def test_damage_before_any_entry_names_no_entry() -> None:
    error = _translate(zipfile.BadZipFile("truncated"), "creds.zip", _Progress(True))
    assert error.reason is Reason.TRUNCATED
    assert "at entry" not in error.message
    assert "None" not in error.message


def test_an_unsupported_feature_is_named_with_its_entry() -> None:
    progress = _Progress(password_given=False, member="c.txt")
    error = _translate(NotImplementedError("compression type 14"), "creds.zip", progress)
    assert error.reason is Reason.UNSUPPORTED
    assert "(at entry c.txt)" in error.message


def test_compression_method_99_is_winzip_aes() -> None:
    info = zipfile.ZipInfo("c.txt")
    info.flag_bits |= 1
    info.compress_type = 99
    assert protection_of(info) is Protection.AES
    info.compress_type = zipfile.ZIP_DEFLATED
    assert protection_of(info) is Protection.ZIPCRYPTO
