"""Emulators on loopback, and clients that ignore the environment (tests/conftest.py cleans it)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from flexcheck.emulator import EmulatedUser, Emulator
from tests.emulator.emulator_support import Login, login_body, users
from tests.helpers import system_trust


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(users()) as emulator:
        yield emulator


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    # Plain HTTP: the client never verifies, so it shares the process's one default context.
    with httpx.Client(verify=system_trust(), trust_env=False, timeout=5.0) as c:
        yield c


@pytest.fixture
def login(emu: Emulator, client: httpx.Client) -> Login:
    def _login(user: EmulatedUser) -> str:
        response = client.post(emu.auth_url, json=login_body(user))
        assert response.status_code == 200, response.text
        token: str = response.json()["access_token"]
        return token

    return _login
