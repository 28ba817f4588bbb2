"""Every Reason has a case that produces it, and every message is safe to print."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from flexcheck.credentials import Reason, UnreadableCredentials, read_credential_file
from flexcheck.credentials.content import parse_credentials
from flexcheck.credentials.fixtures import write_credential_zip
from flexcheck.secrets import redact
from flexcheck.secrets.secret import Secret

from .conftest import API_ID, API_PASSWORD, ZIP_PASSWORD, assert_no_secret
from .test_creds_archive import KEY, TEXT, plain_zip


def _read(data: bytes, password: Secret | None = KEY) -> Callable[[], object]:
    return lambda: read_credential_file(data, "dl.zip", password)


def _aes() -> bytes:
    return write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD)


CASES: dict[Reason, Callable[[], object]] = {
    Reason.NOT_A_ZIP: _read(b"%PDF-1.7\n\x00\x01"),
    Reason.TRUNCATED: _read(_aes()[:-10]),
    Reason.WRONG_PASSWORD: _read(_aes(), Secret("wrong-password")),
    Reason.PASSWORD_NEEDED: _read(_aes(), None),
    Reason.NO_CREDENTIAL_MEMBER: _read(plain_zip({"notes.md": b"hello"})),
    Reason.SEVERAL_CANDIDATES: _read(plain_zip({"a.txt": TEXT, "b.txt": TEXT.upper()})),
    Reason.EMPTY_PASSWORD: _read(f"apiId:{API_ID}\npassword: \n".encode()),
    Reason.EMPTY_USERNAME: _read(f"apiId:\npassword:{API_PASSWORD}\n".encode()),
    Reason.NO_FIELDS: lambda: parse_credentials(f"secret:{API_PASSWORD}\n", "c.txt"),
    Reason.TOO_LARGE: _read(b"x" * (2 << 20)),
    Reason.TOO_MANY_MEMBERS: _read(plain_zip({f"{i}.md": b"" for i in range(40)})),
    Reason.MEMBER_TOO_LARGE: _read(plain_zip({"c.txt": b" " * 100_000})),
    Reason.UNSUPPORTED: _read(plain_zip({"c.txt": TEXT}, 12)),
    Reason.NOT_TEXT: _read(plain_zip({"c.txt": b"\x00" * 10})),
}


def test_every_reason_has_a_case() -> None:
    assert set(CASES) == set(Reason)


@pytest.mark.parametrize("reason", list(Reason))
def test_reason_message_is_actionable_and_safe(reason: Reason) -> None:
    with pytest.raises(UnreadableCredentials) as info:
        CASES[reason]()
    error = info.value
    assert error.reason is reason
    assert error.guide_step == 3
    assert str(error) == error.message
    assert_no_secret(error.message)
    assert_no_secret(repr(error))
    # What to do, not only what happened.
    assert any(
        verb in error.message
        for verb in ("Download", "download", "give", "Give", "Use", "Extract", "Is it")
    )


def test_error_survives_pickling_for_worker_processes() -> None:
    error = UnreadableCredentials(Reason.TRUNCATED, "dl.zip is damaged", detail="zlib.error")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301  # our own bytes
    assert (copy.reason, copy.message, copy.guide_step, copy.detail) == (
        Reason.TRUNCATED,
        "dl.zip is damaged",
        3,
        "zlib.error",
    )


def test_message_is_scrubbed_of_known_secrets() -> None:
    redact.remember("hunter2-long-secret")
    error = UnreadableCredentials(Reason.NO_FIELDS, "file hunter2-long-secret.txt has none")
    assert "hunter2-long-secret" not in error.message
    assert "***" in error.message
