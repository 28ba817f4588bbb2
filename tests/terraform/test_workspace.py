"""One run reads the Terraform folder once, however many checks (and the bundle) use it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from flexcheck.core.context import Options
from flexcheck.core.memo import RunMemo
from flexcheck.emulator import Access, EmulatedUser, Emulator
from flexcheck.report import bundle as support_bundle
from flexcheck.run import pipeline
from flexcheck.terraform import hcl
from tests.checks.tf_support import CANARY, USER, lock, write

MAIN = """
terraform {
  required_providers {
    fortiflexvm = {
      source  = "fortinetdev/fortiflexvm"
      version = "~> 2.4"
    }
  }
}
variable "api_password" {
  sensitive = true
}
provider "fortiflexvm" {
  password = var.api_password
}
resource "fortiflexvm_entitlements_vm" "web" {
  config_id = 4201
}
"""
READERS = (
    "credentials-file",
    "terraform-credentials",
    "terraform-secrets",
    "terraform-provider",
    "write-permission",
)


@pytest.mark.parametrize("locked", [False, True], ids=["constraint-only", "lock-file"])
def test_one_run_parses_each_terraform_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locked: bool
) -> None:
    files = {
        "main.tf": MAIN,
        "terraform.tfvars": 'region = "eu"\n',
        "extra.auto.tfvars": "size = 2\n",
    }
    for name, text in files.items():
        write(tmp_path, name, text)
    if locked:
        lock(tmp_path, "2.4.3")  # read by its fixed layout, without the HCL parser
    creds = write(tmp_path, "creds.txt", f"apiId:{USER}\npassword:{CANARY}\n")
    creds.chmod(0o600)
    by_text = {text.encode(): name for name, text in files.items()}
    parsed: Counter[str] = Counter()
    real_parse = hcl.parse

    def counting_parse(data: bytes, syntax: hcl.Syntax) -> hcl.Document:
        parsed[by_text.get(data, "another file")] += 1
        return real_parse(data, syntax)

    monkeypatch.setattr(hcl, "parse", counting_parse)
    memo = RunMemo()
    env = {
        "FORTIFLEX_ACCESS_USERNAME": USER,
        "TF_VAR_api_password": CANARY,
    }
    with Emulator([EmulatedUser(USER, CANARY, Access.READ_WRITE)]) as emulator:
        options = Options(
            credentials=creds,
            tf_dir=tmp_path,
            cwd=tmp_path,
            auth_url=emulator.auth_url,
            api_url=emulator.api_url,
        )
        result = pipeline.run(options, env, memo=memo)
    statuses = {o.id: o.status for o in result.outcomes}
    assert {check: str(statuses[check]) for check in READERS} == dict.fromkeys(READERS, "pass")
    write_permission = next(o for o in result.outcomes if o.id == "write-permission")
    assert "fortiflexvm_entitlements_vm.web" in write_permission.summary
    assert parsed == dict.fromkeys(files, 1)  # each file exactly once, nothing else

    # The support bundle names the provider version from the run's reading, not a new one.
    provider = support_bundle.versions(tmp_path, memo)["terraform_provider"]
    assert provider["version" if locked else "constraint"] == ("2.4.3" if locked else "~> 2.4")
    assert parsed == dict.fromkeys(files, 1)
