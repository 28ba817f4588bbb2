"""Provider sources per module, as Terraform resolves them (and `terraform providers` shows)."""

from __future__ import annotations

import re
from pathlib import Path

from checks.terraform_provider import TerraformProvider
from flexcheck.core.model import Deps, Status
from flexcheck.terraform.lockfile import required_version
from flexcheck.terraform.sources import CANONICAL, resolutions
from flexcheck.terraform.tree import read_tree
from tests.helpers import make_context
from tests.terraform.tree_support import CONFIG, ROOT, SOURCE, put, terraform

MISSPELT = """terraform {
  required_providers {
    fortiflexvm = {
      source  = "fortinet/fortiflexvm"
      version = "2.4.3"
    }
  }
}
"""


def check(folder: Path) -> tuple[Status, str, str, tuple[str | None, int | None]]:
    result = TerraformProvider().run(make_context(cwd=folder, tf_dir=folder), Deps({}))
    where = (result.location.path, result.location.line) if result.location else (None, None)
    return result.status, result.summary, result.hint, where


def shown(folder: Path) -> dict[str, str]:
    return {r.module: r.source for r in resolutions(read_tree(folder))}


def test_no_required_providers_means_hashicorp_and_fails(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", 'provider "fortiflexvm" {}\n' + CONFIG)
    assert shown(tmp_path) == {"": "registry.terraform.io/hashicorp/fortiflexvm"}
    status, summary, hint, where = check(tmp_path)
    assert status is Status.FAIL
    assert "hashicorp/fortiflexvm" in summary
    assert "terraform init fails" in summary
    assert 'source = "fortinetdev/fortiflexvm"' in hint
    assert where == ("main.tf", 2)  # the first block that uses it


def test_a_misspelt_source_fails_at_its_line_whatever_the_version(tmp_path: Path) -> None:
    put(tmp_path, "versions.tf", MISSPELT)
    put(tmp_path, "main.tf", CONFIG)
    status, summary, _, where = check(tmp_path)
    assert status is Status.FAIL
    assert '"fortinet/fortiflexvm"' in summary
    assert "no version constraint" not in summary
    assert where == ("versions.tf", 4)
    assert required_version(read_tree(tmp_path)) is None  # 2.4.3 pins another provider


def test_a_child_module_without_its_own_entry_fails(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", ROOT + 'module "lic" {\n  source = "./modules/lic"\n}\n')
    put(tmp_path, "modules/lic/main.tf", CONFIG)
    assert shown(tmp_path)["module.lic"] == "registry.terraform.io/hashicorp/fortiflexvm"
    status, summary, _, where = check(tmp_path)
    assert status is Status.FAIL
    assert "module.lic" in summary
    assert where == ("modules/lic/main.tf", 1)


def test_a_well_formed_tree_resolves_everywhere(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", ROOT + 'module "lic" {\n  source = "./modules/lic"\n}\n')
    put(tmp_path, "modules/lic/main.tf", SOURCE + CONFIG)
    assert set(shown(tmp_path).values()) == {CANONICAL}
    status, summary, _, _ = check(tmp_path)
    assert status is Status.PASS
    assert "fortiflexvm 2.4.3, required in main.tf" in summary


def test_an_uninitialised_remote_module_warns(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", ROOT + CONFIG + 'module "r" {\n  source = "acme/x/y"\n}\n')
    status, summary, hint, _ = check(tmp_path)
    assert status is Status.WARN
    assert "run terraform init first" in summary
    assert "terraform init" in hint


def _terraform_view(folder: Path) -> dict[str, str]:
    """`terraform providers` as {module address: provider}: its tree, four columns a level."""
    terraform(folder, "get")
    view: dict[str, str] = {}
    path: list[str] = []
    for line in terraform(folder, "providers").splitlines():
        branch = re.search("[\u251c\u2514]", line)  # the tree's branch characters
        if branch is None:
            continue
        depth = branch.start() // 4
        if match := re.search(r"\bmodule\.(\S+)", line):
            path[depth:] = [f"module.{match.group(1)}"]
        elif match := re.search(r"provider\[(\S+/fortiflexvm)\]", line):
            view[".".join(path[:depth])] = match.group(1)
    return view


def test_resolution_matches_terraform_providers(tmp_path: Path) -> None:
    put(
        tmp_path,
        "main.tf",
        ROOT + 'module "ok" {\n  source = "./ok"\n}\nmodule "bad" {\n  source = "./bad"\n}\n',
    )
    put(tmp_path, "ok/main.tf", SOURCE + CONFIG + 'module "deep" {\n  source = "./deep"\n}\n')
    put(tmp_path, "ok/deep/main.tf", MISSPELT + CONFIG)
    put(tmp_path, "bad/main.tf", CONFIG)
    assert _terraform_view(tmp_path) == shown(tmp_path)
