"""What a Terraform folder declares about the FortiFlex provider, without running Terraform."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from flexcheck.secrets.secret import Secret
from flexcheck.terraform import hcl
from flexcheck.terraform.provider import (
    LOCAL_NAME,
    ReadNeed,
    WriteNeed,
    is_provider_source,
    is_provider_type,
)

SettingKind = Literal["literal", "variable", "expression", "absent"]
SourceKind = Literal["tfvars", "default", "env", "unset"]


@dataclass(frozen=True)
class ParseProblem:
    """A file Terraform would refuse; the others are still read."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


@dataclass(frozen=True)
class TfBlock:
    kind: Literal["resource", "data", "ephemeral"]
    type: str
    name: str
    file: str
    line: int | None

    @property
    def address(self) -> str:
        prefix = "" if self.kind == "resource" else f"{self.kind}."
        return f"{prefix}{self.type}.{self.name}"


@dataclass(frozen=True)
class VariableResolution:
    """Where Terraform would take a variable's value from, highest precedence first."""

    variable: str
    source: SourceKind
    file: str | None = None  # the tfvars or .tf file; None for env and unset
    line: int | None = None
    # False when only a tfvars file Terraform does not load by itself sets it (needs -var-file).
    auto_loaded: bool = True
    # The value is written in a file as it is (not built from other variables).
    literal_in_file: bool = False


@dataclass(frozen=True)
class CredentialSetting:
    """How a provider block sets `username` or `password`. Never holds a value as plain text."""

    kind: SettingKind
    variable: str | None
    file: str | None  # None only when there is no provider block at all
    line: int | None
    literal: Secret | None = None  # a literal password
    value: str | None = None  # a literal username: not a secret, kept readable
    resolution: VariableResolution | None = None


@dataclass(frozen=True)
class ProviderCredentials:
    username: CredentialSetting
    password: CredentialSetting
    alias: str | None = None
    file: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class SecretLocation:
    """A password written in a file. Where, never what."""

    file: str
    line: int | None
    kind: Literal["provider", "tfvars", "default"]
    name: str  # the attribute, tfvars key or variable name

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = {
            "provider": "provider block",
            "tfvars": "variable value",
            "default": "variable default",
        }[self.kind]
        return f"{where}: {what} {self.name!r} is a literal password"


@dataclass(frozen=True)
class ProviderRequirement:
    """A `required_providers` entry for the FortiFlex provider."""

    constraint: str | None
    source: str | None
    file: str
    line: int | None


@dataclass(frozen=True)
class _Variable:
    name: str
    file: str
    line: int | None
    default: Literal["literal", "variable", "expression", "null"] | None


@dataclass(frozen=True)
class _Assignment:
    name: str
    file: str
    line: int | None
    literal: bool
    auto_loaded: bool
    order: int  # Terraform's load order among auto-loaded files


