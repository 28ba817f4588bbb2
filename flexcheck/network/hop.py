"""The vocabulary of a walk to a host: the hops, what each one found, and the target."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import httpx


class Hop(StrEnum):
    DNS = "dns"
    CONNECT = "connect"
    PROXY = "proxy"
    TLS = "tls"
    HTTP = "http"


@dataclass(frozen=True)
class HopResult:
    hop: Hop
    ok: bool
    evidence: str
    hint: str = ""


class HopFailed(Exception):
    def __init__(self, result: HopResult) -> None:
        super().__init__(result.evidence)
        self.result = result


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    tls: bool

    @classmethod
    def of(cls, url: str) -> Target:
        parsed = httpx.URL(url)
        tls = parsed.scheme == "https"
        return cls(parsed.host, parsed.port or (443 if tls else 80), tls)

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def seconds(value: float) -> str:
    return f"{value:g} s"
