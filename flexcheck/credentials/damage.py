"""How a credential value was damaged on its way: stray whitespace, or bash history expansion of
the '!' in FortiFlex's password. Every finding describes the damage and never shows the value.

The rule for line breaks, everywhere (a file, `-` on stdin, FLEXCHECK_ZIP_PASSWORD): exactly one
trailing line break (LF or CRLF) is dropped, because `echo` and editors add it; anything else is
kept as part of the value and, if it is whitespace, named here.
"""

from __future__ import annotations

import hmac
import re

from flexcheck.secrets.secret import Secret

# A FortiFlex API password: 32 hexadecimal characters, then "!1Aa" (as Download Credentials
# makes them). In bash, "!1" inside double quotes or unquoted is history expansion.
_FORTIFLEX_PASSWORD = re.compile(r"[0-9a-fA-F]{32}!1Aa")
_HEX_START = re.compile(r"[0-9a-fA-F]{32}")
_INVISIBLE = {"\u00a0": "a non-breaking space", "\u200b": "a zero-width space", "\ufeff": "a BOM"}

QUOTING_HINT = (
    "Put the password in single quotes when you set it in a shell: "
    "export FORTIFLEX_ACCESS_PASSWORD='...!1Aa'. In double quotes or unquoted, bash history "
    "expansion replaces '!1' with a line of your history (or removes it), and '\\!' inside "
    "double quotes keeps the backslash. In a .tfvars file or a CI secret, paste the value as "
    "FortiCloud gave it."
)
WHITESPACE_HINT = (
    "Remove the stray whitespace where the value is set (a trailing space, a pasted line "
    "break, a file that ends in a blank line). flexcheck drops exactly one trailing line break "
    "from a file and from FLEXCHECK_ZIP_PASSWORD, and nothing else."
)


def same(a: str, b: str) -> bool:
    """Constant-time equality of two values that may be secret."""
    return hmac.compare_digest(a.encode(), b.encode())


def whitespace(value: str) -> str | None:
    """What stray whitespace the value carries, in words; None when it has none."""
    if value[-1:] in ("\n", "\r"):
        return "ends with a line break"
    if value[-1:].isspace():
        return "ends with a space or tab"
    if value[:1].isspace():
        return "starts with whitespace"
    if "\n" in value or "\r" in value:
        return "contains a line break"
    for char, name in _INVISIBLE.items():
        if char in value:
            return f"contains {name}"
    return None


def damaged_shape(password: Secret) -> str | None:
    """Without the original: the password looks like a FortiFlex password after the shell."""
    value = password.reveal()
    if _FORTIFLEX_PASSWORD.fullmatch(value) or not _HEX_START.match(value):
        return None
    rest = value[32:]
    if rest == "":
        return (
            "ends after 32 hexadecimal characters, where FortiFlex passwords go on with '!1Aa' "
            "(cut at '!')"
        )
    if rest == "\\!1Aa":
        return "has a backslash before '!' (escaped inside double quotes)"
    if rest == "Aa":
        return (
            "ends in 'Aa' where FortiFlex passwords end in '!1Aa': bash history expansion "
            "removed '!1'"
        )
    if rest.endswith("Aa") and "!" not in rest:
        return (
            "has other text where FortiFlex passwords have '!1' before the final 'Aa': bash "
            "replaced '!1' with a line of your shell history"
        )
    return None


def shell_damage(seen: Secret, original: Secret) -> str | None:
    """How a shell turned `original` (the file's password) into `seen`, if that explains it."""
    have, want = seen.reveal(), original.reveal()
    if "!" not in want:
        return None
    if same(have, want.replace("!", "\\!")):
        return "has a backslash before '!' (escaped inside double quotes)"
    bangs = [i for i, char in enumerate(want) if char == "!"]
    # Every candidate is compared, so the time taken does not tell which one matched.
    cut = [same(have, want[:i]) for i in bangs]
    removed = [same(have, want[:i] + want[i + 2 :]) for i in bangs]
    replaced = [
        len(have) > i + len(want) - i - 2
        and same(have[:i], want[:i])
        and same(have[len(have) - (len(want) - i - 2) :], want[i + 2 :])
        for i in bangs
    ]
    if any(cut):
        return "lost its '!' and everything after it (shell history expansion)"
    if any(removed):
        return "lost the '!' and the character after it (bash history expansion removed '!1')"
    if any(replaced):
        return "has other text in place of '!1' (bash replaced it with a line of your history)"
    return None


def find_damage(
    username: str | None, password: Secret | None, user_label: str, password_label: str
) -> tuple[str, str, bool]:
    """(what is wrong, the fix, whether it is certain) for the first damaged value, or
    ("", "", False): whitespace is certain; a password's damaged shape is a strong hint."""
    spaced = whitespace(username) if username is not None else None
    if spaced is not None:
        return f"{user_label} {spaced}", WHITESPACE_HINT, True
    if password is None:
        return "", "", False
    spaced = whitespace(password.reveal())
    if spaced is not None:
        return f"{password_label} {spaced}", WHITESPACE_HINT, True
    shaped = damaged_shape(password)
    if shaped is not None:
        return f"{password_label} {shaped}", QUOTING_HINT, False
    return "", "", False
