"""terraform-log-leak: TF_LOG levels that write the provider's token into the log."""

from __future__ import annotations

import pytest

from checks.terraform_log_leak import TerraformLogLeak
from flexcheck.core.model import Deps, Result, Status
from tests.helpers import make_context


def run(env: dict[str, str]) -> Result[None]:
    assert TerraformLogLeak.id == "terraform-log-leak"
    assert TerraformLogLeak.network is False
    return TerraformLogLeak().run(make_context(env=env), Deps({}))


@pytest.mark.parametrize("level", ["INFO", "DEBUG", "TRACE", "JSON", "info", "trace"])
@pytest.mark.parametrize("variable", ["TF_LOG", "TF_LOG_PROVIDER"])
def test_token_logging_levels_warn_and_name_the_variable(variable: str, level: str) -> None:
    result = run({variable: level})
    assert result.status is Status.WARN
    assert result.summary.startswith(f"{variable}={level.upper()}")
    assert "to stderr" in result.summary
    assert f"Unset {variable}" in result.hint


@pytest.mark.parametrize("level", ["WARN", "ERROR", "OFF"])
def test_quiet_levels_pass(level: str) -> None:
    result = run({"TF_LOG": level})
    assert result.status is Status.PASS
    assert f"TF_LOG={level}" in result.summary


def test_unset_passes() -> None:
    result = run({})
    assert result.status is Status.PASS
    assert "TF_LOG unset" in result.summary


def test_log_path_names_the_file_the_token_lands_in() -> None:
    result = run({"TF_LOG": "DEBUG", "TF_LOG_PATH": "/tmp/terraform.log"})
    assert result.status is Status.WARN
    assert "into /tmp/terraform.log" in result.summary
    assert "Delete /tmp/terraform.log" in result.hint


def test_provider_level_overrides_tf_log() -> None:
    assert run({"TF_LOG": "TRACE", "TF_LOG_PROVIDER": "ERROR"}).status is Status.PASS
    leaking = run({"TF_LOG": "ERROR", "TF_LOG_PROVIDER": "INFO"})
    assert leaking.status is Status.WARN
    assert leaking.summary.startswith("TF_LOG_PROVIDER=INFO")


def test_unknown_level_counts_as_trace() -> None:
    result = run({"TF_LOG": "verbose"})
    assert result.status is Status.WARN
    assert "Terraform uses TRACE" in result.summary
