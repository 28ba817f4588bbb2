"""The blocks that tie a folder to others: module calls, import blocks, a resource's provider."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from flexcheck.terraform import hcl

# `[...]` instance keys of a module or resource address: the plain address is what counts here.
_INSTANCE_KEY = re.compile(r"\[[^\]]*\]")
_TRAVERSAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*")


@dataclass(frozen=True)
class TfBlock:
    kind: Literal["resource", "data", "ephemeral"]
    type: str
    name: str
    file: str  # relative to the root module's folder
    line: int | None
    module: str = ""  # "" in the root module, else e.g. "module.lic.module.inner"
    provider: str | None = None  # the `provider = NAME.ALIAS` meta-argument, as written
    # How the resource adopts an existing object (e.g. "config_id = 101"); None: it creates.
    imports: str | None = None
    sets_status: bool = False  # a fortiflexvm_config `status`: adopting it may enable/disable

    @property
    def address(self) -> str:
        prefix = "" if self.kind == "resource" else f"{self.kind}."
        inner = f"{prefix}{self.type}.{self.name}"
        return f"{self.module}.{inner}" if self.module else inner

    @property
    def local_name(self) -> str:
        """The provider local name the block uses: its `provider`, else its type's prefix."""
        return (self.provider or self.type).split(".")[0].split("_")[0]


@dataclass(frozen=True)
class ModuleCall:
    """A `module "NAME" {}` block: where Terraform finds the module and what it passes to it."""

    name: str
    source: str | None  # None when not a literal string (Terraform then refuses the call)
    version: str | None
    file: str
    line: int | None
    source_line: int | None
    repeated: bool  # count or for_each: one folder, many instances, the same address here
    # The child's provider local name (maybe with alias) -> the parent's configuration.
    providers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ImportBlock:
    """A Terraform 1.5+ `import {}` block: the resource at `to` is adopted, not created."""

    to: str  # the plain address, instance keys removed
    file: str
    line: int | None


def reference(raw: object) -> str | None:
    """A bare reference such as `fortiflexvm.eu` or `module.a["x"].b.c`, as plain text."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if text.startswith("${") and text.endswith("}"):
        text = text[2:-1].strip()
    text = _INSTANCE_KEY.sub("", text.strip('"'))
    return text if _TRAVERSAL.fullmatch(text) else None


def module_call(file: str, block: hcl.Block) -> ModuleCall:
    source = hcl.classify(block.body.get("source"), block.syntax)
    version = hcl.classify(block.body.get("version"), block.syntax)
    providers: list[tuple[str, str]] = []
    raw_map = block.body.get("providers")
    for entry in raw_map if isinstance(raw_map, list) else [raw_map]:
        if isinstance(entry, dict):
            for key, value in entry.items():
                child, parent = reference(str(key)), reference(value)
                if child and parent:
                    providers.append((child, parent))
    return ModuleCall(
        name=block.labels[0],
        source=source.text if source.kind == "literal" else None,
        version=version.text if version.kind == "literal" else None,
        file=file,
        line=block.line,
        source_line=block.line_of("source"),
        repeated="count" in block.body or "for_each" in block.body,
        providers=tuple(providers),
    )


def import_block(file: str, block: hcl.Block) -> ImportBlock | None:
    to = reference(block.body.get("to"))
    return ImportBlock(to, file, block.line) if to else None


def provider_reference(block: hcl.Block) -> str | None:
    """A resource's `provider = NAME.ALIAS` meta-argument, as written."""
    return reference(block.body.get("provider")) if "provider" in block.body else None


def import_argument(block: hcl.Block) -> str | None:
    """The attribute that makes the provider adopt an existing object instead of creating one.

    fortiflexvm_config with a non-zero `config_id` only lists and adopts (provider-api.md 4);
    fortiflexvm_entitlements_vm and _cloud with `serial_number` adopt too, then always update.
    """
    attribute = {
        "fortiflexvm_config": "config_id",
        "fortiflexvm_entitlements_vm": "serial_number",
        "fortiflexvm_entitlements_cloud": "serial_number",
    }.get(block.labels[0])
    if attribute is None or attribute not in block.body:
        return None
    value = hcl.classify(block.body[attribute], block.syntax)
    if value.kind == "null" or (value.kind == "literal" and value.text in ("", "0")):
        return None
    return attribute


@dataclass(frozen=True)
class ModuleDir:
    """One module of the tree: the root ("") or a call such as "module.lic.module.inner"."""

    address: str  # for_each/count calls keep the plain address
    folder: Path
    source: str  # as written in the call; "" for the root
    call_file: str | None  # the calling file, relative to the root folder
    call_line: int | None


@dataclass(frozen=True)
class ModuleProblem:
    """A module not read: `warn` when flexcheck cannot judge it, `fail` when Terraform fails."""

    address: str
    file: str | None  # relative to the root folder
    line: int | None
    message: str
    severity: Literal["warn", "fail"]

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file and self.line else (self.file or "")
        return f"{where}: {self.address}: {self.message}" if where else self.message
