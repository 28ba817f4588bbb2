"""Emulators on loopback and clients that cannot be steered by the developer's environment."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from flexcheck.emulator import EmulatedUser, Emulator
from tests.emulator.emulator_support import Login, login_body, users

_ENV = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(users()) as emulator:
        yield emulator


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=5.0) as c:
        yield c


@pytest.fixture
def login(emu: Emulator, client: httpx.Client) -> Login:
    def _login(user: EmulatedUser) -> str:
        response = client.post(emu.auth_url, json=login_body(user))
        assert response.status_code == 200, response.text
        token: str = response.json()["access_token"]
        return token

    return _login
