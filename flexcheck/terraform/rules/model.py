"""The shapes of the rules table: one record per product type, parameter and resource argument."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Every fact below was read in the provider's documentation at this release.
TABLE_VERSION = "2.4.3"
DOCS = "website/docs"
CONFIG_PAGE = f"{DOCS}/r/fortiflexvm_config.html.markdown"
ENT_VM_PAGE = f"{DOCS}/r/fortiflexvm_entitlements_vm.markdown"
ENT_HW_PAGE = f"{DOCS}/r/fortiflexvm_entitlements_hardware.markdown"
ENT_CLOUD_PAGE = f"{DOCS}/r/fortiflexvm_entitlements_cloud.markdown"
ENT_TOKEN_PAGE = f"{DOCS}/r/fortiflexvm_entitlements_vm_token.markdown"
RETRIEVE_PAGE = f"{DOCS}/r/fortiflexvm_retrieve_vm_group.markdown"
REPOSITORY = "fortinetdev/terraform-provider-fortiflexvm"


class Kind(StrEnum):
    """How a parameter's value is judged."""

    WHOLE = "whole number"  # an integer in [low, high]
    CHOICE = "one of"  # a single value from `allowed`
    LIST = "list of"  # every item from `allowed`
    READ_ONLY = "read-only"  # FortiFlex sets it; Terraform refuses a value


class Category(StrEnum):
    """Which entitlement resource a configuration of this product type serves."""

    VM = "vm"
    HARDWARE = "hardware"
    CLOUD = "cloud"


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a documentation page of the provider at a release."""

    page: str
    version: str = TABLE_VERSION

    def __str__(self) -> str:
        return f"{REPOSITORY} {self.version}, {self.page}"


CONFIG_DOC = Source(CONFIG_PAGE)


@dataclass(frozen=True)
class Param:
    """One parameter of a product block (`fgt_vm_bundle { cpu_size = ... }`)."""

    name: str
    kind: Kind
    api_id: int  # FortiFlex's parameter id: the API's messages name it ("Parameter id 1")
    required: bool = False
    low: int | None = None
    high: int | None = None
    allowed: tuple[str, ...] = ()
    step: int | None = None  # the value must be a multiple of it
    step_doubtful: bool = False  # only one page states the step: warn, don't fail
    zero_allowed: bool = False  # "0, or between low and high"
    complete: bool = True  # False: `allowed` is the docs' sample, the real list is longer
    doubtful: tuple[str, ...] = ()  # values only an example mentions: warn
    # Required only when another list parameter holds a value: (parameter, value).
    required_if: tuple[str, str] | None = None
    # 0 is valid only while another parameter has one of these values.
    zero_only_with: tuple[str, tuple[str, ...]] | None = None
    no_decrease: bool = False  # FortiFlex refuses to lower it on update
    since: str | None = None  # None: came with its block
    schema_text: bool = False  # a number the schema types as a string (sent as text)
    note: str = ""

    def allowed_text(self) -> str:
        if self.kind is Kind.WHOLE:
            span = f"{self.low}-{self.high}"
            text = f"0 or {span}" if self.zero_allowed else span
            return text + (f", in steps of {self.step}" if self.step else "")
        if self.kind is Kind.READ_ONLY:
            return "nothing: FortiFlex sets it"
        shown = ", ".join(self.allowed)
        if not self.complete:
            shown = f"{len(self.allowed)} models in the docs, e.g. {', '.join(self.allowed[:4])}"
        return ("any of " if self.kind is Kind.LIST else "") + shown


@dataclass(frozen=True)
class Product:
    """One `product_type` of `fortiflexvm_config`, with the block that carries its parameters."""

    product_type: str
    block: str
    title: str
    type_id: int  # FortiFlex's productTypeId
    category: Category
    since: str
    params: tuple[Param, ...]
    source: Source = CONFIG_DOC
    note: str = ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def required(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.required)


@dataclass(frozen=True)
class Argument:
    """A top-level argument of a resource."""

    name: str
    required: bool = False
    settable: bool = True  # False: computed only, Terraform refuses a value
    allowed: tuple[str, ...] = ()
    since: str | None = None  # None: came with its resource
    note: str = ""


@dataclass(frozen=True)
class ResourceRule:
    """A resource, data source or ephemeral resource type of the provider."""

    type: str
    kind: str  # "resource", "data" or "ephemeral"
    since: str
    source: Source
    arguments: tuple[Argument, ...] = ()
    # Entitlements: the product category of the configuration named by `config_id`.
    category: Category | None = None
    note: str = ""

    def argument(self, name: str) -> Argument | None:
        return next((a for a in self.arguments if a.name == name), None)
