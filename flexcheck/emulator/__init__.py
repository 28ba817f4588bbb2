"""A loopback FortiCloud auth host and FortiFlex v2 API, for tests and demos."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flexcheck.emulator.values import Access, EmulatedUser, Fault, RecordedRequest

if TYPE_CHECKING:
    from flexcheck.emulator.emulator import Emulator

__all__ = ["Access", "EmulatedUser", "Emulator", "Fault", "RecordedRequest"]


def __getattr__(name: str) -> Any:
    # The server (http.server, email, every endpoint) loads on first use: importing the demo
    # scenarios, which every `flexcheck` command line does to build `demo --help`, stays light.
    if name == "Emulator":
        from flexcheck.emulator.emulator import Emulator

        return Emulator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
