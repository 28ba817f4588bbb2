"""Users and request helpers shared by the emulator tests."""

from __future__ import annotations

from collections.abc import Callable

from flexcheck.emulator import Access, EmulatedUser

RW = EmulatedUser("RW-USER-0001", "rw-password-0001!1Aa", Access.READ_WRITE)
RO = EmulatedUser("RO-USER-0002", "ro-password-0002!1Aa", Access.READ_ONLY)
ADMIN = EmulatedUser("AD-USER-0003", "ad-password-0003!1Aa", Access.ADMIN)

Login = Callable[[EmulatedUser], str]


def users() -> list[EmulatedUser]:
    # Fresh copies: reset_password mutates a user, and tests must not leak into each other.
    return [EmulatedUser(u.username, u.password, u.access) for u in (RW, RO, ADMIN)]


def login_body(user: EmulatedUser, **override: object) -> dict[str, object]:
    body: dict[str, object] = {
        "username": user.username,
        "password": user.password,
        "client_id": "flexvm",
        "grant_type": "password",
    }
    body.update(override)
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
