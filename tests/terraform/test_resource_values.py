"""Reading fortiflexvm_* values from .tf files: literals, variables, locals, modules, references."""

from __future__ import annotations

import json
from pathlib import Path

from flexcheck.terraform.modules import module_dirs
from flexcheck.terraform.resource_values import ResourceValues, read_resources


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def _read(root: Path, env: dict[str, str] | None = None) -> dict[str, ResourceValues]:
    modules, _ = module_dirs(root)
    reading = read_resources([(m.address, m.folder) for m in modules], root, env or {})
    return {r.address: r for r in reading.resources}


CONFIG = """
variable "cpus" {}
variable "vdoms" {
  default = 3
}
locals {
  package = "ATP"
}
resource "fortiflexvm_config" "fgt" {
  product_type = "FGT_VM_Bundle"
  fgt_vm_bundle {
    cpu_size    = var.cpus
    service_pkg = local.package
    vdom_num    = var.vdoms
  }
}
resource "fortiflexvm_entitlements_vm" "vm" {
  config_id = fortiflexvm_config.fgt.id
  end_date  = "${formatdate("YYYY", timestamp())}-12-31"
}
"""


def test_literals_locals_defaults_and_lines(tmp_path: Path) -> None:
    _write(tmp_path, "main.tf", CONFIG)
    found = _read(tmp_path)
    block = found["fortiflexvm_config.fgt"].blocks["fgt_vm_bundle"][0].settings
    assert block["service_pkg"].value == "ATP"
    assert block["service_pkg"].line == 13
    assert block["vdom_num"].value == 3
    assert not block["cpu_size"].known
    assert "var.cpus has no default" in (block["cpu_size"].unknown or "")
    vm = found["fortiflexvm_entitlements_vm.vm"]
    assert vm.setting("config_id").refers_to == "fortiflexvm_config.fgt"
    assert "known after apply" in (vm.setting("config_id").unknown or "")
    assert not vm.setting("end_date").known
    assert vm.file == "main.tf"
    assert vm.line == 17


def test_tfvars_and_environment_set_root_variables(tmp_path: Path) -> None:
    _write(tmp_path, "main.tf", CONFIG)
    found = _read(tmp_path, {"TF_VAR_cpus": "8"})
    block = found["fortiflexvm_config.fgt"].blocks["fgt_vm_bundle"][0].settings
    assert block["cpu_size"].value == "8"
    _write(tmp_path, "terraform.tfvars", "cpus = 4\nvdoms = 7\n")
    _write(tmp_path, "z.auto.tfvars", "vdoms = 9\n")
    block = (
        _read(tmp_path, {"TF_VAR_cpus": "8"})["fortiflexvm_config.fgt"]
        .blocks["fgt_vm_bundle"][0]
        .settings
    )
    assert block["cpu_size"].value == 4  # a tfvars file wins over TF_VAR_
    assert block["vdom_num"].value == 9  # *.auto.tfvars load last


def test_a_local_module_is_read_with_the_values_its_call_passes(tmp_path: Path) -> None:
    _write(tmp_path, "main.tf", 'module "lic" {\n  source = "./modules/lic"\n  cpus = 4\n}\n')
    _write(
        tmp_path / "modules" / "lic",
        "main.tf",
        'variable "cpus" {}\nvariable "pkg" {\n  default = "FC"\n}\n'
        'resource "fortiflexvm_config" "c" {\n  product_type = "FGT_VM_Bundle"\n'
        "  fgt_vm_bundle {\n    cpu_size = var.cpus\n    service_pkg = var.pkg\n  }\n}\n",
    )
    found = _read(tmp_path)
    config = found["module.lic.fortiflexvm_config.c"]
    assert config.module == "module.lic"
    assert config.file == "modules/lic/main.tf"
    block = config.blocks["fgt_vm_bundle"][0].settings
    assert block["cpu_size"].value == 4
    assert block["service_pkg"].value == "FC"


def test_json_syntax_and_dynamic_blocks(tmp_path: Path) -> None:
    document = {
        "resource": {
            "fortiflexvm_config": {
                "j": {
                    "product_type": "FWB_VM",
                    "fwb_vm": {"cpu_size": "4", "service_pkg": "${var.pkg}"},
                }
            }
        }
    }
    _write(tmp_path, "main.tf.json", json.dumps(document))
    _write(
        tmp_path,
        "dyn.tf",
        'resource "fortiflexvm_config" "d" {\n  product_type = "FMG_VM"\n'
        '  dynamic "fmg_vm" {\n    for_each = [1]\n'
        "    content {\n      adom_num = 1\n    }\n  }\n}\n",
    )
    found = _read(tmp_path)
    block = found["fortiflexvm_config.j"].blocks["fwb_vm"][0].settings
    assert block["cpu_size"].value == "4"
    assert not block["service_pkg"].known
    assert found["fortiflexvm_config.d"].dynamic == frozenset({"fmg_vm"})
    assert "fmg_vm" not in found["fortiflexvm_config.d"].blocks


def test_a_file_that_does_not_parse_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    _write(tmp_path, "broken.tf", 'resource "fortiflexvm_config" "x" {\n')
    reading = read_resources([("", tmp_path)], tmp_path, {})
    assert reading.resources == ()
    assert [p.file for p in reading.problems] == ["broken.tf"]


def test_plan_addresses_lose_their_instance_keys() -> None:
    from flexcheck.terraform.plan_values import module_of

    assert module_of('module.a["x"].module.b.fortiflexvm_config.c[0]') == "module.a.module.b"
    assert module_of("fortiflexvm_config.c") == ""


def test_nested_local_modules_are_found_and_remote_ones_left_to_the_module_tree(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        "main.tf",
        'module "a" {\n  source = "./a"\n}\nmodule "r" {\n  source = "fortinet/x/y"\n}\n',
    )
    _write(tmp_path / "a", "main.tf", 'module "b" {\n  source = "../b"\n}\n')
    _write(tmp_path / "b", "main.tf", 'resource "fortiflexvm_config" "c" {}\n')
    dirs, _ = module_dirs(tmp_path)
    assert [m.address for m in dirs] == ["", "module.a", "module.a.module.b"]
    assert dirs[2].folder.resolve() == (tmp_path / "b").resolve()
    assert "module.a.module.b.fortiflexvm_config.c" in _read(tmp_path)
