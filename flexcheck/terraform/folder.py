"""Read one Terraform folder's files into a TfConfig, the way Terraform picks and orders them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from flexcheck.secrets.secret import Secret
from flexcheck.terraform import hcl
from flexcheck.terraform.blocks import (
    ImportBlock,
    ModuleCall,
    TfBlock,
    import_argument,
    import_block,
    module_call,
    provider_reference,
)
from flexcheck.terraform.config import (
    CredentialSetting,
    DeclaredVariable,
    ParseProblem,
    ProviderCredentials,
    ProviderRequirement,
    TfConfig,
    TfvarsAssignment,
)
from flexcheck.terraform.parsed import parse_file
from flexcheck.terraform.provider import LOCAL_NAME, is_provider_type


def read_tf_dir(path: Path) -> TfConfig:
    """Read `*.tf`, `*.tf.json` and tfvars files directly in `path` (as Terraform does).

    A file that cannot be parsed or read becomes a ParseProblem; only a folder that cannot be
    listed raises (OSError).
    """
    files = sorted(p for p in path.iterdir() if _wanted(p.name) and p.is_file())
    reader = _Reader()
    for file in files:
        reader.read(file)
    return reader.result(tuple(f.name for f in files))


def _wanted(name: str) -> bool:
    # Terraform skips editor backups and hidden files, whatever their suffix.
    if name.startswith((".", "#")) or name.endswith("~"):
        return False
    return name.endswith((".tf", ".tf.json", ".tfvars", ".tfvars.json"))


def _auto_loaded(name: str) -> bool:
    return name in ("terraform.tfvars", "terraform.tfvars.json") or name.endswith(
        (".auto.tfvars", ".auto.tfvars.json")
    )


def _load_order(name: str) -> int:
    # terraform.tfvars, then terraform.tfvars.json, then *.auto.tfvars(.json) in name order.
    return {"terraform.tfvars": 0, "terraform.tfvars.json": 1}.get(name, 2)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[ParseProblem] = []
        self.resources: list[TfBlock] = []
        self.data: list[TfBlock] = []
        self.requirements: list[ProviderRequirement] = []
        self.providers: list[ProviderCredentials] = []
        self.variables: list[DeclaredVariable] = []
        self.assignments: list[tuple[int, str, TfvarsAssignment]] = []
        self.module_calls: list[ModuleCall] = []
        self.import_blocks: list[ImportBlock] = []
        self.lines: list[str] = []  # the file being read, to place what the parser cannot

    def read(self, file: Path) -> None:
        syntax: hcl.Syntax = "json" if file.name.endswith(".json") else "hcl"
        try:
            # The text too: a required_providers entry is placed by its own line.
            self.lines = file.read_bytes().decode("utf-8", "replace").splitlines()
            document = parse_file(file, syntax)
        except hcl.HclSyntaxError as e:
            self.problems.append(ParseProblem(file.name, e.line, e.message))
            return
        except OSError as e:
            self.problems.append(ParseProblem(file.name, None, f"cannot read: {e.strerror}"))
            return
        if file.name.endswith((".tfvars", ".tfvars.json")):
            self._tfvars(file.name, document)
        else:
            for block in document.blocks:
                self._block(file.name, block)

    def result(self, files: tuple[str, ...]) -> TfConfig:
        ordered = sorted(self.assignments, key=lambda item: (item[0], item[1]))
        assignments = tuple(
            TfvarsAssignment(a.name, a.file, a.line, a.literal, a.auto_loaded, i)
            for i, (_, _, a) in enumerate(ordered)
        )
        return TfConfig(
            files,
            tuple(self.problems),
            tuple(self.resources),
            tuple(self.data),
            tuple(self.requirements),
            tuple(self.providers),
            tuple(self.variables),
            assignments,
            tuple(self.module_calls),
            tuple(self.import_blocks),
        )

    def _tfvars(self, name: str, document: hcl.Document) -> None:
        for key, raw in document.attributes.items():
            value = hcl.classify(raw, document.syntax)
            assignment = TfvarsAssignment(
                str(key),
                name,
                document.attribute_lines.get(str(key)),
                literal=value.kind == "literal",
                auto_loaded=_auto_loaded(name),
                order=0,
            )
            self.assignments.append((_load_order(name), name, assignment))

    def _block(self, name: str, block: hcl.Block) -> None:
        kind, labels = block.type, block.labels
        if kind == "resource" and len(labels) == 2 and is_provider_type(labels[0]):
            self.resources.append(_resource(name, block))
        elif kind in ("data", "ephemeral") and len(labels) == 2 and is_provider_type(labels[0]):
            reader: Literal["data", "ephemeral"] = "data" if kind == "data" else "ephemeral"
            self.data.append(
                TfBlock(
                    reader, labels[0], labels[1], name, block.line, "", provider_reference(block)
                )
            )
        elif kind == "module" and len(labels) == 1:
            self.module_calls.append(module_call(name, block))
        elif kind == "import" and (imported := import_block(name, block)) is not None:
            self.import_blocks.append(imported)
        elif kind == "provider" and labels == (LOCAL_NAME,):
            self.providers.append(_provider(name, block))
        elif kind == "variable" and len(labels) == 1:
            default = (
                hcl.classify(block.body["default"], block.syntax).kind
                if "default" in block.body
                else None
            )
            self.variables.append(
                DeclaredVariable(labels[0], name, block.line_of("default"), default)
            )
        elif kind == "terraform":
            self.requirements.extend(_requirements(name, block, self.lines))


def _resource(name: str, block: hcl.Block) -> TfBlock:
    attribute = import_argument(block)
    imports = None
    if attribute is not None:
        value = hcl.classify(block.body[attribute], block.syntax)
        # A config id or serial number is not a secret: naming it helps find the object.
        imports = f"{attribute} = {value.text}" if value.kind == "literal" else attribute
    return TfBlock(
        "resource",
        block.labels[0],
        block.labels[1],
        name,
        block.line,
        "",
        provider_reference(block),
        imports,
        sets_status=attribute == "config_id" and "status" in block.body,
    )


def _provider(name: str, block: hcl.Block) -> ProviderCredentials:
    alias = hcl.classify(block.body.get("alias"), block.syntax)
    return ProviderCredentials(
        _setting(name, block, "username"),
        _setting(name, block, "password"),
        alias.text if alias.kind == "literal" else None,
        name,
        block.line,
    )


def _setting(name: str, block: hcl.Block, attribute: str) -> CredentialSetting:
    line = block.line_of(attribute)
    if attribute not in block.body:
        return CredentialSetting("absent", None, name, block.line)
    value = hcl.classify(block.body[attribute], block.syntax)
    if value.kind == "null":  # `password = null` leaves it to the environment, as if absent
        return CredentialSetting("absent", None, name, line)
    if value.kind == "literal" and attribute == "password":
        return CredentialSetting("literal", None, name, line, literal=Secret(value.text or ""))
    if value.kind == "literal":
        return CredentialSetting("literal", None, name, line, value=value.text)
    return CredentialSetting(value.kind, value.variable, name, line)


def _requirements(name: str, block: hcl.Block, lines: list[str]) -> Iterator[ProviderRequirement]:
    for entries in _as_list(block.body.get("required_providers")):
        if not isinstance(entries, dict):
            continue
        for local_name, spec in entries.items():
            source: str | None = None
            constraint: str | None = None
            if isinstance(spec, dict):
                source = _literal(spec.get("source"), block.syntax)
                constraint = _literal(spec.get("version"), block.syntax)
            else:  # the pre-0.13 form: `fortiflexvm = "~> 1.0"`
                constraint = _literal(spec, block.syntax)
            unquoted = str(local_name).strip('"')
            # Kept: the entry named fortiflexvm whatever its source (a misspelt one must be
            # named), and any entry whose source names a fortiflexvm provider.
            if unquoted == LOCAL_NAME or (source or "").lower().endswith("/" + LOCAL_NAME):
                line = _source_line(block, lines, unquoted, source)
                yield ProviderRequirement(constraint, source, name, block.line, unquoted, line)


def _source_line(
    block: hcl.Block, lines: list[str], local_name: str, source: str | None
) -> int | None:
    # python-hcl2 gives no line inside nested objects: find the entry, then its source, by text.
    if block.line is None or block.syntax != "hcl":
        return block.line
    entry = re.compile(rf'^\s*"?{re.escape(local_name)}"?\s*=')
    wanted = re.compile(rf'\bsource\s*=\s*"{re.escape(source)}"') if source else None
    found: int | None = None
    for number in range(block.line, len(lines) + 1):
        text = lines[number - 1]
        if found is None and entry.search(text):
            found = number
        if found is not None and (wanted is None or wanted.search(text)):
            return number
    return found or block.line


def _literal(raw: Any, syntax: hcl.Syntax) -> str | None:
    value = hcl.classify(raw, syntax)
    return value.text if value.kind == "literal" else None


def _as_list(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    return value if isinstance(value, list) else (value,)
