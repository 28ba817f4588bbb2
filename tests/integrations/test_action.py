"""action.yml judged by its real clients (SchemaStore's schema, actionlint) and run step by step."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from tests.integrations.test_ci_integrations import _base_env, _bash, _world
from tests.integrations.tools import ROOT, built_wheel, executable
from tests.session import once_per_session

EXPRESSION = re.compile(r"\$\{\{\s*(inputs|steps)\.([\w-]+)(?:\.outputs\.([\w-]+))?\s*\}\}")
# SchemaStore's schema of an action's metadata file, as check-jsonschema (PyPI) ships it.
SCHEMA = resources.files("check_jsonschema.builtin_schemas.vendor") / "github-actions.json"


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return loaded


def _readme_workflow() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- github-workflow-example[^>]*-->\s*```yaml\n(.*?)```", readme, re.S)
    assert block is not None, "the README's workflow example is marked for this test"
    return block.group(1)


def test_action_fits_schemastores_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = [e.message for e in Draft7Validator(schema).iter_errors(_action())]
    assert errors == []


def _actionlint(folder: Path, workflow: str) -> subprocess.CompletedProcess[str]:
    tool = executable("actionlint")
    (folder / ".github" / "workflows").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "action.yml", folder / "action.yml")
    subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=30)
    (folder / ".github" / "workflows" / "flexcheck.yml").write_text(workflow, encoding="utf-8")
    return subprocess.run(
        [str(tool), "-no-color", "-shellcheck=", "-pyflakes="],
        cwd=folder, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_actionlint_accepts_the_readme_workflow_with_this_action(tmp_path: Path) -> None:
    workflow = _readme_workflow()
    assert "OWNER/flexcheck@v0" in workflow
    done = _actionlint(tmp_path, workflow.replace("OWNER/flexcheck@v0", "./"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_reads_the_actions_inputs(tmp_path: Path) -> None:
    # Proof that the lint above looked at action.yml: an input it lacks is an error.
    workflow = _readme_workflow().replace("OWNER/flexcheck@v0", "./")
    done = _actionlint(
        tmp_path, workflow.replace("fail-on: warn", "fail-on: warn\n          bogus: 1")
    )
    assert done.returncode == 1
    assert 'input "bogus" is not defined' in done.stdout


def _run_action(
    folder: Path,
    env: dict[str, str],
    inputs: dict[str, str],
    installed: Installed | None = None,
) -> tuple[list[Any], dict[str, str]]:
    """Each step as the runner would: inputs through env only, step outputs carried over.

    With `installed`, the install step is the one that already ran (its venv and outputs):
    building a venv costs seconds, and the step is the same for every set of inputs.
    """
    action = _action()
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    outputs: dict[str, dict[str, str]] = {}
    runner_temp = folder / "runner-temp"
    runner_temp.mkdir()
    env = {**env, "GITHUB_ACTIONS": "true", "GITHUB_ACTION_PATH": str(ROOT)}
    env.update(RUNNER_TEMP=str(runner_temp), GITHUB_STEP_SUMMARY=str(folder / "summary.md"))

    def expand(text: str) -> str:
        def value(m: re.Match[str]) -> str:
            return values[m.group(2)] if m.group(1) == "inputs" else outputs[m.group(2)][m.group(3)]

        return EXPRESSION.sub(value, text)

    done: list[Any] = []
    if installed is not None:
        outputs["install"] = installed.outputs
    for step in action["runs"]["steps"]:
        if installed is not None and step.get("id") == "install":
            done.append(installed.result)
            continue
        if "uses" in step:
            done.append(
                {
                    "uses": step["uses"],
                    "if": step["if"],
                    "with": {k: expand(str(v)) for k, v in step["with"].items()},
                }
            )
            continue
        assert "${{" not in step["run"], "inputs reach scripts through env only (no injection)"
        output_file = folder / f"output-{len(done)}"
        output_file.touch()
        step_env = {k: expand(v) for k, v in step["env"].items()}
        result = _bash(step["run"], {**env, **step_env, "GITHUB_OUTPUT": str(output_file)}, folder)
        outputs[step["id"]] = dict(
            line.split("=", 1) for line in output_file.read_text(encoding="utf-8").splitlines()
        )
        done.append(result)
        if step["id"] == "install":
            # pip ran dry (see PIP_DRY): the venv is real, the test's own flexcheck stands in.
            bin_dir = Path(outputs["install"]["bin"])
            (bin_dir / "flexcheck").unlink(missing_ok=True)
            (bin_dir / "flexcheck").symlink_to(Path(env["FLEXCHECK_TEST_BIN"]) / "flexcheck")
        if result.returncode != 0:
            break
    return done, outputs.get("run", {})


@dataclass(frozen=True)
class Installed:
    result: subprocess.CompletedProcess[str]
    outputs: dict[str, str]
    runner_temp: Path


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The action's install step, run once per test session (tests/session.py)."""
    wheel = built_wheel(tmp_path_factory)
    return once_per_session(tmp_path_factory, "action-install", lambda f: _install(f, wheel))


