"""Everything a check may read from the world, gathered in one place so checks stay testable."""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from flexcheck.core.memo import RunMemo
from flexcheck.forticloud.api import DEFAULT_API_URL, DEFAULT_AUTH_URL, Endpoints
from flexcheck.secrets.secret import Secret

if TYPE_CHECKING:
    from flexcheck.forticloud.http import HttpClient
    from flexcheck.terraform.plan import Plan

T = TypeVar("T")


class Need(StrEnum):
    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class Options:
    """What the user asked for, already validated by the CLI."""

    credentials: Path | None = None
    zip_password: Secret | None = None
    plan: Path | None = None
    plan_document: Plan | None = None  # parsed by the CLI, so a bad plan is a usage error
    tf_dir: Path | None = None
    require: Need | None = None
    auth_url: str = DEFAULT_AUTH_URL
    api_url: str = DEFAULT_API_URL
    ca_bundle: Path | None = None
    offline: bool = False
    write_probe: bool = True
    cwd: Path = field(default_factory=Path.cwd)
    # The variables the API user and password were read from, when not the provider's own
    # (a fleet entry's username_env/password_env): reports name these, the ones the user set.
    credential_variables: tuple[str, str] | None = None

    @property
    def endpoints(self) -> Endpoints:
        return _endpoints(self.auth_url, self.api_url)


@functools.lru_cache(maxsize=16)
def _endpoints(auth_url: str, api_url: str) -> Endpoints:
    # Building the allow-list parses a dozen URLs; every request and check asks for it.
    return Endpoints(auth_url, api_url)


@dataclass
class Context:
    options: Options
    env: Mapping[str, str]
    http: HttpClient
    clock: Callable[[], float] = time.monotonic
    memo: RunMemo = field(default_factory=RunMemo)
    _cleanups: list[Callable[[], None]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cleaned_up: bool = False

    def shared(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per run for `key`, even when checks ask at the same time."""
        return self.memo.get(key, compute)

    def on_finish(self, cleanup: Callable[[], None]) -> None:
        """Run `cleanup` once every check is done (revoking the token, for one)."""
        with self._lock:
            if not self._cleaned_up:
                self._cleanups.append(cleanup)
                return
        # The run already ended (interrupted while this check was in flight): clean up now.
        with contextlib.suppress(Exception):
            cleanup()

    def take_cleanups(self) -> list[Callable[[], None]]:
        with self._lock:
            cleanups, self._cleanups = self._cleanups, []
            self._cleaned_up = True
        return cleanups
