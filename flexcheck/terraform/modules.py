"""The module tree Terraform would load: the root, local calls, what terraform init installed."""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flexcheck.terraform.blocks import ModuleCall, ModuleDir, ModuleProblem
from flexcheck.terraform.config import TfConfig
from flexcheck.terraform.folder import read_tf_dir

__all__ = ["ModuleDir", "ModuleProblem", "Walked", "module_dirs", "relative_to", "walk"]

MANIFEST = Path(".terraform") / "modules" / "modules.json"
# Terraform has no limit, but a tree this deep is a loop flexcheck failed to see.
_MAX_DEPTH = 64


@dataclass(frozen=True)
class Walked:
    """Every module read, in breadth-first order (the root first), and what could not be."""

    modules: tuple[tuple[ModuleDir, TfConfig], ...]
    problems: tuple[ModuleProblem, ...]


def module_dirs(root: Path) -> tuple[tuple[ModuleDir, ...], tuple[ModuleProblem, ...]]:
    """The root and every module it calls; a module that cannot be read is a problem instead."""
    walked = walk(root, read_tf_dir)
    return tuple(m for m, _ in walked.modules), walked.problems


def walk(root: Path, read: Callable[[Path], TfConfig]) -> Walked:
    """Read the root (OSError when it cannot be listed) and every module below it, once each."""
    manifest = _manifest(root)
    cache: dict[Path, TfConfig] = {}
    modules: list[tuple[ModuleDir, TfConfig]] = []
    problems: list[ModuleProblem] = []
    top = ModuleDir("", root, "", None, None)
    queue: deque[tuple[ModuleDir, str, tuple[Path, ...]]] = deque([(top, "", ())])
    while queue:
        module, key, ancestors = queue.popleft()
        try:
            config = cache.get(module.folder) or read(module.folder)
        except OSError as error:
            if not module.address:
                raise
            problems.append(_problem(module, f"cannot read {module.folder}: {error.strerror}"))
            continue
        cache[module.folder] = config
        modules.append((module, config))
        chain = (*ancestors, module.folder)
        for call in config.module_calls:
            child_key = f"{key}.{call.name}" if key else call.name
            found = _child(root, module, call, manifest.get(child_key))
            if isinstance(found, ModuleProblem):
                problems.append(found)
            elif found.folder in chain:
                message = "the module calls itself, directly or through others: Terraform "
                problems.append(_problem(found, message + "cannot load such a tree", "fail"))
            elif len(chain) >= _MAX_DEPTH:
                message = f"modules nested more than {_MAX_DEPTH} deep were not read"
                problems.append(_problem(found, message))
            else:
                queue.append((found, child_key, chain))
    return Walked(tuple(modules), tuple(problems))


def _child(
    root: Path, parent: ModuleDir, call: ModuleCall, installed: tuple[str, str] | None
) -> ModuleDir | ModuleProblem:
    address = f"{parent.address}.module.{call.name}" if parent.address else f"module.{call.name}"
    call_file = relative_to(parent.folder / call.file, root)
    where = ModuleDir(address, parent.folder, call.source or "", call_file, call.source_line)
    if call.source is None:
        return _problem(where, "`source` is not a literal string: Terraform requires one", "fail")
    # What terraform init installed wins; a local source changed since then is read as written.
    if installed is not None and (installed[0] == call.source or not _is_local(call.source)):
        folder = Path(os.path.normpath(root / installed[1]))
        if folder.is_dir():
            return ModuleDir(address, folder, call.source, call_file, call.source_line)
    if _is_local(call.source):
        folder = Path(os.path.normpath(parent.folder / call.source))
        if folder.is_dir():
            return ModuleDir(address, folder, call.source, call_file, call.source_line)
        return _problem(
            where,
            f"Unreadable module directory: {call.source} does not exist (from "
            f"{relative_to(parent.folder, root) or '.'}): terraform init fails. Fix `source`.",
            "fail",
        )
    return _problem(
        where,
        f"source {call.source!r} is not a local path and terraform init has not installed it, "
        "so flexcheck cannot read its resources: run terraform init first, then flexcheck again",
        "warn",
    )


def _is_local(source: str) -> bool:
    # Terraform's rule: only "./" and "../" (and their Windows forms) mean a local folder.
    return source.startswith(("./", "../", ".\\", "..\\"))


def relative_to(path: Path, root: Path) -> str:
    relative = os.path.relpath(path, root)
    return "" if relative == "." else relative.replace(os.sep, "/")


def _problem(module: ModuleDir, message: str, severity: str = "warn") -> ModuleProblem:
    return ModuleProblem(
        module.address,
        module.call_file,
        module.call_line,
        message,
        "fail" if severity == "fail" else "warn",
    )


def _manifest(root: Path) -> dict[str, tuple[str, str]]:
    """`.terraform/modules/modules.json` as terraform init wrote it: key -> (source, folder)."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries = data.get("Modules") if isinstance(data, dict) else None
    found: dict[str, tuple[str, str]] = {}
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict):
            key, source, folder = entry.get("Key"), entry.get("Source"), entry.get("Dir")
            if isinstance(key, str) and isinstance(source, str) and isinstance(folder, str):
                found[key] = (source, folder)
    return found
