"""terraform-values: the check over a Terraform folder and a plan, and where its findings land."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checks.terraform_values import TerraformValues
from flexcheck.core.model import Deps, Result, Status
from flexcheck.terraform.plan import read_plan
from flexcheck.terraform.rules.findings import Finding
from tests.checks.tf_support import assert_no_canary, change, lock, plan_json, write
from tests.commands.cli_support import run_cli
from tests.helpers import make_context, tmp_options

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT.parent / "shared" / "fixtures" / "terraform-plans"

BAD = """resource "fortiflexvm_config" "fgt" {
  product_type          = "FGT_VM_Bundle"
  program_serial_number = "ELAVMS0000003536"
  fgt_vm_bundle {
    cpu_size    = 128
    service_pkg = "ATP"
    vdom_num    = var.vdoms
  }
}

variable "vdoms" {}
"""

GOOD = """resource "fortiflexvm_config" "faz" {
  product_type          = "FAZ_VM"
  program_serial_number = "ELAVMS0000003536"
  faz_vm {
    daily_storage   = "5"
    adom_num        = 1200
    support_service = "FAZFC247"
  }
}
"""


def run(folder: Path, plan: bytes | None = None, env: dict[str, str] | None = None) -> Result[Any]:
    assert TerraformValues.network is False
    document = read_plan(plan, "plan.json") if plan is not None else None
    options = tmp_options(
        folder, plan=folder / "plan.json" if plan else None, plan_document=document
    )
    result = TerraformValues().run(make_context(options, env=env), Deps({}))
    assert_no_canary(result)
    return result


def test_an_out_of_range_value_fails_at_its_line_with_the_allowed_values(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BAD)
    result = run(tmp_path)
    assert result.status is Status.FAIL
    assert result.summary.startswith(
        "main.tf:5: fortiflexvm_config.fgt: fgt_vm_bundle.cpu_size = 128"
    )
    assert "allowed: 1-96" in result.summary
    assert result.location is not None
    assert (result.location.path, result.location.line) == ("main.tf", 5)
    assert any("vdom_num not checked: var.vdoms has no default" in d for d in result.details)
    assert "four times" in result.hint
    assert isinstance(result.value[0], Finding)


def test_valid_values_pass_and_say_what_was_not_known(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", GOOD)
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert (
        result.summary == "1 fortiflexvm resource(s) set only values the provider 2.4.3 docs allow"
    )
    write(tmp_path, "main.tf", BAD.replace("128", "4"))
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert "1 value(s) not known before apply were not checked" in result.summary


def test_a_variable_set_in_the_environment_is_checked(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BAD.replace("128", "4"))
    result = run(tmp_path, env={"TF_VAR_vdoms": "501"})
    assert result.status is Status.FAIL
    assert "fgt_vm_bundle.vdom_num = 501 is out of range" in result.summary


def test_nothing_to_check_skips(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'resource "null_resource" "x" {}\n')
    assert run(tmp_path).status is Status.SKIP


def test_the_pinned_provider_lacking_a_product_type_is_named(tmp_path: Path) -> None:
    mail = (
        'resource "fortiflexvm_config" "mail" {\n  product_type = "FORTIMAIL_VM"\n'
        '  program_serial_number = "ELAVMS0000003536"\n'
        '  fortimail_vm {\n    cpu_size = "4"\n    service_pkg = "FMLBASE"\n  }\n}\n'
    )
    write(tmp_path, "main.tf", mail)
    lock(tmp_path, "2.3.4")
    result = run(tmp_path)
    assert result.status is Status.FAIL
    assert "product_type = FORTIMAIL_VM needs provider 2.4.2 or later; 2.3.4 is locked in" in (
        result.summary
    )
    assert result.location is not None
    assert result.location.line == 2


@pytest.mark.parametrize(
    "name", sorted(p.name for p in PLANS.glob("*.json")) if PLANS.exists() else ["absent"]
)
def test_real_plans_the_real_api_accepted_raise_no_finding(name: str) -> None:
    """Each of these plans was applied by the real provider: nothing in them may fail."""
    path = PLANS / name
    if not path.exists():
        pytest.skip("shared/fixtures not beside the clone")
    result = run(ROOT / "tests" / "terraform" / "rules", plan=path.read_bytes())
    assert result.status in (Status.PASS, Status.SKIP, Status.WARN), result.summary
    if result.status is Status.WARN:  # the one plan that regenerates its token on every apply
        assert name == "vm-and-token-create.json"
        assert "regenerate_token = true" in result.summary
    if name == "config-and-vm-create.json":
        assert "2 fortiflexvm resource(s)" in result.summary


def test_a_plan_value_is_placed_at_the_line_of_the_file(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BAD.replace("128", "4"))
    after = {
        "product_type": "FGT_VM_Bundle",
        "program_serial_number": "ELAVMS0000003536",
        "fgt_vm_bundle": [{"cpu_size": "4", "service_pkg": "ATP", "vdom_num": 900}],
    }
    plan = plan_json(change("fortiflexvm_config.fgt", ["create"], after))
    result = run(tmp_path, plan=plan)
    assert result.status is Status.FAIL
    assert result.summary.startswith(
        "main.tf:7: fortiflexvm_config.fgt: fgt_vm_bundle.vdom_num = 900"
    )
    assert not any("not checked" in d for d in result.details)  # the plan knew the value


def test_a_plan_alone_points_at_the_plan_file(tmp_path: Path) -> None:
    after = {"config_id": 101, "end_date": "2001-01-01"}
    plan = plan_json(change("module.lic.fortiflexvm_entitlements_vm.vm[0]", ["create"], after))
    result = run(tmp_path, plan=plan)
    assert result.status is Status.FAIL
    assert "module.lic.fortiflexvm_entitlements_vm.vm[0]: end_date" in result.summary
    assert result.location is not None
    assert result.location.path == "plan.json"


def test_explain_lists_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["explain", "terraform-values"], capsys)
    assert result.code == 0
    assert "* cpu_size: 1-96" in result.out
    assert "FORTIDLP (block fortidlp" in result.out
    assert "fortiflexvm_entitlements_cloud" in result.out


def test_findings_land_in_sarif_and_github_annotations_at_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "main.tf", BAD)
    monkeypatch.chdir(tmp_path)
    args = ["--offline", "--check", "terraform-values", "--tf-dir", str(tmp_path)]
    sarif = run_cli([*args, "--format", "sarif"], capsys)
    assert sarif.code == 1
    results = json.loads(sarif.out)["runs"][0]["results"]
    ours = next(r for r in results if r["ruleId"] == "terraform-values")
    physical = ours["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "main.tf"
    assert physical["region"]["startLine"] == 5
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    human = run_cli(args, capsys)
    annotation = next(
        line
        for line in (human.out + human.err).splitlines()
        if "terraform-values" in line and line.startswith("::")
    )
    assert annotation.startswith(
        "::error title=flexcheck terraform-values%3A fail,file=main.tf,line=5::main.tf:5: "
    )
    assert "fgt_vm_bundle.cpu_size = 128 is out of range" in annotation
