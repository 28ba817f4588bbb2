"""action.yml, .pre-commit-hooks.yaml and the README's GitLab job, run as CI would run them."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario, build_world

ROOT = Path(__file__).resolve().parents[2]
# pip is told, by its environment only, to resolve the install command without installing
# anything or reaching an index: the command itself runs exactly as written.
PIP_DRY = {
    "PIP_DRY_RUN": "1",
    "PIP_NO_DEPS": "1",
    "PIP_NO_INDEX": "1",
    "PIP_NO_BUILD_ISOLATION": "0",
}


def _base_env(folder: Path, world_env: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(PIP_DRY)
    env.update(world_env)
    return env


def _bash(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # GitHub runs `bash --noprofile --norc -eo pipefail {0}`; GitLab runs each line with -e.
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _world(folder: Path, emulator: Emulator, scenario: Scenario) -> dict[str, str]:
    world = build_world(scenario, folder, emulator)
    return {
        "FLEXCHECK_ZIP_PASSWORD": world.zip_password.reveal(),
        "FLEXCHECK_AUTH_URL": emulator.auth_url,
        "FLEXCHECK_API_URL": emulator.api_url,
        "FLEXCHECK_CREDENTIALS": str(world.credentials),
    }


def _gitlab_job() -> dict[str, Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- gitlab-ci-example[^>]*-->\s*```yaml\n(.*?)```", readme, re.S)
    assert block is not None, "the README's GitLab example is marked for this test"
    job: dict[str, Any] = yaml.safe_load(block.group(1))["flexcheck"]
    return job


def test_gitlab_job_script(tmp_path: Path) -> None:
    job = _gitlab_job()
    with Emulator() as emulator:
        env = _base_env(tmp_path, _world(tmp_path, emulator, Scenario.READ_ONLY))
        env.update({k: str(v) for k, v in job["variables"].items()})
        env["FLEXCHECK_PACKAGE"] = str(ROOT)  # the README's own "path of your copy"
        results = [_bash(line, env, tmp_path) for line in job["script"]]
    install, check = results
    assert install.returncode == 0, install.stderr
    assert check.returncode == 1  # the read-only user cannot apply the plan: the job fails
    for path in job["artifacts"]["paths"]:
        assert (tmp_path / path).is_file()
    assert job["artifacts"]["reports"]["junit"] == "flexcheck.xml"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    # Never a bare package name: flexcheck is not on PyPI, and someone else could publish it.
    package = job["variables"]["FLEXCHECK_PACKAGE"]
    assert package.startswith("https://")
    assert package.endswith(".tar.gz")
    assert "<testcase" in (tmp_path / "flexcheck.xml").read_text(encoding="utf-8")


def _hooks() -> dict[str, dict[str, Any]]:
    loaded = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in loaded}


def _hook_run(folder: Path, entry: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*shlex.split(entry), "--format", "json"],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_pre_commit_offline_hook(tmp_path: Path) -> None:
    hook = _hooks()["flexcheck-offline"]
    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("main.tf", "env/prod.tfvars", ".terraform.lock.hcl"))
    assert not files.search("README.md")
    # Without a required_providers entry Terraform resolves the provider to hashicorp/fortiflexvm.
    (tmp_path / "versions.tf").write_text(
        "terraform {\n  required_providers {\n    fortiflexvm = {\n"
        '      source  = "fortinetdev/fortiflexvm"\n      version = "2.4.3"\n    }\n  }\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "main.tf").write_text(
        'provider "fortiflexvm" {}\n'
        'resource "fortiflexvm_entitlements_vm" "web" {\n  config_id = 101\n}\n',
        encoding="utf-8",
    )
    # A developer's shell at commit time: no FortiFlex variable, no credential download.
    env = _base_env(tmp_path, {"FLEXCHECK_AUTH_URL": "http://127.0.0.1:9/never-used"})
    assert not any(name.startswith(("FORTIFLEX_", "FLEXVM_")) for name in env)
    result = _hook_run(tmp_path, hook["entry"], env)
    document = json.loads(result.stdout)
    assert result.returncode == 0, result.stdout  # a clean commit passes
    assert document["requests"] == []  # offline: nothing was sent
    ran = {c["id"]: c["status"] for c in document["checks"] if c["skipped_by_user"] is None}
    assert ran == {
        "terraform-secrets": "pass",
        "terraform-provider": "pass",
        "terraform-values": "pass",
    }

    literal = "Literal-Canary-77q!"
    (tmp_path / "main.tf").write_text(
        'provider "fortiflexvm" {\n  username = "1B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B1C"\n'
        f'  password = "{literal}"\n}}\n',
        encoding="utf-8",
    )
    blocked = _hook_run(tmp_path, hook["entry"], env)
    assert blocked.returncode == 1, blocked.stdout  # a password written in a file stops it
    secrets = next(
        c for c in json.loads(blocked.stdout)["checks"] if c["id"] == "terraform-secrets"
    )
    assert secrets["status"] == "warn"

    (tmp_path / "main.tf").write_text(
        'resource "fortiflexvm_config" "c" {\n  product_type = "FWB_VM"\n'
        '  program_serial_number = "ELAVMS0000000001"\n'
        '  fwb_vm {\n    cpu_size = "3"\n    service_pkg = "FWBSTD"\n  }\n}\n',
        encoding="utf-8",
    )
    refused = _hook_run(tmp_path, hook["entry"], env)
    assert refused.returncode == 1, refused.stdout  # a value FortiFlex refuses stops it
    values = next(c for c in json.loads(refused.stdout)["checks"] if c["id"] == "terraform-values")
    assert values["location"] == {"path": "main.tf", "line": 5}
    assert secrets["summary"].startswith("main.tf:3:")
    assert literal not in blocked.stdout + blocked.stderr


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("API_Credential_1B3C4D5E_11_28_2026.zip", True),
        ("secrets/api_credential.txt", True),
        ("Credentials.CSV", True),
        ("main.tf", False),
        ("docs/credentials.md", False),
    ],
)
def test_pre_commit_refuses_a_credential_download(name: str, refused: bool) -> None:
    hook = _hooks()["flexcheck-no-credential-download"]
    assert hook["language"] == "fail"  # pre-commit fails the commit with `entry` as the message
    assert "Guide Step 3" in hook["entry"]
    assert bool(re.search(hook["files"], name)) is refused


def test_no_readme_command_installs_an_unpublished_name() -> None:
    # `flexcheck` is not on PyPI: a bare name fails today, and installs a stranger's code the
    # day someone publishes it.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|yaml)\n(.*?)```", readme, re.S)
    installs = [
        line for block in blocks for line in block.splitlines() if re.search(r"pip.? install", line)
    ]
    assert installs
    for line in installs:
        assert not re.search(r"install\s+(--\S+\s+)*['\"]?flexcheck\b", line), line
    assert re.search(r"python3 -m venv \S+ && \S+/bin/pip install \.", readme)
