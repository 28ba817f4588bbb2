"""flexcheck's own exceptions: library errors are mapped to these at one boundary each.

FlexcheckError
├── UsageError          a bad option or an unreadable input named on the command line (exit 2)
├── RegistryError       a check pack is broken: unknown requirement, cycle, duplicate id
└── RemoteError         talking to FortiCloud went wrong
    ├── NetworkError    the host could not be reached (DNS, connect, TLS, proxy, timeout)
    ├── RequestRefused  flexcheck's allow-list refused to send a request (a bug, never sent)
    ├── UnexpectedAnswer the host answered, but not with the JSON expected
    └── LoginRejected   the auth host refused the API user and password
"""

from __future__ import annotations


class FlexcheckError(Exception):
    """Base of every error flexcheck raises on purpose. Messages are safe to print."""


class UsageError(FlexcheckError):
    pass


class RegistryError(FlexcheckError):
    pass


class RemoteError(FlexcheckError):
    def __init__(self, message: str, *, host: str, hint: str = "") -> None:
        super().__init__(message)
        self.host = host
        self.hint = hint  # what to do about this very answer; empty: the caller's generic fix


class NetworkError(RemoteError):
    def __init__(self, message: str, *, host: str, hop: str, hint: str = "") -> None:
        super().__init__(message, host=host, hint=hint)
        self.hop = hop  # dns, connect, proxy, tls, timeout, http


class RequestRefused(RemoteError):
    pass


class UnexpectedAnswer(RemoteError):
    def __init__(
        self,
        message: str,
        *,
        host: str,
        status: int | None,
        hint: str = "",
        network: bool = True,
    ) -> None:
        super().__init__(message, host=host, hint=hint)
        self.status = status
        # True: something on the way answered (portal, block page, outage): CI may retry.
        # False: the URL itself is wrong (a 404): only the user can fix it.
        self.network = network


class LoginRejected(RemoteError):
    def __init__(self, message: str, *, host: str, status: int) -> None:
        super().__init__(message, host=host)
        self.status = status