def _install(folder: Path, wheel: Path) -> Installed:
    with Emulator() as emulator:
        env = _env(folder, emulator, Scenario.HEALTHY)
        # Only the install step runs: a bogus formats input stops the run step at once. The
        # wheel stands in for the action's own folder, so the dry-run pip has nothing to build.
        inputs = {"formats": "no-such-format", "install": str(wheel)}
        steps, _ = _run_action(folder, env, inputs)
    outputs = dict(
        line.split("=", 1)
        for line in (folder / "output-0").read_text(encoding="utf-8").splitlines()
    )
    return Installed(steps[0], outputs, folder / "runner-temp")


def _env(folder: Path, emulator: Emulator, scenario: Scenario) -> dict[str, str]:
    env = _base_env(folder, _world(folder, emulator, scenario))
    env["FLEXCHECK_TEST_BIN"] = str(Path(sys.executable).parent)
    return env


def test_action_installs_into_its_own_venv_and_passes(tmp_path: Path, installed: Installed) -> None:
    with Emulator() as emulator:
        env = _env(tmp_path, emulator, Scenario.HEALTHY)
        steps, outputs = _run_action(
            tmp_path, env, {"plan": "plan.json", "formats": "sarif, junit"}, installed
        )
    install, run, upload = steps
    assert install.returncode == 0, install.stderr
    assert (installed.runner_temp / "flexcheck-venv" / "pyvenv.cfg").is_file()
    assert installed.outputs["bin"] == str(installed.runner_temp / "flexcheck-venv" / "bin")
    assert run.returncode == 0, run.stdout + run.stderr
    assert outputs == {
        "exit-code": "0",
        "reports": "flexcheck-reports/flexcheck.sarif flexcheck-reports/flexcheck.xml",
        "sarif": "flexcheck-reports/flexcheck.sarif",
    }
    assert (tmp_path / "flexcheck-reports" / "flexcheck.xml").is_file()
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    assert upload["with"]["sarif_file"] == "flexcheck-reports/flexcheck.sarif"


def test_action_require_offline_and_args_with_spaces(tmp_path: Path, installed: Installed) -> None:
    folder = tmp_path / "infra dir"
    folder.mkdir()
    (folder / "main.tf").write_text(
        'provider "fortiflexvm" {\n  password = "Literal-Pw-9!"\n}\n', encoding="utf-8"
    )
    with Emulator() as emulator:
        env = _env(tmp_path, emulator, Scenario.HEALTHY)
        inputs = {
            "offline": "true",
            "require": "read",
            "fail-on": "warn",
            "formats": "json",
            "upload-sarif": "true",
            "args": "--tf-dir\ninfra dir\n--check\nterraform-secrets\n",
        }
        steps, outputs = _run_action(tmp_path, env, inputs, installed)
    run = steps[1]
    assert outputs["exit-code"] == "1", run.stdout + run.stderr  # the password in the file
    assert outputs["sarif"] == "flexcheck-reports/flexcheck.sarif"  # upload-sarif adds it
    report = json.loads((tmp_path / "flexcheck-reports" / "flexcheck.json").read_text("utf-8"))
    secrets = next(c for c in report["checks"] if c["id"] == "terraform-secrets")
    assert secrets["status"] == "warn"
    assert secrets["location"]["path"] == "infra dir/main.tf"  # "infra dir" stayed one argument
    assert report["requests"] == []  # offline


def test_action_fails_the_job_and_annotates(tmp_path: Path, installed: Installed) -> None:
    with Emulator() as emulator:
        env = _env(tmp_path, emulator, Scenario.READ_ONLY)
        inputs = {"plan": "plan.json", "fail-on": "warn"}
        steps, outputs = _run_action(tmp_path, env, inputs, installed)
    run = steps[1]
    assert run.returncode == 1
    assert outputs["exit-code"] == "1"
    assert "::error title=flexcheck write-permission%3A fail,file=plan.json::" in run.stdout
    assert len(outputs["reports"].split()) == 4
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| ❌ fail | `write-permission`" in summary
    assert env["FLEXCHECK_ZIP_PASSWORD"] not in run.stdout + run.stderr + summary
