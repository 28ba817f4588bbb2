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
        return shorten(self.username)
