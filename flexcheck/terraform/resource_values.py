"""Every fortiflexvm_* block of a module tree with its arguments' values, file and line."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flexcheck.terraform import hcl
from flexcheck.terraform.config import ParseProblem
from flexcheck.terraform.parsed import parse_file
from flexcheck.terraform.provider import is_provider_type
from flexcheck.terraform.value_scope import Scope, Setting, env_setting, unknown

KINDS = {"resource": "resource", "data": "data", "ephemeral": "ephemeral"}


@dataclass(frozen=True)
class BlockValues:
    """One nested block (`fgt_vm_bundle { ... }`)."""

    settings: Mapping[str, Setting]
    line: int | None = None


@dataclass(frozen=True)
class ResourceValues:
    """A resource (or data source, or ephemeral resource) as the configuration or plan has it."""

    kind: str  # "resource", "data" or "ephemeral"
    type: str
    name: str
    module: str  # "" for the root module, else "module.lic" (no instance keys)
    file: str | None  # relative to the root folder, POSIX separators
    line: int | None
    # Values are never printed whole: a plan's `after` may hold a token or another secret.
    settings: Mapping[str, Setting] = field(default_factory=dict, repr=False)
    blocks: Mapping[str, tuple[BlockValues, ...]] = field(default_factory=dict, repr=False)
    dynamic: frozenset[str] = frozenset()  # nested blocks a `dynamic` block generates
    origin: str = "configuration"  # or "plan"
    plan_address: str | None = None  # with instance keys, as `terraform plan` names it
    actions: tuple[str, ...] = ()
    before: Mapping[str, Any] | None = field(default=None, repr=False)  # planned updates

    @property
    def address(self) -> str:
        prefix = "" if self.kind == "resource" else f"{self.kind}."
        local = f"{prefix}{self.type}.{self.name}"
        return f"{self.module}.{local}" if self.module else local

    def setting(self, name: str) -> Setting:
        return self.settings.get(name, Setting())

    def line_of(self, attribute: str) -> int | None:
        """The line of "name", of a block "block", or of "block.name" in its first block."""
        block, _, name = attribute.partition(".")
        if block in self.blocks:
            first = self.blocks[block][0]
            setting = first.settings.get(name) if name else None
            return setting.line if setting and setting.line else first.line
        return self.setting(attribute).line


@dataclass(frozen=True)
class Reading:
    resources: tuple[ResourceValues, ...]
    problems: tuple[ParseProblem, ...]


@dataclass
class _Module:
    address: str
    folder: Path
    documents: list[tuple[str, hcl.Document]] = field(default_factory=list)
    calls: dict[str, hcl.Block] = field(default_factory=dict)


def _wanted(name: str, suffixes: tuple[str, ...]) -> bool:
    return not name.startswith((".", "#")) and not name.endswith("~") and name.endswith(suffixes)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _load(address: str, folder: Path, root: Path, problems: list[ParseProblem]) -> _Module:
    module = _Module(address, folder)
    try:
        files = sorted(p for p in folder.iterdir() if _wanted(p.name, (".tf", ".tf.json")))
    except OSError:
        return module
    for file in files:
        name = _relative(file, root)
        try:
            document = parse_file(file, "json" if file.name.endswith(".json") else "hcl")
        except hcl.HclSyntaxError as error:
            problems.append(ParseProblem(name, error.line, error.message))
            continue
        except OSError as error:
            problems.append(ParseProblem(name, None, f"cannot read: {error.strerror}"))
            continue
        module.documents.append((name, document))
        for block in document.blocks:
            if block.type == "module" and len(block.labels) == 1:
                module.calls[block.labels[0]] = block
    return module


def read_resources(
    modules: Sequence[tuple[str, Path]], root: Path, env: Mapping[str, str]
) -> Reading:
    """Read each (module address, folder); files are named relative to `root`."""
    problems: list[ParseProblem] = []
    loaded = {address: _load(address, folder, root, problems) for address, folder in modules}
    scopes: dict[str, Scope] = {}
    resources: list[ResourceValues] = []
    for address, _ in modules:
        module = loaded[address]
        scope = scopes[address] = _scope(module, loaded, scopes, root, env)
        resources.extend(_resources(module, scope))
    return Reading(tuple(resources), tuple(problems))


def _scope(
    module: _Module,
    loaded: Mapping[str, _Module],
    scopes: Mapping[str, Scope],
    root: Path,
    env: Mapping[str, str],
) -> Scope:
    scope = Scope()
    declared: dict[str, Setting] = {}
    for _, document in module.documents:
        for block in document.blocks:
            if block.type == "variable" and len(block.labels) == 1:
                name = block.labels[0]
                if "default" in block.body and block.body["default"] is not None:
                    declared[name] = scope.decode(block.body["default"], None, block.syntax)
                else:
                    declared[name] = unknown(f"var.{name} has no default and nothing here sets it")
            elif block.type == "locals":
                scope.locals.update((k, (v, block.syntax)) for k, v in block.body.items())
    if module.address:
        parts = module.address.split(".")  # "module.a.module.b": called as "b" from "module.a"
        parent_address, call_name = ".".join(parts[:-2]), parts[-1]
        call = loaded.get(parent_address, _Module("", root)).calls.get(call_name)
        parent = scopes.get(parent_address)
        for name in declared:
            if call is not None and parent is not None and name in call.body:
                declared[name] = parent.decode(call.body[name], None, call.syntax)
    else:
        for name in declared:
            from_env = env_setting(name, env)
            if from_env is not None:
                declared[name] = from_env
        declared.update(_tfvars(module.folder, scope, set(declared)))
    scope.variables = declared
    return scope


def _tfvars(folder: Path, scope: Scope, names: set[str]) -> dict[str, Setting]:
    """The files Terraform loads by itself, later ones winning (-var-file ones are not seen)."""
    try:
        files = [p for p in folder.iterdir() if _wanted(p.name, (".tfvars", ".tfvars.json"))]
    except OSError:
        return {}
    order = {"terraform.tfvars": 0, "terraform.tfvars.json": 1}
    auto = [
        p
        for p in files
        if p.name in order or p.name.endswith((".auto.tfvars", ".auto.tfvars.json"))
    ]
    values: dict[str, Setting] = {}
    for file in sorted(auto, key=lambda p: (order.get(p.name, 2), p.name)):
        syntax: hcl.Syntax = "json" if file.name.endswith(".json") else "hcl"
        try:
            document = parse_file(file, syntax)
        except (hcl.HclSyntaxError, OSError):
            continue
        for key, raw in document.attributes.items():
            if key in names:
                values[str(key)] = scope.decode(raw, None, syntax)
    return values


def _resources(module: _Module, scope: Scope) -> Iterator[ResourceValues]:
    for file, document in module.documents:
        scope.syntax = document.syntax
        for block in document.blocks:
            kind = KINDS.get(block.type)
            if kind is None or len(block.labels) != 2 or not is_provider_type(block.labels[0]):
                continue
            yield _resource(kind, block, module.address, file, scope)


def _resource(kind: str, block: hcl.Block, module: str, file: str, scope: Scope) -> ResourceValues:
    settings: dict[str, Setting] = {}
    nested: dict[str, tuple[BlockValues, ...]] = {}
    dynamic: set[str] = set()
    for name, raw in block.body.items():
        if name == "dynamic":
            dynamic.update(_dynamic_names(raw))
        elif name in ("lifecycle", "provisioner", "connection", "count", "for_each"):
            continue
        elif _is_block(raw, block.syntax):
            items = raw if isinstance(raw, list) else [raw]
            nested[name] = tuple(_nested(name, item, block, scope) for item in items)
        else:
            settings[name] = scope.decode(raw, block.line_of(name), block.syntax)
    return ResourceValues(
        kind,
        block.labels[0],
        block.labels[1],
        module,
        file,
        block.line,
        settings,
        nested,
        frozenset(dynamic),
    )


def _is_block(raw: Any, syntax: hcl.Syntax) -> bool:
    # python-hcl2 gives a nested block as a list of dicts; .tf.json writes an object or a list.
    if isinstance(raw, dict):
        return syntax == "json"
    return isinstance(raw, list) and bool(raw) and all(isinstance(i, dict) for i in raw)


def _nested(name: str, item: Mapping[str, Any], block: hcl.Block, scope: Scope) -> BlockValues:
    settings = {
        key: scope.decode(value, block.attribute_lines.get(f"{name}.{key}"), block.syntax)
        for key, value in item.items()
    }
    return BlockValues(settings, block.attribute_lines.get(name, block.line))


def _dynamic_names(raw: Any) -> Iterator[str]:
    for item in raw if isinstance(raw, list) else [raw]:
        if isinstance(item, dict):
            yield from (str(label).strip('"') for label in item)
