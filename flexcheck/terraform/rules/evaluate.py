"""Every fortiflexvm_* resource of the files and the plan against the table, in one list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.rules.catalog import resource_rule
from flexcheck.terraform.rules.check_config import judge_config
from flexcheck.terraform.rules.check_entitlement import judge_entitlement, one_per_cloud_product
from flexcheck.terraform.rules.findings import Finding, Severity
from flexcheck.terraform.rules.values import as_whole
from flexcheck.terraform.rules.versions import Pinned, judge_versions

ORDER = {Severity.FAIL: 0, Severity.WARN: 1, Severity.UNKNOWN: 2, Severity.OK: 3}


def _configs(resources: Iterable[ResourceValues]) -> dict[str, ResourceValues]:
    found: dict[str, ResourceValues] = {}
    for resource in resources:
        if resource.kind != "resource" or resource.type != "fortiflexvm_config":
            continue
        found.setdefault(resource.address, resource)
        imported = resource.setting("config_id")
        if imported.known and (number := as_whole(imported.value)):
            found.setdefault(f"id:{number}", resource)
    return found


def _judge(
    resource: ResourceValues, pin: Pinned | None, today: date, configs: dict[str, ResourceValues]
) -> list[Finding]:
    found = judge_versions(resource, pin)
    rule = resource_rule(resource.kind, resource.type)
    if resource.kind != "resource" or rule is None:
        return found
    if rule.type == "fortiflexvm_config":
        return found + judge_config(resource)
    return found + judge_entitlement(resource, rule, today, configs)


def evaluate(
    written: Sequence[ResourceValues],
    planned: Sequence[ResourceValues],
    pin: Pinned | None,
    today: date,
) -> list[Finding]:
    """Findings, worst first; the plan's value of an argument replaces the files' reading of it."""
    configs = _configs([*planned, *written])
    by_address = {r.address: r for r in written}
    merged: dict[tuple[str, str, str], Finding] = {}
    for resource in planned:
        origin = by_address.get(resource.address)
        if origin is not None:  # place the plan's findings at the line that wrote the value
            resource = replace(resource, file=origin.file, line=origin.line)
        for finding in _judge(resource, pin, today, configs):
            if origin is not None:
                finding = replace(finding, line=origin.line_of(finding.attribute) or origin.line)
            key = (*finding.key, finding.message)
            merged.setdefault(key, finding)
    planned_keys = {f.key for f in merged.values()}
    for resource in written:
        for finding in _judge(resource, pin, today, configs):
            if finding.key not in planned_keys:
                merged.setdefault((*finding.key, finding.message), finding)
    seen = {r.address for r in planned}
    everything = [*planned, *(r for r in written if r.address not in seen)]
    for finding in one_per_cloud_product(everything, configs):
        merged.setdefault((*finding.key, finding.message), finding)
    kept = [f for f in merged.values() if f.severity is not Severity.OK]
    return sorted(kept, key=lambda f: (ORDER[f.severity], f.resource.file or "", f.line or 0))
