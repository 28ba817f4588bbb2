"""Which Terraform resources belong to the FortiFlex provider, and what using them needs."""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "fortinetdev/fortiflexvm"
TYPE_PREFIX = "fortiflexvm_"
LOCAL_NAME = "fortiflexvm"


def is_provider_source(source: str | None) -> bool:
    """True for `fortinetdev/fortiflexvm` with or without a registry host in front."""
    if not source:
        return False
    source = source.strip().lower()
    return source == SOURCE or source.endswith("/" + SOURCE)


def is_provider_type(resource_type: str) -> bool:
    return resource_type.startswith(TYPE_PREFIX)


@dataclass(frozen=True)
class WriteNeed:
    """A resource whose apply calls the FortiFlex API to change something."""

    address: str
    type: str
    # The planned actions; empty when read from configuration, where the action is not known yet.
    actions: tuple[str, ...] = ()
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.actions:
            return f"{self.address}: {', '.join(self.actions)}"
        where = f" ({self.file}:{self.line})" if self.file and self.line else ""
        return f"{self.address}: managed resource, may create, update or destroy{where}"


@dataclass(frozen=True)
class ReadNeed:
    """A data source (or ephemeral resource) that only reads from the FortiFlex API."""

    address: str
    type: str

    def __str__(self) -> str:
        return f"{self.address}: read"
