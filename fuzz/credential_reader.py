"""Coverage-guided fuzzing of the credential reader: any bytes give a readout or our own error.

    pip install -e '.[fuzz]'
    python fuzz/credential_reader.py -atheris_runs=200000      # or -max_total_time=600
    python fuzz/credential_reader.py fuzz/corpus -atheris_runs=0   # replay a saved corpus

Crash inputs are written to ./crash-* (libFuzzer's -artifact_prefix= moves them).

A crash means read_credential_file raised something other than UnreadableCredentials, or let a
secret or a library exception chain escape in its message. The seed inputs are real downloads
(AES, ZipCrypto, plain zip; key-value and CSV text), so mutations start from valid archives.
"""

from __future__ import annotations

import sys

from flexcheck.credentials import archive
from flexcheck.credentials.errors import UnreadableCredentials
from flexcheck.credentials.fixtures import credential_text, write_credential_zip
from flexcheck.secrets.secret import Secret

API_ID = "5F0A3C1E-9B7D-4E21-8C6A-2D4B1F3E7A90"
API_PASSWORD = "0123456789abcdef0123456789abcdef!1Aa"
ZIP_PASSWORD = "zip-Pa55word"
PASSWORDS = (Secret(ZIP_PASSWORD), Secret("wrong-password"), None)
SECRET_VALUES = (API_PASSWORD, ZIP_PASSWORD)


def seeds() -> list[bytes]:
    """Valid downloads in every protection and text form, plus the bare text files."""
    found = [
        write_credential_zip(API_ID, API_PASSWORD, ZIP_PASSWORD, protection=protection, form=form)
        for protection in (
            archive.Protection.AES,
            archive.Protection.ZIPCRYPTO,
            archive.Protection.NONE,
        )
        for form in ("key-value", "csv")
    ]
    found += [credential_text(API_ID, API_PASSWORD, form).encode() for form in ("key-value", "csv")]
    return found


def check_one(data: bytes) -> None:
    """The property; the first byte picks which password is offered."""
    password = PASSWORDS[data[0] % len(PASSWORDS)] if data else None
    reader = sys.modules["flexcheck.credentials.archive"]  # the instrumented one, once reloaded
    try:
        readout = reader.read_credential_file(data[1:], "fuzz.zip", password)
    except UnreadableCredentials as error:
        if error.__context__ is not None or error.__cause__ is not None:
            raise AssertionError("a library exception is chained to the user's error") from None
        if any(value in error.message for value in SECRET_VALUES):
            raise AssertionError("a secret is in the error message") from None
        return
    if not isinstance(readout, reader.CredentialReadout):
        raise AssertionError(f"unexpected result {type(readout).__name__}")
    # The username is shown on purpose; a mutated file can make it contain the password text.
    shown = repr(readout).replace(readout.credentials.username, "")
    if any(value in shown for value in SECRET_VALUES):
        raise AssertionError("a secret is in the readout's repr")


def main(argv: list[str]) -> None:
    import atheris  # only the fuzz extra installs it

    # Instrument only the code under test: instrument_all() takes many seconds to start.
    with atheris.instrument_imports(include=["flexcheck.credentials", "pyzipper"]):
        import importlib

        # Reload the reader's modules so their code is instrumented for coverage feedback.
        for name in ("flexcheck.credentials.content", "flexcheck.credentials.archive"):
            importlib.reload(importlib.import_module(name))
    corpus = [arg for arg in argv[1:] if not arg.startswith("-")]
    if not corpus:  # start from real downloads, each offered with every password choice
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp(prefix="flexcheck-fuzz-corpus-"))
        for index, seed in enumerate(seeds()):
            for choice in range(len(PASSWORDS)):
                (folder / f"seed-{index}-{choice}").write_bytes(bytes([choice]) + seed)
        argv = [*argv, str(folder)]
    atheris.Setup(argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
