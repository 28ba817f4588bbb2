"""The module tree: local calls at any depth, what terraform init installed, what it did not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flexcheck.terraform import hcl
from flexcheck.terraform.modules import ModuleDir, module_dirs
from flexcheck.terraform.tree import read_tree
from tests.terraform.tree_support import CONFIG, ROOT, SOURCE, build_large_tree, put, terraform


def lic_tree(root: Path) -> None:
    put(root, "main.tf", ROOT + 'module "lic" {\n  source = "./modules/lic"\n  count  = 2\n}\n')
    put(root, "modules/lic/versions.tf", SOURCE)
    put(
        root,
        "modules/lic/main.tf",
        CONFIG + 'module "inner" {\n  for_each = toset(["a"])\n  source   = "./inner"\n}\n',
    )
    put(root, "modules/lic/inner/versions.tf", SOURCE)
    put(root, "modules/lic/inner/main.tf", 'data "fortiflexvm_programs_list" "p" {}\n')


def test_local_modules_are_read_at_every_depth(tmp_path: Path) -> None:
    lic_tree(tmp_path)
    dirs, problems = module_dirs(tmp_path)
    assert problems == ()
    assert dirs == (
        ModuleDir("", tmp_path, "", None, None),
        ModuleDir("module.lic", tmp_path / "modules/lic", "./modules/lic", "main.tf", 11),
        ModuleDir(
            "module.lic.module.inner",
            tmp_path / "modules/lic/inner",
            "./inner",
            "modules/lic/main.tf",
            6,
        ),
    )


def test_resources_in_modules_carry_the_module_address_file_and_line(tmp_path: Path) -> None:
    lic_tree(tmp_path)
    config = read_tree(tmp_path)
    [resource] = config.resources
    assert resource.address == "module.lic.fortiflexvm_config.x"
    assert (resource.file, resource.line) == ("modules/lic/main.tf", 1)
    [data] = config.data_sources
    assert data.address == "module.lic.module.inner.data.fortiflexvm_programs_list.p"
    assert "modules/lic/inner/main.tf" in config.files


def test_registry_modules_come_from_what_terraform_init_installed(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", ROOT + 'module "reg" {\n  source  = "acme/flex/fortiflexvm"\n}\n')
    put(tmp_path, ".terraform/modules/reg/main.tf", SOURCE + CONFIG)
    manifest = {
        "Modules": [
            {"Key": "", "Source": "", "Dir": "."},
            {
                "Key": "reg",
                "Source": "registry.terraform.io/acme/flex/fortiflexvm",
                "Version": "1.0.0",
                "Dir": ".terraform/modules/reg",
            },
        ]
    }
    put(tmp_path, ".terraform/modules/modules.json", json.dumps(manifest))
    config = read_tree(tmp_path)
    assert [r.address for r in config.resources] == ["module.reg.fortiflexvm_config.x"]
    assert config.resources[0].file == ".terraform/modules/reg/main.tf"
    assert config.module_problems == ()


def test_an_uninitialised_remote_module_is_a_warning_not_silence(tmp_path: Path) -> None:
    put(
        tmp_path,
        "main.tf",
        ROOT + 'module "git" {\n  source = "git::https://example.com/flex.git"\n}\n',
    )
    dirs, problems = module_dirs(tmp_path)
    assert [d.address for d in dirs] == [""]
    [problem] = problems
    assert problem.severity == "warn"
    assert (problem.address, problem.file, problem.line) == ("module.git", "main.tf", 11)
    assert "run terraform init first" in problem.message


def test_a_missing_local_module_folder_is_a_failure(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", ROOT + 'module "gone" {\n  source = "./modules/gone"\n}\n')
    [problem] = module_dirs(tmp_path)[1]
    assert problem.severity == "fail"
    assert "Unreadable module directory" in problem.message


def test_a_module_calling_itself_ends(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", ROOT + 'module "a" {\n  source = "./a"\n}\n')
    put(tmp_path, "a/main.tf", 'module "again" {\n  source = "../a"\n}\n')
    dirs, problems = module_dirs(tmp_path)
    assert [d.address for d in dirs] == ["", "module.a"]
    assert problems[0].severity == "fail"
    assert "calls itself" in problems[0].message


def test_a_large_tree_parses_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 100 modules of 5 files each (10 called by the root, each calling 9 more) and every folder
    # called twice: re-reading per call would show here (the time goes in bench/run.py).
    build_large_tree(tmp_path)
    parsed: list[int] = []
    real = hcl.parse

    def counting(raw: bytes, syntax: hcl.Syntax) -> hcl.Document:
        parsed.append(1)
        return real(raw, syntax)

    monkeypatch.setattr(hcl, "parse", counting)
    config = read_tree(tmp_path)
    assert len(parsed) == 501
    assert len(config.modules) == 1 + 2 * 100
    assert len(config.resources) == 2 * 100 * 4
    assert config.module_problems == ()


def test_module_dirs_match_what_terraform_get_installs(tmp_path: Path) -> None:
    lic_tree(tmp_path)
    terraform(tmp_path, "get")
    manifest = json.loads((tmp_path / ".terraform/modules/modules.json").read_text())
    expected = {m["Key"]: m["Dir"] for m in manifest["Modules"]}
    dirs, _ = module_dirs(tmp_path)
    seen = {
        re.sub(r"module\.", "", d.address): (d.folder.relative_to(tmp_path).as_posix() or ".")
        for d in dirs
    }
    assert seen == expected
