"""The last line of defence: every text that leaves flexcheck passes through `scrub`."""

from __future__ import annotations

import base64
import re
import threading
from urllib.parse import quote, quote_plus

_MIN_LENGTH = 4  # shorter values would blank out ordinary words; real secrets are longer
# Below this length, or when it is an everyday word, a secret also occurs in ordinary text:
# masking it there blanks words out and still cannot prove the report is free of it.
_RELIABLE_LENGTH = 8
_COMMON = frozenset(
    {
        "password", "passw0rd", "password1", "changeme", "letmein1", "iloveyou", "qwertyui",
        "qwertyuiop", "12345678", "123456789", "1234567890", "87654321", "11111111",
        "00000000", "abcdefgh", "abc12345", "fortinet", "fortiflex", "forticloud",
        "terraform", "flexcheck", "credential", "credentials", "download", "undefined",
    }
)  # fmt: skip
_MASK = "***"
_lock = threading.Lock()
_known: set[str] = set()
_unreliable: set[str] = set()  # why some secret cannot be masked reliably; never the value
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
    reason = _weakness(value)
    if reason is not None:
        with _lock:
            _unreliable.add(reason)
    if len(value) < _MIN_LENGTH:
        return
    with _lock:
        for form in _forms(value) - _known:
            _index(form)


def _index(form: str) -> None:
    _known.add(form)
    if len(form) < _LONG:
        _short.append(form)
        return
    for offset in range(_STRIDE):
        _windows.setdefault(form[offset : offset + _WINDOW], []).append((form, offset))


def _weakness(value: str) -> str | None:
    if len(value) < _RELIABLE_LENGTH:
        return "too short"
    if value.lower() in _COMMON or len(set(value)) == 1:
        return "too common"
    return None


def unreliable() -> tuple[str, ...]:
    """Why free-text masking cannot be relied on for some registered secret ("too short",
    "too common"); empty when every secret is long and distinctive enough."""
    with _lock:
        return tuple(sorted(_unreliable))


def unreliable_note() -> str | None:
    """The report's sentence when masking cannot be relied on; None when it can."""
    reasons = unreliable()
    if not reasons:
        return None
    return (
        f"A secret of this run is {' and '.join(reasons)} to be masked reliably: it is masked "
        "wherever it occurs in free text (which may blank out ordinary words), but the same "
        "characters may also occur in the report by chance. Secrets of 8 or more distinctive "
        "characters are masked reliably."
    )


def scrub(text: str) -> str:
    """Remove every known secret (and its URL-encoded and base64 forms) and URL credentials.

    Only for free text (a summary, a detail, a path): applied to a serialised document it would
    also mask its structure (a zip password `null` or `pass`), so renderers never do that.
    """
    text = _printable(text)
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


def _printable(text: str) -> str:
    """A file name that is not UTF-8 arrives with lone surrogates: show its bytes as \\xNN,
    as `ls -b` does, instead of writing invalid bytes into a report."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return text.encode("utf-8", "replace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text


def snapshot() -> tuple[frozenset[str], frozenset[str]]:
    """The registry as it is now, for `restore` (tests keep secrets from leaking across)."""
    with _lock:
        return frozenset(_known), frozenset(_unreliable)


def restore(state: tuple[frozenset[str], frozenset[str]]) -> None:
    known, unreliable_now = state
    with _lock:
        _known.clear()
        _windows.clear()
        _short.clear()
        _unreliable.clear()
        _unreliable.update(unreliable_now)
        for form in sorted(known):
            _index(form)


def scrub_url(url: str) -> str:
    """A URL as it may be shown: without user:password@."""
    return _URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}{_MASK}@", url)
