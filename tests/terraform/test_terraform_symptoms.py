"""What Terraform will show: each finding names the symptom the provider gives for it.

The provider re-sends every refused request four times, 1 s apart, answers a refused login with
one fixed sentence, and never revokes its token (provider-behaviour.md). A user who saw one of
those in a failed apply must find the same words in flexcheck's report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checks.api_login import ApiLogin
from checks.api_read import ApiRead
from checks.terraform_log_leak import TerraformLogLeak
from checks.terraform_values import TerraformValues
from checks.zip_decrypt import ZipDecrypt
from flexcheck.core.model import Deps, Result, Status
from flexcheck.emulator import Access, Emulator
from flexcheck.terraform.route import LOGIN_REFUSED, RETRIES, TOKEN_LIFE
from tests.checks.test_api_checks import CREDS, SESSION, read_with
from tests.checks.tf_support import write
from tests.helpers import json_response, make_context, tmp_options
from tests.network.world import options_for, run

SYMPTOM = "what Terraform will show: "


def symptoms(details: tuple[str, ...]) -> list[str]:
    return [d for d in details if d.startswith(SYMPTOM)]


@pytest.fixture
def emulator() -> Emulator:
    with Emulator() as running:
        yield running  # type: ignore[misc]


def test_a_read_only_user_is_told_the_apply_repeats_the_denied_write(
    emulator: Emulator, tmp_path: Path
) -> None:
    options = options_for(emulator, tmp_path)  # creates the demo user
    for user in emulator.state.users.values():
        user.access = Access.READ_ONLY
    outcome = run(options, only=["write-permission"])["write-permission"]
    assert outcome.status is Status.FAIL
    [shown] = symptoms(outcome.details)
    assert "at its first write" in shown
    assert "Authorization denied" in shown  # FortiFlex's own words, as the apply prints them
    assert shown.endswith(RETRIES)
    assert "4 times, 1 s apart" in RETRIES
    # The reasons the run needs write stay listed beside it.
    assert any(d.startswith("needs write") for d in outcome.details) or "needs write" in (
        outcome.summary
    )


def test_a_writer_gets_no_symptom_line(emulator: Emulator, tmp_path: Path) -> None:
    outcome = run(options_for(emulator, tmp_path), only=["write-permission"])["write-permission"]
    assert outcome.status is Status.PASS
    assert symptoms(outcome.details) == []


def test_a_rejected_login_names_the_providers_fixed_sentence() -> None:
    ctx = make_context(
        handler=lambda request: json_response(
            401, {"error": "invalid_grant", "error_description": "Invalid credentials"}
        )
    )
    result = ApiLogin().run(ctx, Deps({ZipDecrypt.id: CREDS}))
    assert result.status is Status.FAIL
    assert symptoms(result.details) == [SYMPTOM + LOGIN_REFUSED]
    assert "Fail to generate Token: Can not get Token." in LOGIN_REFUSED


def test_a_working_login_says_the_providers_token_outlives_the_run() -> None:
    ctx = make_context(
        handler=lambda request: json_response(200, {"access_token": "tok-sym-1", "expires_in": 60})
    )
    result = ApiLogin().run(ctx, Deps({ZipDecrypt.id: CREDS}))
    assert result.status is Status.PASS
    [said] = result.details
    assert said.startswith("flexcheck asks FortiCloud to revoke this token when it ends")
    assert said.endswith(TOKEN_LIFE)
    assert "never refreshes or revokes" in TOKEN_LIFE


def test_a_logged_token_is_said_to_stay_valid_after_the_run() -> None:
    result = TerraformLogLeak().run(make_context(env={"TF_LOG": "DEBUG"}), Deps({}))
    assert result.status is Status.WARN
    assert any(TOKEN_LIFE in d for d in result.details)
    quiet = TerraformLogLeak().run(make_context(env={"TF_LOG": "WARN"}), Deps({}))
    assert not any(TOKEN_LIFE in d for d in quiet.details)


@pytest.mark.parametrize(
    "message", ["Authorization denied", "Invalid security token.", "Something else broke"]
)
def test_a_refused_read_names_the_retries_with_fortiflexs_words(message: str) -> None:
    result = read_with({"status": -1, "message": message})
    assert result.status is Status.FAIL
    [shown] = symptoms(result.details)
    assert f"({message})" in shown
    assert shown.endswith(RETRIES)


def test_a_read_that_works_names_no_symptom() -> None:
    result = read_with({"status": 0, "programs": [{"serialNumber": "A"}]})
    assert symptoms(result.details) == []
    assert SESSION.token.expires_in == 3600  # the shared session these readings use


BAD_VALUE = """resource "fortiflexvm_config" "fgt" {
  product_type          = "FGT_VM_Bundle"
  program_serial_number = "ELAVMS0000003536"
  fgt_vm_bundle {
    cpu_size    = 128
    service_pkg = "ATP"
    vdom_num    = 1
  }
}
"""

ONLY_A_WARNING = """resource "fortiflexvm_entitlements_vm" "vm" {
  config_id    = 42
  skip_pending = true
}
"""


def values(folder: Path) -> Result[Any]:
    return TerraformValues().run(make_context(tmp_options(folder)), Deps({}))


def test_a_refused_value_says_the_apply_stops_half_way_after_four_tries(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BAD_VALUE)
    result = values(tmp_path)
    assert result.status is Status.FAIL
    [shown] = symptoms(result.details)
    assert "stop there" in shown
    assert shown.endswith(RETRIES)


def test_a_warning_alone_predicts_no_refusal(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", ONLY_A_WARNING)
    result = values(tmp_path)
    assert result.status is Status.WARN, result.summary
    assert symptoms(result.details) == []


def test_api_read_keeps_its_own_refusal_reading() -> None:
    # The symptom line is added beside the reading, never instead of it.
    denied = read_with({"status": -1, "message": "Authorization denied"})
    assert "Step 1" in denied.hint
    assert ApiRead.id == "api-read"
