"""Would Terraform's log capture the provider's login response, tokens included?"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# The provider logs the whole login response at [INFO]; these levels include INFO.
_LEAKING = frozenset({"TRACE", "DEBUG", "INFO", "JSON"})  # JSON means TRACE, as JSON lines
_QUIET = frozenset({"WARN", "ERROR", "OFF"})


@dataclass(frozen=True)
class LogLeak:
    variable: str  # TF_LOG or TF_LOG_PROVIDER
    level: str  # as set, upper-cased
    log_path: str | None  # TF_LOG_PATH: the file the tokens would land in; None means stderr

    def __str__(self) -> str:
        where = f"into {self.log_path}" if self.log_path else "to stderr"
        return f"{self.variable}={self.level} logs the provider's access token {where}"


def log_leak_risk(env: Mapping[str, str]) -> LogLeak | None:
    """TF_LOG_PROVIDER, when set, decides the providers' level; otherwise TF_LOG does."""
    for variable in ("TF_LOG_PROVIDER", "TF_LOG"):
        level = env.get(variable, "").strip().upper()
        if not level:
            continue
        if level in _QUIET:
            return None
        # Terraform treats an unknown level as TRACE (with a warning), so that leaks too.
        shown = level if level in _LEAKING else f"{level} (unknown, Terraform uses TRACE)"
        return LogLeak(variable, shown, env.get("TF_LOG_PATH") or None)
    return None
