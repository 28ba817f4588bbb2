"""log_leak_risk: TF_LOG levels that would write the provider's login response (tokens)."""

from __future__ import annotations

import pytest

from flexcheck.terraform.tflog import LogLeak, log_leak_risk


@pytest.mark.parametrize("level", ["TRACE", "DEBUG", "INFO", "JSON", "trace", "Debug", " info "])
def test_leaking_levels(level: str) -> None:
    leak = log_leak_risk({"TF_LOG": level})
    assert leak == LogLeak("TF_LOG", level.strip().upper(), None)


@pytest.mark.parametrize("level", ["WARN", "ERROR", "OFF", "warn", ""])
def test_quiet_levels(level: str) -> None:
    assert log_leak_risk({"TF_LOG": level}) is None


def test_unset_is_quiet() -> None:
    assert log_leak_risk({}) is None


def test_log_path_is_reported() -> None:
    leak = log_leak_risk({"TF_LOG": "DEBUG", "TF_LOG_PATH": "/tmp/tf.log"})
    assert leak is not None
    assert leak.log_path == "/tmp/tf.log"
    assert str(leak) == "TF_LOG=DEBUG logs the provider's access token into /tmp/tf.log"


def test_provider_variable_leaks_alone() -> None:
    assert log_leak_risk({"TF_LOG_PROVIDER": "INFO"}) == LogLeak("TF_LOG_PROVIDER", "INFO", None)


def test_provider_variable_overrides_tf_log() -> None:
    assert log_leak_risk({"TF_LOG": "TRACE", "TF_LOG_PROVIDER": "ERROR"}) is None
    leak = log_leak_risk({"TF_LOG": "OFF", "TF_LOG_PROVIDER": "TRACE"})
    assert leak is not None
    assert leak.variable == "TF_LOG_PROVIDER"


def test_unknown_level_counts_as_trace() -> None:
    leak = log_leak_risk({"TF_LOG": "verbose"})
    assert leak is not None
    assert leak.level == "VERBOSE (unknown, Terraform uses TRACE)"
