"""Inputs the coverage-guided fuzzer once broke the reader with; each must stay harmless."""

from __future__ import annotations

import base64

import pytest

from flexcheck.credentials.archive import read_credential_file
from flexcheck.credentials.errors import Reason, UnreadableCredentials
from flexcheck.secrets.secret import Secret

FUZZ_PASSWORD = "0123456789abcdef0123456789abcdef!1Aa"

# An AES entry whose header fools pyzipper into checking a trailer with no decrypter
# (it raised AttributeError: 'NoneType' object has no attribute 'hmac_size').
AES_WITHOUT_DECRYPTER = base64.b64decode(
    "UEsDBBQAAQBjAABgIVoAAAAAawAAAFsAAABCAAsAQVBJX0NyZWRlbnRpYWxfNUYwQTNDMUUtOUI3RC00RTIxLThD"
    "NkEtMkQ0QjFGM0U3QTkwXzExXzI4XzIwMjYuY3N2AZkHAAIAQUUDCADdDufQr991KKjczYyCPGSOPo7ttPhytUKY"
    "T+M+WEYQ9JsdB5LT0QtiC24DXlIEpKvQllEsY3Vo6VUJZSsBnj/zKmF495fvVDteiRIwvc1003mFJkDppCu5O2ty"
    "crW8g31wCsPiQh54PgPTzFBLAQIUAxQAAAFjAABgIVoAAAAAawAAAFsAAABCAAsAAAAAAAAAAACAAQAAAABBUElf"
    "Q3JlZGVudGlhbF81RjBBM0MxRS05QjdELTRFMjEtOEM2QS0yRDRCMUYzRTdBOTBfMTFfMjhfMjAyNi5jc3YBmQcA"
    "AgBBRQMAAFBLBQYAAAAAAQABAHsAAADWAAAAAAA="
)

# A mangled text file whose "clientId" line carries the password's text.
PASSWORD_IN_CLIENT_ID = base64.b64decode(
    "YXBpSWQ6NUYwQTNDMUUtOUI3RC00RTIxLThDNkEtMkQ0QjFGM0U3QTkwDQpwRjBBM0MxQkIxRjNFN0E5MA0KcGFz"
    "c3dvcmQ6MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYhMUFhDQpjbGllbnRJZCBmYXNzd29yZDowMTIz"
    "NDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiExQWENCmNsaWVudElkIGZvciBsZXhWTTpmbGV4dm0NCg=="
)


def test_damaged_aes_header_is_a_damaged_download() -> None:
    with pytest.raises(UnreadableCredentials) as caught:
        read_credential_file(AES_WITHOUT_DECRYPTER, "dl.zip", Secret("zip-Pa55word"))
    assert caught.value.reason in (Reason.TRUNCATED, Reason.WRONG_PASSWORD)
    assert caught.value.__context__ is None


def test_client_id_is_never_shown() -> None:
    readout = read_credential_file(PASSWORD_IN_CLIENT_ID, "creds.txt", None)
    assert readout.credentials.client_id is not None
    assert FUZZ_PASSWORD not in repr(readout)
