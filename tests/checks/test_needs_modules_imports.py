"""What the run needs, read like Terraform: resources in modules write, adoptions only read."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from checks.write_permission import WritePermission
from flexcheck.core.context import Need, Options
from flexcheck.core.model import Deps, Result, Status
from flexcheck.core.needs import determine_needs
from flexcheck.terraform.plan import read_plan
from tests.checks.test_plan_references import SESSION
from tests.helpers import json_response, make_context
from tests.terraform.tree_support import CONFIG, ROOT, SOURCE, put

PLANS = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "terraform-plans"


def denied(request: httpx.Request) -> httpx.Response:
    return json_response(200, {"status": -1, "message": "Authorization denied"})


def from_folder(folder: Path) -> Result[None]:
    ctx = make_context(handler=denied, cwd=folder, tf_dir=folder)
    return WritePermission().run(ctx, Deps({"api-login": SESSION}))


def from_plan(name: str) -> Result[None]:
    document = read_plan((PLANS / name).read_bytes(), name)
    ctx = make_context(handler=denied, plan_document=document, plan=Path(name))
    return WritePermission().run(ctx, Deps({"api-login": SESSION}))


def test_a_resource_in_a_child_module_needs_write(tmp_path: Path) -> None:
    # Before: "no fortiflexvm resources", a skip, and a read-only user was told "Ready".
    put(tmp_path, "main.tf", ROOT + 'module "lic" {\n  source = "./modules/lic"\n}\n')
    put(tmp_path, "modules/lic/main.tf", SOURCE + CONFIG)
    result = from_folder(tmp_path)
    assert result.status is Status.FAIL
    assert "module.lic.fortiflexvm_config.x" in result.summary
    assert "modules/lic/main.tf:8" in result.summary
    assert "read-only" in result.summary


def test_a_config_with_config_id_only_reads(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", ROOT + CONFIG.replace("{\n", "{\n  config_id = 101\n", 1))
    needs = determine_needs(Options(cwd=tmp_path, tf_dir=tmp_path))
    assert needs.need is Need.READ
    [reason] = needs.reasons
    assert "fortiflexvm_config.x: read" in reason
    assert "config_id = 101" in reason
    assert "next apply updates" in reason


def test_a_config_id_with_a_status_may_write(tmp_path: Path) -> None:
    body = CONFIG.replace("{\n", '{\n  config_id = 101\n  status    = "ACTIVE"\n', 1)
    put(tmp_path, "main.tf", ROOT + body)
    needs = determine_needs(Options(cwd=tmp_path, tf_dir=tmp_path))
    assert needs.need is Need.WRITE
    assert "enables or disables it" in needs.reasons[0]


def test_an_entitlement_adopted_by_serial_number_still_writes(tmp_path: Path) -> None:
    vm = (
        'resource "fortiflexvm_entitlements_vm" "v" {\n  config_id = 101\n'
        '  serial_number = "FGVMMLTM00000001"\n}\n'
    )
    put(tmp_path, "main.tf", ROOT + vm)
    needs = determine_needs(Options(cwd=tmp_path, tf_dir=tmp_path))
    assert needs.need is Need.WRITE
    assert "always sends entitlements/update" in needs.reasons[0]


def test_an_import_block_is_a_read(tmp_path: Path) -> None:
    imported = 'import {\n  to = module.lic.fortiflexvm_config.x\n  id = "101"\n}\n'
    put(tmp_path, "main.tf", ROOT + imported + 'module "lic" {\n  source = "./lic"\n}\n')
    put(tmp_path, "lic/main.tf", SOURCE + CONFIG)
    needs = determine_needs(Options(cwd=tmp_path, tf_dir=tmp_path))
    assert needs.need is Need.READ
    assert "import block at main.tf:10" in needs.reasons[0]
    assert "the same apply then updates it" in needs.reasons[0]


def test_the_real_import_plan_passes_for_a_read_only_user() -> None:
    # config-import.json: the real plan says create; the real read-only apply succeeded.
    result = from_plan("config-import.json")
    assert result.status is Status.PASS
    assert "only reads" in result.summary
    assert any("config_id = 101" in d and "next apply" in d for d in result.details)


@pytest.mark.parametrize(
    "name", ["config-and-vm-create.json", "vm-create.json", "hardware-config-create.json"]
)
def test_the_real_create_plans_fail_for_a_read_only_user(name: str) -> None:
    result = from_plan(name)
    assert result.status is Status.FAIL
    assert "read-only" in result.summary


def test_importing_in_a_plan_reads_unless_it_also_changes() -> None:
    from tests.checks.tf_support import change, plan_json

    only = change("fortiflexvm_config.c", ["no-op"], {"config_id": 101})
    changed = change("fortiflexvm_config.d", ["update"], {"config_id": 102})
    only["change"]["importing"] = {"id": "101"}
    changed["change"]["importing"] = {"id": "102"}
    plan = read_plan(plan_json(only, changed), "plan.json")
    needs = determine_needs(Options(plan_document=plan, plan=Path("plan.json")))
    assert needs.need is Need.WRITE
    assert needs.reasons == (
        "fortiflexvm_config.d: update; imported, then changed in this same apply",
    )
    plan = read_plan(plan_json(only), "plan.json")
    needs = determine_needs(Options(plan_document=plan, plan=Path("plan.json")))
    assert needs.need is Need.READ
    assert needs.reasons == ("fortiflexvm_config.c: read; imported by an import block: reads only",)
