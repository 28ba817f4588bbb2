"""terraform-secrets on a plan JSON: every secret it holds in clear, by path, never by value."""

from __future__ import annotations

import json
from pathlib import Path

from checks.terraform_secrets import TerraformSecrets
from flexcheck.core.model import Deps, Result, Status
from flexcheck.terraform.plan import read_plan
from tests.checks.tf_support import CANARY, change, plan_json
from tests.helpers import make_context

PLANS = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "terraform-plans"


def run(tmp_path: Path, raw: bytes, env: dict[str, str] | None = None) -> Result[None]:
    plan = tmp_path / "plan.json"
    plan.write_bytes(raw)
    ctx = make_context(
        env=env, cwd=tmp_path, tf_dir=tmp_path, plan=plan, plan_document=read_plan(raw, "plan.json")
    )
    return TerraformSecrets().run(ctx, Deps({}))


def rendered(result: Result[None]) -> str:
    return " ".join((result.summary, result.hint, *result.details))


def real(name: str) -> bytes:
    # The fixture's password was redacted; a leaking plan gets a test value back in its place.
    text = (PLANS / name).read_text(encoding="utf-8")
    return text.replace("EMULATOR-PASSWORD-REDACTED", CANARY).encode()


def test_a_literal_provider_password_in_the_real_plan_is_named_by_path(tmp_path: Path) -> None:
    result = run(tmp_path, real("provider-literal-credentials.json"))
    assert result.status is Status.WARN
    assert (
        "configuration.provider_config.fortiflexvm.expressions.password.constant_value"
        in result.summary
    )
    assert "FORTIFLEX_ACCESS_PASSWORD" in result.hint
    assert result.location is not None
    assert result.location.path == "plan.json"
    assert CANARY not in rendered(result)


def test_sensitive_variables_in_the_real_plan_are_named(tmp_path: Path) -> None:
    result = run(tmp_path, real("provider-variable-credentials.json"))
    assert result.status is Status.WARN
    text = rendered(result)
    assert "variables.fortiflex_password.value: sensitive variable" in text
    assert "variables.fortiflex_username.value" in text
    assert CANARY not in text


def test_the_api_password_anywhere_in_the_plan_is_found(tmp_path: Path) -> None:
    after = {"config_id": 1, "description": CANARY}
    raw = plan_json(change("fortiflexvm_entitlements_vm.web", ["create"], after))
    result = run(tmp_path, raw, env={"FORTIFLEX_ACCESS_PASSWORD": CANARY})
    assert result.status is Status.WARN
    assert "resource_changes[0].change.after.description: the API password" in result.summary
    assert CANARY not in rendered(result)


def test_sensitive_attributes_are_named(tmp_path: Path) -> None:
    entry = change("fortiflexvm_entitlements_vm_token.t", ["create"], {"token": "abc123"})
    entry["change"]["after_sensitive"] = {"token": True}
    result = run(tmp_path, plan_json(entry))
    assert "resource_changes[0].change.after.token" in result.summary
    assert "abc123" not in rendered(result)


def test_a_plan_without_secrets_passes_and_says_so(tmp_path: Path) -> None:
    result = run(tmp_path, (PLANS / "vm-create.json").read_bytes())
    assert result.status is Status.PASS
    assert "plan.json holds no password or sensitive value in clear" in result.summary


def test_the_redacted_fixture_still_shows_where_the_password_sits(tmp_path: Path) -> None:
    # Even redacted, the field is a literal provider password: the location is what matters.
    data = json.loads((PLANS / "provider-literal-credentials.json").read_text())
    assert data["configuration"]["provider_config"]["fortiflexvm"]["expressions"]["password"]
    result = run(tmp_path, (PLANS / "provider-literal-credentials.json").read_bytes())
    assert result.status is Status.WARN
