"""The last line of defence: every text that leaves flexcheck passes through `scrub`."""

from __future__ import annotations

import base64
import re
import threading
from urllib.parse import quote, quote_plus

_MIN_LENGTH = 4  # shorter values would blank out ordinary words; real secrets are longer
_MASK = "***"
_lock = threading.Lock()
_known: set[str] = set()
_URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s:]*:[^/@\s]*@")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")


def _forms(value: str) -> set[str]:
    raw = value.encode()
    forms = {
        value,
        quote(value, safe=""),
        quote_plus(value),
        base64.b64encode(raw).decode(),
        base64.urlsafe_b64encode(raw).decode(),
        base64.b64encode(raw).decode().rstrip("="),
        value.replace("\\", "\\\\").replace('"', '\\"'),  # as it appears inside JSON
    }
    return {form for form in forms if len(form) >= _MIN_LENGTH}


def remember(value: str) -> None:
    """Register a secret value; from now on it is scrubbed from every output."""
    if len(value) < _MIN_LENGTH:
        return
    new = _forms(value)
    with _lock:
        _known.update(new)


def scrub(text: str) -> str:
    """Remove every known secret (and its URL-encoded and base64 forms) and URL credentials."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, _MASK)
    text = _URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}{_MASK}@", text)
    return _BEARER.sub(lambda m: f"{m.group(1)}{_MASK}", text)


def scrub_url(url: str) -> str:
    """A URL as it may be shown: without user:password@."""
    return _URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}{_MASK}@", url)
