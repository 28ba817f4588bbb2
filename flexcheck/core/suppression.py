"""A config-file suppression: a check the user accepts failing, for a reason, until a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Suppression:
    check: str  # a check id or a simple glob
    reason: str
    source: str  # the file it was read from, as shown in reports
    expires: date | None = None  # the last day it applies

    def active_on(self, today: date) -> bool:
        return self.expires is None or today <= self.expires

    def describe(self) -> str:
        until = f", until {self.expires.isoformat()}" if self.expires else ""
        return f"{self.reason} ({self.source}{until})"


@dataclass(frozen=True)
class SuppressionState:
    """A suppression as the report lists it: which checks it matched and whether it applied."""

    suppression: Suppression
    matched: tuple[str, ...]
    active: bool
