"""Which provider each module's fortiflexvm blocks resolve to, by Terraform's own rules."""

from __future__ import annotations

from dataclasses import dataclass

from flexcheck.terraform.config import ProviderRequirement, TfConfig
from flexcheck.terraform.provider import SOURCE

DEFAULT_HOST = "registry.terraform.io"
CANONICAL = f"{DEFAULT_HOST}/{SOURCE}"


def normalise(source: str) -> str:
    """`ns/type` gets Terraform's default registry host; host and namespace ignore case."""
    parts = source.strip().lower().split("/")
    return "/".join([DEFAULT_HOST, *parts]) if len(parts) == 2 else "/".join(parts)


@dataclass(frozen=True)
class Resolution:
    """One module's provider local name and the provider Terraform installs for it."""

    module: str  # "" for the root
    local_name: str
    source: str  # normalised, e.g. registry.terraform.io/hashicorp/fortiflexvm
    declared: bool  # a required_providers entry gives the source (else Terraform assumes one)
    file: str | None  # where to fix it: the entry's source line, else the first use
    line: int | None
    used_by: str | None  # the first block using it, for the message

    @property
    def ok(self) -> bool:
        return self.source == CANONICAL

    @property
    def shown_module(self) -> str:
        return self.module or "the root module"

    def problem(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file and self.line else ""
        short = self.source.removeprefix(DEFAULT_HOST + "/")
        if self.declared:
            return (
                f"{where}{self.shown_module} gives the provider {self.local_name!r} the source "
                f'"{short}", which is not the FortiFlex provider ({SOURCE}): terraform init '
                "cannot install it"
            )
        use = f" ({self.used_by})" if self.used_by else ""
        return (
            f"{where}{self.shown_module} uses {self.local_name!r}{use} without a "
            f"required_providers entry that names its source, so Terraform looks for {short}, "
            f"which does not exist: terraform init fails (Terraform checks each module "
            "on its own; the root's entry does not count for a child module)"
        )

    def fix(self) -> str:
        return (
            f"In {self.shown_module} ({self.file or 'its folder'}) declare terraform {{ "
            f'required_providers {{ {self.local_name} = {{ source = "{SOURCE}" }} }} }}; '
            "terraform providers shows what each module resolves to."
        )


def resolutions(config: TfConfig) -> tuple[Resolution, ...]:
    """Every (module, local name) that fortiflexvm blocks use or required_providers declares."""
    uses: dict[tuple[str, str], tuple[str, int | None, str]] = {}
    for block in (*config.resources, *config.data_sources):
        uses.setdefault((block.module, block.local_name), (block.file, block.line, block.address))
    for provider in config.providers:  # provider blocks are read in the root module only
        if provider.file:
            uses.setdefault(("", "fortiflexvm"), (provider.file, provider.line, "provider block"))
    declared: dict[tuple[str, str], ProviderRequirement] = {}
    for requirement in config.requirements:
        declared.setdefault((requirement.module, requirement.local_name), requirement)
    found: list[Resolution] = []
    for key in dict.fromkeys((*uses, *declared)):
        module, local_name = key
        entry = declared.get(key)
        use = uses.get(key)
        first = use[2] if use else None
        if entry is not None and entry.source:
            found.append(
                Resolution(
                    module,
                    local_name,
                    normalise(entry.source),
                    True,
                    entry.file,
                    entry.source_line or entry.line,
                    first,
                )
            )
        else:
            file, line = (entry.file, entry.source_line) if entry else (use or (None, None))[:2]
            found.append(
                Resolution(
                    module,
                    local_name,
                    f"{DEFAULT_HOST}/hashicorp/{local_name}",
                    False,
                    file,
                    line,
                    first,
                )
            )
    return tuple(found)


def provider_requirements(config: TfConfig) -> tuple[ProviderRequirement, ...]:
    """The root module's entries that really name the FortiFlex provider."""
    return tuple(
        r
        for r in config.requirements
        if not r.module and r.source and normalise(r.source) == CANONICAL
    )
