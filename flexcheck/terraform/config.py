"""What a Terraform folder declares about the FortiFlex provider, without running Terraform."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from flexcheck.secrets.secret import Secret
from flexcheck.terraform.adoption import adoption_note, only_reads
from flexcheck.terraform.blocks import ImportBlock, ModuleCall, ModuleDir, ModuleProblem, TfBlock
from flexcheck.terraform.provider import (
    ReadNeed,
    WriteNeed,
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
    """A `required_providers` entry named fortiflexvm, or one whose source is the provider's."""

    constraint: str | None
    source: str | None  # None: not given, so Terraform assumes hashicorp/<local name>
    file: str
    line: int | None
    local_name: str = "fortiflexvm"
    source_line: int | None = None
    module: str = ""  # the module that declares it; "" for the root


@dataclass(frozen=True)
class DeclaredVariable:
    name: str
    file: str
    line: int | None
    default: Literal["literal", "variable", "expression", "null"] | None


@dataclass(frozen=True)
class TfvarsAssignment:
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
    _variables: tuple[DeclaredVariable, ...] = field(default=(), repr=False)
    _assignments: tuple[TfvarsAssignment, ...] = field(default=(), repr=False)
    module_calls: tuple[ModuleCall, ...] = ()  # this folder's own calls
    import_blocks: tuple[ImportBlock, ...] = ()
    # Filled by tree.read_tree: every module, and those that could not be read.
    modules: tuple[ModuleDir, ...] = ()
    module_problems: tuple[ModuleProblem, ...] = ()

    def write_needs(self) -> tuple[WriteNeed, ...]:
        """Resources in any module whose apply writes; an adopted config only reads."""
        imported = {i.to for i in self.import_blocks}
        return tuple(
            WriteNeed(b.address, b.type, (), b.file, b.line, adoption_note(b))
            for b in self.resources
            if b.address not in imported and not only_reads(b)
        )

    def read_needs(self) -> tuple[ReadNeed, ...]:
        imports = {i.to: i for i in self.import_blocks}
        adopted = tuple(
            ReadNeed(b.address, b.type, b.file, b.line, adoption_note(b, imports.get(b.address)))
            for b in self.resources
            if b.address in imports or only_reads(b)
        )
        data = tuple(ReadNeed(b.address, b.type, b.file, b.line) for b in self.data_sources)
        return (*adopted, *data)

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
