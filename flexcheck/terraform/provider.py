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
    note: str | None = None  # e.g. it adopts an existing object, and what of that writes

    def __str__(self) -> str:
        note = f"; {self.note}" if self.note else ""
        if self.actions:
            return f"{self.address}: {', '.join(self.actions)}{note}"
        where = f" ({self.file}:{self.line})" if self.file and self.line else ""
        what = (
            "managed resource" if self.note else "managed resource, may create, update or destroy"
        )
        return f"{self.address}: {what}{where}{note}"


@dataclass(frozen=True)
class ReadNeed:
    """A data source (or ephemeral resource) that only reads from the FortiFlex API."""

    address: str
    type: str
    file: str | None = None
    line: int | None = None
    note: str | None = None  # set for an import: what the apply after it will do

    def __str__(self) -> str:
        where = f" ({self.file}:{self.line})" if self.file and self.line else ""
        return f"{self.address}: read{where}" + (f"; {self.note}" if self.note else "")
