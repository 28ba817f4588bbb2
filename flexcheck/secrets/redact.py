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
# Scrubbing must stay cheap with the hundreds of secrets a fleet registers. A long form is found
# by looking up the 4-character window at every 9th position of the text: any occurrence covers
# one such position, at an offset of 0..8 into the form, and only those windows are indexed.
_WINDOW = 4
_STRIDE = 9
_LONG = _WINDOW + _STRIDE - 1  # forms this long or longer always cover a scanned position
_windows: dict[str, list[tuple[str, int]]] = {}
_short: list[str] = []  # shorter forms (a brief zip password): few, so a plain search each
# The placeholders USER:PASSWORD are left: hints show the format of a proxy URL with them (a real
# password that happened to be "PASSWORD" is still scrubbed by value once registered).
_URL_CREDENTIALS = re.compile(
    r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?!USER:PASSWORD@)[^/@\s:]*:[^/@\s]*@"
)
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
    with _lock:
        for form in _forms(value) - _known:
            _known.add(form)
            if len(form) < _LONG:
                _short.append(form)
                continue
            for offset in range(_STRIDE):
                _windows.setdefault(form[offset : offset + _WINDOW], []).append((form, offset))


def scrub(text: str) -> str:
    """Remove every known secret (and its URL-encoded and base64 forms) and URL credentials."""
    text = _mask_known(text)
    text = _URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}{_MASK}@", text)
    return _BEARER.sub(lambda m: f"{m.group(1)}{_MASK}", text)


def _mask_known(text: str) -> str:
    """Every occurrence of a known form becomes the mask; overlapping ones share one mask."""
    spans: list[tuple[int, int]] = []
    for form in _short:
        at = text.find(form)
        while at != -1:
            spans.append((at, at + len(form)))
            at = text.find(form, at + 1)
    for position in range(0, len(text) - _WINDOW + 1, _STRIDE):
        for form, offset in _windows.get(text[position : position + _WINDOW], ()):
            begin = position - offset
            if begin >= 0 and text.startswith(form, begin):
                spans.append((begin, begin + len(form)))
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0  # end of the text already copied or masked
    for begin, end in sorted(spans):
        if begin < cursor:  # overlaps the mask just written: widen it, one mask for both
            cursor = max(cursor, end)
            continue
        pieces += (text[cursor:begin], _MASK)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def scrub_url(url: str) -> str:
    """A URL as it may be shown: without user:password@."""
    return _URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}{_MASK}@", url)
