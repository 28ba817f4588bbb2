from __future__ import annotations

from pathlib import Path

import pytest

from checks.credentials_file import CredentialsFile
from checks.zip_decrypt import ZipDecrypt
from flexcheck.core.model import Deps, Status
from flexcheck.credentials.archive import Protection
from flexcheck.credentials.fixtures import write_credential_zip
from flexcheck.credentials.locate import EnvInput, FileInput
from flexcheck.secrets.secret import Secret
from tests.helpers import make_context

API_ID = "9A8B7C6D-1111-2222-3333-444455556666"
API_PASSWORD = "0123456789abcdef0123456789abcdef!1Aa"
ZIP_PASSWORD = "zip-canary-Pa55"


def run(data: bytes, zip_password: str | None = ZIP_PASSWORD) -> object:
    source = FileInput(
        Path("API_Credential_x.zip"), data, discovered=False, loose_permissions=False
    )
    ctx = make_context(zip_password=Secret(zip_password) if zip_password else None)
    return ZipDecrypt().run(ctx, Deps({CredentialsFile.id: source}))


@pytest.mark.parametrize(
    ("protection", "status", "words"),
    [
        (Protection.AES, Status.PASS, "WinZip AES"),
        (Protection.ZIPCRYPTO, Status.WARN, "ZipCrypto"),
        (Protection.NONE, Status.WARN, "not encrypted"),
        (Protection.PLAINTEXT, Status.WARN, "unprotected on disk"),
    ],
)
def test_protection_levels(protection: Protection, status: Status, words: str) -> None:
    password = None if protection in (Protection.NONE, Protection.PLAINTEXT) else ZIP_PASSWORD
    data = write_credential_zip(API_ID, API_PASSWORD, password, protection=protection)
    result = run(data)
    assert result.status is status  # type: ignore[attr-defined]
    assert words in result.summary  # type: ignore[attr-defined]
    assert result.value.password.reveal() == API_PASSWORD  # type: ignore[attr-defined]
    assert API_PASSWORD not in result.summary  # type: ignore[attr-defined]
    assert API_ID not in result.summary  # type: ignore[attr-defined]


def test_encrypted_zip_without_password_says_how_to_give_one() -> None:
    result = run(write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD), zip_password=None)
    assert result.status is Status.FAIL  # type: ignore[attr-defined]
    assert "--zip-password-file" in result.hint  # type: ignore[attr-defined]


def test_environment_credentials_pass_through_as_a_skip() -> None:
    source = EnvInput("ENV-USER-1234", Secret("env-password-1"), ("A", "B"))
    result = ZipDecrypt().run(make_context(), Deps({CredentialsFile.id: source}))
    assert result.status is Status.SKIP
    assert result.value is not None
    assert result.value.from_file is False
