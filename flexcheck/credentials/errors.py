"""The one exception a credential download can raise, and why.

    UnreadableCredentials           every failure to get an API user id and password from the file
        .reason: Reason             what went wrong, for code (tests, exit policy, JSON output)
        .message: str               what happened and what to do, safe to print
        .guide_step: int | None     the FortiFlex API token guide step that fixes it
        .detail: str                the library exception type behind it, for -v; never a value

Library exceptions (pyzipper, zlib, bz2, lzma, codecs, struct) are mapped to it in
`archive.py` at one boundary and never leak.
"""

from __future__ import annotations

from enum import StrEnum

from flexcheck.secrets import redact


class Reason(StrEnum):
    NOT_A_ZIP = "not-a-zip"
    TRUNCATED = "truncated"
    WRONG_PASSWORD = "wrong-password"  # a reason name, not a password
    PASSWORD_NEEDED = "password-needed"  # a reason name, not a password
    NO_CREDENTIAL_MEMBER = "no-credential-member"
    SEVERAL_CANDIDATES = "several-candidates"
    EMPTY_PASSWORD = "empty-password"  # a reason name, not a password
    EMPTY_USERNAME = "empty-username"
    NO_FIELDS = "no-fields"
    TOO_LARGE = "too-large"
    TOO_MANY_MEMBERS = "too-many-members"
    MEMBER_TOO_LARGE = "member-too-large"
    UNSUPPORTED = "unsupported"
    NOT_TEXT = "not-text"


REDOWNLOAD = (
    "Download the credentials again in FortiCloud IAM (Users > your API user > Download "
    "Credentials); note that this resets the API password."
)


class UnreadableCredentials(Exception):
    """The credential file could not be read; `message` says why and what to do."""

    def __init__(
        self, reason: Reason, message: str, *, guide_step: int | None = 3, detail: str = ""
    ) -> None:
        # Scrubbed although built without values: a member name or a path could hold one.
        self.reason = reason
        self.message = redact.scrub(message)
        self.guide_step = guide_step
        self.detail = detail
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"UnreadableCredentials({self.reason.value!r}, {self.message!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.reason.value, self.message, self.guide_step, self.detail))


def _rebuild(reason: str, message: str, guide_step: int | None, detail: str) -> object:
    return UnreadableCredentials(Reason(reason), message, guide_step=guide_step, detail=detail)
