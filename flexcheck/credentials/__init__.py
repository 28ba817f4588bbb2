"""Read a FortiCloud API credential download (zip or extracted text) safely, in memory.

The names below load on first use: `flexcheck --help` and the command line's own imports of
`flexcheck.credentials.locate` must not pay for pyzipper and its cryptography.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flexcheck.credentials.archive import CredentialReadout, Protection, read_credential_file
    from flexcheck.credentials.content import ParsedCredentials, parse_credentials
    from flexcheck.credentials.errors import Reason, UnreadableCredentials

_HOMES = {
    "CredentialReadout": "archive",
    "Protection": "archive",
    "read_credential_file": "archive",
    "ParsedCredentials": "content",
    "parse_credentials": "content",
    "Reason": "errors",
    "UnreadableCredentials": "errors",
}

__all__ = [
    "CredentialReadout",
    "ParsedCredentials",
    "Protection",
    "Reason",
    "UnreadableCredentials",
    "parse_credentials",
    "read_credential_file",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'flexcheck.credentials' has no attribute {name!r}")
    return getattr(importlib.import_module(f"flexcheck.credentials.{home}"), name)
