"""Shared fixtures: a clean environment, so a developer's own settings cannot change a result."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI runs the same examples every time, so a red run is a real bug, not a lucky draw; a
# developer's run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

_CLEARED_PREFIXES = ("FORTIFLEX_", "FLEXVM_", "FLEXCHECK_", "TF_", "GITHUB_")
_CLEARED = {
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
    "NO_COLOR",
    "FORCE_COLOR",
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name in _CLEARED or name.startswith(_CLEARED_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps at the terminal width; keep rows whole
