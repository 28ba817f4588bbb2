"""What evaluating a resource against the rules table yields: one outcome per argument checked."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.rules.model import Source


class Severity(StrEnum):
    FAIL = "fail"  # FortiFlex (or Terraform) refuses it: apply stops half-way
    WARN = "warn"  # accepted, but not what the user likely meant, or the docs are unsure
    UNKNOWN = "unknown"  # not known before apply: not checked, never guessed
    OK = "ok"  # checked and fine; kept so a plan's value can replace the files' guess


@dataclass(frozen=True)
class Finding:
    severity: Severity
    resource: ResourceValues
    attribute: str  # "product_type", "fgt_vm_bundle.cpu_size", "fgt_vm_bundle" (the block)
    message: str = ""
    allowed: str = ""
    source: Source | None = None
    line: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.resource.address, self.attribute)

    def text(self, file: str | None = None, line: int | None = None) -> str:
        file = file or self.resource.file
        line = line or self.line
        where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        address = self.resource.plan_address or self.resource.address
        said = f"{where}{address}: {self.attribute} {self.message}"
        if self.allowed:
            said += f"; allowed: {self.allowed}"
        if self.source is not None and self.severity is not Severity.UNKNOWN:
            said += f" (provider {self.source.version} docs)"
        return said


def outcome(
    severity: Severity,
    resource: ResourceValues,
    attribute: str,
    message: str = "",
    *,
    allowed: str = "",
    source: Source | None = None,
    line: int | None = None,
) -> Finding:
    return Finding(severity, resource, attribute, message, allowed, source, line or resource.line)
