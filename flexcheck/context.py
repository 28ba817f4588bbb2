"""Everything a check may read from the world, gathered in one place so checks stay testable."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from flexcheck.fortiflex import DEFAULT_API_URL, DEFAULT_AUTH_URL, Endpoints
from flexcheck.secret import Secret

if TYPE_CHECKING:
    from flexcheck.http import HttpClient
    from flexcheck.terraform.plan import Plan


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

    @property
    def endpoints(self) -> Endpoints:
        return Endpoints(self.auth_url, self.api_url)


@dataclass
class Context:
    options: Options
    env: Mapping[str, str]
    http: HttpClient
    clock: Callable[[], float] = time.monotonic
    _cleanups: list[Callable[[], None]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def on_finish(self, cleanup: Callable[[], None]) -> None:
        """Run `cleanup` once every check is done (revoking the token, for one)."""
        with self._lock:
            self._cleanups.append(cleanup)

    def take_cleanups(self) -> list[Callable[[], None]]:
        with self._lock:
            cleanups, self._cleanups = self._cleanups, []
        return cleanups
