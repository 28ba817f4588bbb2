"""One TfConfig for the whole module tree: every module's blocks, addressed as Terraform does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from flexcheck.terraform.config import ParseProblem, TfConfig
from flexcheck.terraform.folder import read_tf_dir
from flexcheck.terraform.modules import relative_to, walk


def read_tree(root: Path) -> TfConfig:
    """The root module's settings, with the resources, data sources, provider requirements and
    unreadable files of every module it calls. OSError only when the root cannot be listed."""
    walked = walk(root, read_tf_dir)
    top = walked.modules[0][1]
    files = list(top.files)
    problems = list(top.problems)
    resources = list(top.resources)
    data = list(top.data_sources)
    requirements = list(top.requirements)
    for module, config in walked.modules[1:]:
        folder = relative_to(module.folder, root)

        def moved(file: str, folder: str = folder) -> str:
            return f"{folder}/{file}" if folder else file

        files.extend(moved(f) for f in config.files)
        problems.extend(ParseProblem(moved(p.file), p.line, p.message) for p in config.problems)
        for kind, target in ((config.resources, resources), (config.data_sources, data)):
            target.extend(replace(b, file=moved(b.file), module=module.address) for b in kind)
        requirements.extend(
            replace(r, file=moved(r.file), module=module.address) for r in config.requirements
        )
    return replace(
        top,
        files=tuple(dict.fromkeys(files)),
        problems=tuple(dict.fromkeys(problems)),
        resources=tuple(resources),
        data_sources=tuple(data),
        requirements=tuple(requirements),
        modules=tuple(m for m, _ in walked.modules),
        module_problems=walked.problems,
    )
