from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
import pyzipper

from flexcheck.credentials import Protection
from flexcheck.credentials.archive import protection_of
from flexcheck.credentials.fixtures import (
    generate_api_id,
    generate_api_password,
    write_credential_zip,
)
from flexcheck.credentials.zipcrypto import write_zipcrypto

from .conftest import API_ID, API_PASSWORD, ZIP_PASSWORD

MEMBERS = {"creds.txt": b"apiId:X\r\npassword:Y\r\n", "dir/\u00fcml\u00e4ut.csv": b"a,b\n" * 500}


def test_generated_id_is_an_upper_case_uuid() -> None:
    api_id = generate_api_id()
    assert re.fullmatch(
        r"[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}", api_id
    )
    assert generate_api_id() != api_id


def test_generated_password_is_32_hex_and_suffix() -> None:
    password = generate_api_password()
    assert re.fullmatch(r"[0-9a-f]{32}!1Aa", password)
    assert generate_api_password() != password


# What a wrong ZipCrypto password raises: the check byte's "Bad password", or garbage past it
# failing to inflate or its CRC (pyzipper has a BadZipFile of its own).
WRONG_ZIPCRYPTO_PASSWORD = (RuntimeError, zlib.error, zipfile.BadZipFile, pyzipper.BadZipFile)


@pytest.mark.parametrize("opener", [pyzipper.AESZipFile, zipfile.ZipFile])
def test_zipcrypto_is_read_by_pyzipper_and_zipfile(opener: type[zipfile.ZipFile]) -> None:
    data = write_zipcrypto(MEMBERS, ZIP_PASSWORD.encode())
    with opener(io.BytesIO(data)) as archive:
        archive.setpassword(ZIP_PASSWORD.encode())
        assert {info.filename: archive.read(info) for info in archive.infolist()} == MEMBERS
        assert all(protection_of(info) is Protection.ZIPCRYPTO for info in archive.infolist())
        # ZipCrypto checks one byte of a random header: 1 wrong password in 256 gets past it and
        # fails later, inflating garbage or at the CRC (one password made this test fail 1 run in
        # 128). Each of four must fail; all four past the check is a chance of 1 in 4 billion.
        refusals = []
        for guess in (b"wrong-1", b"wrong-2", b"wrong-3", b"wrong-4"):
            with pytest.raises(WRONG_ZIPCRYPTO_PASSWORD) as refused:
                archive.read("creds.txt", pwd=guess)
            refusals.append(str(refused.value).lower())
        assert any("password" in refusal for refusal in refusals)


@pytest.mark.skipif(shutil.which("unzip") is None, reason="Info-ZIP unzip is not installed")
def test_zipcrypto_is_read_by_info_zip_unzip(tmp_path: Path) -> None:
    path = tmp_path / "dl.zip"
    path.write_bytes(write_zipcrypto(MEMBERS, ZIP_PASSWORD.encode()))
    ok = subprocess.run(
        ["unzip", "-P", ZIP_PASSWORD, "-p", str(path), "creds.txt"],
        capture_output=True,
        check=False,
    )
    assert ok.returncode == 0
    assert ok.stdout == MEMBERS["creds.txt"]
    tested = subprocess.run(
        ["unzip", "-P", ZIP_PASSWORD, "-t", str(path)], capture_output=True, check=False
    )
    assert tested.returncode == 0
    assert b"No errors detected" in tested.stdout
    wrong = subprocess.run(
        ["unzip", "-P", "nope", "-p", str(path), "creds.txt"], capture_output=True, check=False
    )
    assert wrong.returncode != 0


def test_pyzipper_cannot_write_zipcrypto_itself() -> None:
    """Why zipcrypto.py exists: if pyzipper learns it, this fails and we can drop our writer."""
    archive = pyzipper.ZipFile(io.BytesIO(), "w")
    archive.setpassword(b"x")
    with pytest.raises(NotImplementedError):
        archive.writestr("a.txt", b"a")


@pytest.mark.parametrize(
    ("protection", "expected"),
    [
        (Protection.AES, Protection.AES),
        (Protection.ZIPCRYPTO, Protection.ZIPCRYPTO),
        (Protection.NONE, Protection.NONE),
    ],
)
def test_written_zip_has_the_asked_protection(protection: Protection, expected: Protection) -> None:
    data = write_credential_zip(
        API_ID, API_PASSWORD, ZIP_PASSWORD, protection=protection, extra_members={"b.md": b"b"}
    )
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        assert [protection_of(info) for info in archive.infolist()] == [expected, expected]
        names = archive.namelist()
    assert re.fullmatch(rf"API_Credential_{API_ID}_\d\d_\d\d_\d{{4}}\.txt", names[0])
    assert names[1] == "b.md"


def test_plaintext_fixture_is_the_bare_text() -> None:
    data = write_credential_zip(API_ID, API_PASSWORD, None, protection=Protection.PLAINTEXT)
    assert (
        data
        == f"apiId:{API_ID}\r\npassword:{API_PASSWORD}\r\nclientId for FlexVM:flexvm\r\n".encode()
    )


def test_csv_fixture_member_name_and_header() -> None:
    data = write_credential_zip(API_ID, API_PASSWORD, None, protection=Protection.NONE, form="csv")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (name,) = archive.namelist()
        assert name.endswith(".csv")
        assert archive.read(name).startswith(b"apiId,password\r\n")


@pytest.mark.parametrize("protection", [Protection.AES, Protection.ZIPCRYPTO])
def test_encrypted_fixture_needs_a_zip_password(protection: Protection) -> None:
    with pytest.raises(ValueError, match="needs a zip password"):
        write_credential_zip(API_ID, API_PASSWORD, None, protection=protection)