@dataclass(frozen=True)
class TfConfig:
    """The FortiFlex-relevant parts of one folder. Safe to print: no secret values inside."""

    files: tuple[str, ...]
    problems: tuple[ParseProblem, ...] = ()
    resources: tuple[TfBlock, ...] = ()
    data_sources: tuple[TfBlock, ...] = ()
    requirements: tuple[ProviderRequirement, ...] = ()
    providers: tuple[ProviderCredentials, ...] = ()  # variables not yet resolved
    _variables: tuple[_Variable, ...] = field(default=(), repr=False)
    _assignments: tuple[_Assignment, ...] = field(default=(), repr=False)

    def write_needs(self) -> tuple[WriteNeed, ...]:
        return tuple(WriteNeed(b.address, b.type, (), b.file, b.line) for b in self.resources)

    def read_needs(self) -> tuple[ReadNeed, ...]:
        return tuple(ReadNeed(b.address, b.type) for b in self.data_sources)

    def provider_credentials(
        self, env: Mapping[str, str], alias: str | None = None
    ) -> ProviderCredentials:
        """The (default, or aliased) provider block, with variables traced to their source."""
        block = next((p for p in self.providers if p.alias == alias), None)
        if block is None:  # Terraform configures an implicit empty provider: env vars only
            absent = CredentialSetting("absent", None, None, None)
            return ProviderCredentials(absent, absent, alias)
        return ProviderCredentials(
            self._resolved(block.username, env),
            self._resolved(block.password, env),
            block.alias,
            block.file,
            block.line,
        )

    def resolve_variable(self, name: str, env: Mapping[str, str]) -> VariableResolution:
        auto = sorted(
            (a for a in self._assignments if a.name == name and a.auto_loaded),
            key=lambda a: a.order,
        )
        if auto:
            a = auto[-1]
            return VariableResolution(name, "tfvars", a.file, a.line, True, a.literal)
        if f"TF_VAR_{name}" in env:
            return VariableResolution(name, "env")
        for v in self._variables:
            if v.name == name and v.default not in (None, "null"):
                return VariableResolution(
                    name, "default", v.file, v.line, True, v.default == "literal"
                )
        manual = [a for a in self._assignments if a.name == name]
        if manual:
            a = manual[0]
            return VariableResolution(name, "tfvars", a.file, a.line, False, a.literal)
        return VariableResolution(name, "unset")

    def literal_secrets(self) -> tuple[SecretLocation, ...]:
        """Passwords written out in files: the provider's, its variable's, any `*password*`."""
        password_vars = {p.password.variable for p in self.providers if p.password.variable}

        def is_password(name: str) -> bool:
            return name in password_vars or "password" in name.lower()

        found = [
            SecretLocation(p.password.file, p.password.line, "provider", "password")
            for p in self.providers
            if p.password.kind == "literal" and p.password.file
        ]
        found.extend(
            SecretLocation(a.file, a.line, "tfvars", a.name)
            for a in self._assignments
            if a.literal and is_password(a.name)
        )
        found.extend(
            SecretLocation(v.file, v.line, "default", v.name)
            for v in self._variables
            if v.default == "literal" and is_password(v.name)
        )
        return tuple(dict.fromkeys(found))

    def _resolved(self, setting: CredentialSetting, env: Mapping[str, str]) -> CredentialSetting:
        if setting.variable is None:
            return setting
        resolution = self.resolve_variable(setting.variable, env)
        return CredentialSetting(
            setting.kind,
            setting.variable,
            setting.file,
            setting.line,
            setting.literal,
            setting.value,
            resolution,
        )


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
        self.variables: list[_Variable] = []
        self.assignments: list[tuple[int, str, _Assignment]] = []

    def read(self, file: Path) -> None:
        syntax: hcl.Syntax = "json" if file.name.endswith(".json") else "hcl"
        try:
            document = hcl.parse(file.read_bytes(), syntax)
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
            _Assignment(a.name, a.file, a.line, a.literal, a.auto_loaded, i)
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
        )

    def _tfvars(self, name: str, document: hcl.Document) -> None:
        for key, raw in document.attributes.items():
            value = hcl.classify(raw, document.syntax)
            assignment = _Assignment(
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
            self.resources.append(TfBlock("resource", labels[0], labels[1], name, block.line))
        elif kind in ("data", "ephemeral") and len(labels) == 2 and is_provider_type(labels[0]):
            reader: Literal["data", "ephemeral"] = "data" if kind == "data" else "ephemeral"
            self.data.append(TfBlock(reader, labels[0], labels[1], name, block.line))
        elif kind == "provider" and labels == (LOCAL_NAME,):
            self.providers.append(_provider(name, block))
        elif kind == "variable" and len(labels) == 1:
            default = (
                hcl.classify(block.body["default"], block.syntax).kind
                if "default" in block.body
                else None
            )
            self.variables.append(_Variable(labels[0], name, block.line_of("default"), default))
        elif kind == "terraform":
            self.requirements.extend(_requirements(name, block))


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


def _requirements(name: str, block: hcl.Block) -> Iterator[ProviderRequirement]:
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
            if is_provider_source(source) or (source is None and unquoted == LOCAL_NAME):
                yield ProviderRequirement(constraint, source, name, block.line)


def _literal(raw: Any, syntax: hcl.Syntax) -> str | None:
    value = hcl.classify(raw, syntax)
    return value.text if value.kind == "literal" else None


def _as_list(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    return value if isinstance(value, list) else (value,)
