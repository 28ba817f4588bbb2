"""One type for every secret, so that printing, logging or pickling one cannot leak it."""

from __future__ import annotations

import hmac
from typing import NoReturn

from flexcheck.secrets import redact

_MASK = "***"


class Secret:
    """A password, zip password or token. Only `reveal()` gives the value back."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value
        redact.remember(value)

    def reveal(self) -> str:
        """The plain value: call it only where a request or a zip key is built."""
        return self._value

    def matches(self, other: Secret) -> bool:
        """Constant-time equality, so comparing two secrets leaks no timing hint."""
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __bool__(self) -> bool:
        return bool(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __repr__(self) -> str:
        return f"Secret({_MASK!r})"

    def __str__(self) -> str:
        return _MASK

    def __format__(self, spec: str) -> str:
        return _MASK

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and self.matches(other)

    __hash__ = None  # type: ignore[assignment]  # secrets are not dictionary keys

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret cannot be pickled: it would write the value out in clear")

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: object) -> Secret:
        return self


def shorten(username: str) -> str:
    """An API user id as shown in reports: enough to recognise it, not to reuse it."""
    if len(username) <= 10:
        return username[:2] + "…" if len(username) > 2 else "…"
    return f"{username[:4]}…{username[-4:]}"
