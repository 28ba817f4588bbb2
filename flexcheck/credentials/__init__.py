"""Read a FortiCloud API credential download (zip or extracted text) safely, in memory."""

from __future__ import annotations

from flexcheck.credentials.archive import CredentialReadout, Protection, read_credential_file
from flexcheck.credentials.content import ParsedCredentials, parse_credentials
from flexcheck.credentials.errors import Reason, UnreadableCredentials

__all__ = [
    "CredentialReadout",
    "ParsedCredentials",
    "Protection",
    "Reason",
    "UnreadableCredentials",
    "parse_credentials",
    "read_credential_file",
]
