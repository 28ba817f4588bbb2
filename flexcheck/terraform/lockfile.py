"""Which version of the FortiFlex provider a folder uses: pinned in the lock file, or wanted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flexcheck.terraform import hcl
from flexcheck.terraform.config import TfConfig
from flexcheck.terraform.folder import read_tf_dir
from flexcheck.terraform.provider import is_provider_source
from flexcheck.terraform.sources import provider_requirements

LOCK_FILE = ".terraform.lock.hcl"
_VERSION = re.compile(r"v?(\d{1,9})(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.+-]*)?")
# A single term that pins the major version: "2.4.3", "= 2.4.3", "~> 2.3", "~> 2".
_PINNING = re.compile(r"\s*(?:=|~>)?\s*v?(\d{1,9})(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.+-]*)?\s*")


@dataclass(frozen=True)
class ProviderVersion:
    version: str | None  # the exact version from the lock file
    constraint: str | None
    source_file: str
    major: int | None  # None when the constraint allows more than one major version


def read_provider_version(
    directory: Path, config: TfConfig | None = None
) -> ProviderVersion | None:
    """From `.terraform.lock.hcl`; else from `required_providers` (a constraint only).

    `config` is the folder's configuration when the caller has already read it; it is read here
    only when there is no usable lock file and none was given.
    """
    locked = locked_version(directory)
    if locked is not None:
        return locked
    return required_version(config if config is not None else read_tf_dir(directory))


def locked_version(directory: Path) -> ProviderVersion | None:
    """The version `terraform init` locked, or None without a usable lock file."""
    return _from_lock_file(directory / LOCK_FILE)


def required_version(config: TfConfig) -> ProviderVersion | None:
    """The first version constraint the root module's `required_providers` sets for the provider.

    An entry with another source (or none: Terraform then assumes hashicorp/fortiflexvm) does
    not constrain fortinetdev/fortiflexvm; terraform-provider names it."""
    for requirement in provider_requirements(config):
        if requirement.constraint is not None:
            return ProviderVersion(
                None, requirement.constraint, requirement.file, _major_of(requirement.constraint)
            )
    return None


def is_legacy(pv: ProviderVersion | None) -> bool | None:
    """Before 2.0.0: FLEXVM_ACCESS_* variables, API v1 and `vms_*` names. None: unknown."""
    if pv is None or pv.major is None:
        return None
    return pv.major < 2


# `terraform init` writes the lock file in one fixed layout: read that without the HCL parser,
# whose import alone delays the login (credentials-file asks for the pinned version).
_LOCKED_BLOCK = re.compile(r'^provider\s+"([^"\n]+)"\s*\{\n(.*?)^\}', re.MULTILINE | re.DOTALL)
_LOCKED_ATTRIBUTE = re.compile(r'^\s*(version|constraints)\s*=\s*"([^"\n]*)"\s*$', re.MULTILINE)


def _from_terraform_layout(raw: bytes) -> ProviderVersion | None:
    text = raw.decode("utf-8", errors="replace")
    for source, body in _LOCKED_BLOCK.findall(text):
        if not is_provider_source(source):
            continue
        found = dict(_LOCKED_ATTRIBUTE.findall(body))
        version = found.get("version")
        match = _VERSION.fullmatch(version or "")
        if match is None:
            return None  # not the layout expected: let the parser decide
        return ProviderVersion(version, found.get("constraints"), LOCK_FILE, int(match.group(1)))
    return None


def _from_lock_file(path: Path) -> ProviderVersion | None:
    try:
        raw = path.read_bytes()
    except OSError:  # no lock file: fall back to the configuration
        return None
    quick = _from_terraform_layout(raw)
    if quick is not None:
        return quick
    try:
        document = hcl.parse(raw, "hcl")
    except hcl.HclSyntaxError:  # no usable lock file: fall back to the configuration
        return None
    for block in document.blocks:
        if block.type != "provider" or len(block.labels) != 1:
            continue
        if not is_provider_source(block.labels[0]):
            continue
        version = _text(block, "version")
        match = _VERSION.fullmatch(version or "")
        return ProviderVersion(
            version,
            _text(block, "constraints"),
            LOCK_FILE,
            int(match.group(1)) if match else None,
        )
    return None


def _text(block: hcl.Block, attribute: str) -> str | None:
    value = hcl.classify(block.body.get(attribute), block.syntax)
    return value.text if value.kind == "literal" else None


def _major_of(constraint: str) -> int | None:
    terms = [t for t in constraint.split(",") if t.strip()]
    majors = set()
    for term in terms:
        match = _PINNING.fullmatch(term)
        if match is None:
            return None
        majors.add(int(match.group(1)))
    return majors.pop() if len(majors) == 1 else None
