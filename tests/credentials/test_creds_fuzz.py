"""Whatever the bytes, read_credential_file returns a readout or raises UnreadableCredentials."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flexcheck.credentials import (
    CredentialReadout,
    Protection,
    Reason,
    UnreadableCredentials,
    read_credential_file,
)
from flexcheck.credentials.fixtures import write_credential_zip
from flexcheck.secrets.secret import Secret

from .conftest import API_ID, API_PASSWORD, ZIP_PASSWORD, assert_no_secret

EXTRA = {"README.txt": b"Keep this file safe.\n" * 20}
BASES = [
    write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD, protection=protection, form=form)
    for protection in (Protection.AES, Protection.ZIPCRYPTO, Protection.NONE)
    for form in ("key-value", "csv")
] + [
    write_credential_zip(
        API_ID, API_PASSWORD, ZIP_PASSWORD, protection=protection, extra_members=EXTRA
    )
    for protection in (Protection.AES, Protection.ZIPCRYPTO)
]
# FLEXCHECK_FUZZ_EXAMPLES=20000 for a long run before touching archive.py.
FUZZ = settings(
    max_examples=int(os.environ.get("FLEXCHECK_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def outcome(data: bytes, password: Secret | None) -> CredentialReadout | Reason:
    failure: UnreadableCredentials | None = None
    try:
        readout = read_credential_file(data, "dl.zip", password)
    except UnreadableCredentials as error:
        failure = error
    if failure is not None:
        assert isinstance(failure.reason, Reason)
        assert_no_secret(failure.message)
        assert failure.__context__ is None
        return failure.reason
    # The username is shown on purpose; a mutated file can make it contain the password text.
    assert_no_secret(repr(readout).replace(readout.credentials.username, ""))
    return readout


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@FUZZ
@given(mutated(), st.sampled_from([Secret(ZIP_PASSWORD), Secret("not-the-zip-password"), None]))
def test_mutated_downloads_never_raise_anything_else(data: bytes, password: Secret | None) -> None:
    result = outcome(data, password)
    if isinstance(result, CredentialReadout):
        assert result.credentials.password
        assert result.credentials.username


@FUZZ
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise_anything_else(data: bytes) -> None:
    outcome(data, Secret(ZIP_PASSWORD))


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_after_zip_magic_never_raise_anything_else(data: bytes) -> None:
    result = outcome(b"PK\x03\x04" + data, Secret(ZIP_PASSWORD))
    assert result is not Reason.NOT_A_ZIP  # zip magic means it is judged as a zip


@pytest.mark.parametrize("base", BASES)
def test_unmutated_bases_read_back(base: bytes) -> None:
    result = outcome(base, Secret(ZIP_PASSWORD))
    assert isinstance(result, CredentialReadout)
    assert result.credentials.password.reveal() == API_PASSWORD
