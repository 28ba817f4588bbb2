"""The API user id and password that the login will use, wherever they came from."""

from __future__ import annotations

from dataclasses import dataclass

from flexcheck.secrets.secret import Secret, shorten


@dataclass(frozen=True)
class ApiCredentials:
    username: str
    password: Secret
    origin: str  # "the credential file" or the variable names, for messages
    from_file: bool = True

    @property
    def shown_user(self) -> str:
        # A line break or tab in the value would break the report's layout: show it escaped.
        return shorten(self.username.strip()) + _escaped_edges(self.username)


def _escaped_edges(username: str) -> str:
    """Whitespace around the id, made visible ("1B3C…3456 + '\\n'")."""
    extra = username[len(username.rstrip()) :]
    return f" + '{extra.encode('unicode_escape').decode()}'" if extra else ""
