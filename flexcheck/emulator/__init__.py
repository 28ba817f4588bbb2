"""A loopback FortiCloud auth host and FortiFlex v2 API, for tests and demos."""

from flexcheck.emulator.emulator import Emulator
from flexcheck.emulator.values import Access, EmulatedUser, Fault, RecordedRequest

__all__ = ["Access", "EmulatedUser", "Emulator", "Fault", "RecordedRequest"]
