"""Shared fixtures: a clean environment, so a developer's own settings cannot change a result.

Every piece of process-wide state a test may touch (the environment, the secret registry, the
logging set-up, the working directory) is restored after it, so the suite passes in any order
(CI runs it shuffled by pytest-randomly, and split over processes by pytest-xdist).
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from flexcheck.secrets import redact

# CI runs the same examples every time, so a red run is a real bug, not a lucky draw; a
# developer's run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Iterator[object]:
    """Collection with the cyclic garbage collector off, then everything it built frozen.

    Each test process imports some 130 test modules and builds 1,600 items before its first
    test; the collector, scanning that growing heap again and again, cost about 0.7 s of each
    process's 4 s of collection. Frozen objects are never scanned again; the tests themselves
    run with the collector on, as usual.
    """
    gc.disable()
    try:
        return (yield)
    finally:
        gc.freeze()
        gc.enable()


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


@pytest.fixture(autouse=True)
def isolated_secrets() -> Iterator[None]:
    """A secret one test registers must not mask another test's text (`zip-pass` did)."""
    before = redact.snapshot()
    yield
    redact.restore(before)


_LOGGERS = ("httpx", "httpcore", "flexcheck", "")


@pytest.fixture(autouse=True)
def isolated_logging() -> Iterator[None]:
    """`--debug` in one in-process CLI run must not leave a handler on stderr for the next."""
    saved = []
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level, logger.propagate, list(logger.handlers)))
    yield
    for logger, level, propagate, handlers in saved:
        logger.setLevel(level)
        logger.propagate = propagate
        logger.handlers[:] = handlers


@pytest.fixture(autouse=True)
def isolated_cwd() -> Iterator[None]:
    before = os.getcwd()
    yield
    if os.getcwd() != before:
        os.chdir(before)
