"""Which provider release a folder gets, and what in the configuration that release lacks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flexcheck.terraform.lockfile import ProviderVersion
from flexcheck.terraform.resource_values import ResourceValues
from flexcheck.terraform.rules.catalog import BY_BLOCK, BY_TYPE, PROVIDER_VERSIONS, resource_rule
from flexcheck.terraform.rules.findings import Finding, Severity, outcome
from flexcheck.terraform.rules.model import TABLE_VERSION
from flexcheck.terraform.rules.resources import LEGACY_TYPES
from flexcheck.terraform.rules.values import as_text

Version = tuple[int, int, int]
_VERSION = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?")
_TERM = re.compile(r"\s*(=|!=|>=|<=|>|<|~>)?\s*(v?\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.+-]*)?)\s*")


def parse(text: str) -> Version | None:
    match = _VERSION.fullmatch(text.strip())
    if match is None:
        return None
    major, minor, patch = (int(g) if g else 0 for g in match.groups())
    return (major, minor, patch)


def _allows(constraint: str, version: Version) -> bool | None:
    """Terraform's version constraint syntax; None when a term cannot be read."""
    for term in (t for t in constraint.split(",") if t.strip()):
        match = _TERM.fullmatch(term)
        if match is None:
            return None
        operator, written = match.group(1) or "=", match.group(2)
        bound = parse(written)
        if bound is None:
            return None
        if operator == "~>":
            parts = len(written.lstrip("v").split("-")[0].split("."))
            # "~> 2.3" allows 2.x from 2.3; "~> 2.3.1" allows 2.3.x from 2.3.1.
            upper = (bound[0] + 1, 0, 0) if parts <= 2 else (bound[0], bound[1] + 1, 0)
            ok = bound <= version < upper
        else:
            ok = {
                "=": version == bound,
                "!=": version != bound,
                ">": version > bound,
                ">=": version >= bound,
                "<": version < bound,
                "<=": version <= bound,
            }[operator]
        if not ok:
            return False
    return True


@dataclass(frozen=True)
class Pinned:
    """The release `terraform init` uses (or would install), and how flexcheck knows it."""

    version: str
    how: str  # "locked in .terraform.lock.hcl", "the newest release ... allows"

    @property
    def newer_than_table(self) -> bool:
        return (parse(self.version) or (0, 0, 0)) > (parse(TABLE_VERSION) or (0, 0, 0))


def pinned(pv: ProviderVersion | None) -> Pinned | None:
    if pv is None:
        return None
    if pv.version:
        return Pinned(pv.version, f"locked in {pv.source_file}")
    if not pv.constraint:
        return None
    allowed = [v for v in PROVIDER_VERSIONS if _allows(pv.constraint, parse(v) or (0, 0, 0))]
    if not allowed or allowed[-1] == PROVIDER_VERSIONS[-1]:
        return None  # nothing known fits, or the newest (and perhaps later ones) fits
    if len(allowed) == 1:
        return Pinned(allowed[0], f"required in {pv.source_file}")
    return Pinned(allowed[-1], f"the newest release {pv.constraint!r} allows ({pv.source_file})")


def judge_versions(resource: ResourceValues, pin: Pinned | None) -> list[Finding]:
    rule = resource_rule(resource.kind, resource.type)
    if rule is None:
        if resource.type in LEGACY_TYPES or resource.origin != "configuration":
            return []
        return [
            outcome(
                Severity.FAIL,
                resource,
                resource.type,
                f"is not a {resource.kind} type of provider {TABLE_VERSION}",
            )
        ]
    if pin is None or (version := parse(pin.version)) is None:
        return []
    # (attribute, what is written, first release with it)
    lacking: list[tuple[str, str, str]] = []
    if (parse(rule.since) or (0, 0, 0)) > version:
        lacking.append((resource.type, "", rule.since))
    lacking.extend(
        (a.name, "", a.since) for a in rule.arguments if a.since and a.name in resource.settings
    )
    product = None
    if resource.type == "fortiflexvm_config":
        product = BY_TYPE.get(as_text(resource.setting("product_type").value) or "")
        if product is not None:
            lacking.append(("product_type", f"= {product.product_type} ", product.since))
    for block, items in resource.blocks.items():
        owner = BY_BLOCK.get(block) if resource.type == "fortiflexvm_config" else None
        if owner is None:
            continue
        if owner is not product:  # the chosen product's block came with its product type
            lacking.append((block, "", owner.since))
        for name in items[0].settings:
            param = owner.param(name)
            if param is not None and param.since:
                lacking.append((f"{block}.{name}", "", param.since))
    return [
        outcome(
            Severity.FAIL,
            resource,
            attribute,
            f"{written}needs provider {since} or later; {pin.version} is {pin.how}",
            allowed=f"provider {since} or later (terraform init -upgrade)",
            source=rule.source,
            line=resource.line_of(attribute),
        )
        for attribute, written, since in dict.fromkeys(lacking)
        if (parse(since) or (0, 0, 0)) > version
    ]
