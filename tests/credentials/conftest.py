"""Fixed credential values, so a test can look for them in every message and repr."""

from __future__ import annotations

API_ID = "5F0A3C1E-9B7D-4E21-8C6A-2D4B1F3E7A90"
API_PASSWORD = "0123456789abcdef0123456789abcdef!1Aa"
ZIP_PASSWORD = "zip-Pa55word"
SECRETS = (API_PASSWORD, ZIP_PASSWORD)


def assert_no_secret(text: str) -> None:
    for value in SECRETS:
        assert value not in text
