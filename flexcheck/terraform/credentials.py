"""The username and password the fortiflexvm provider will really use, and where each comes from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from flexcheck.credentials.locate import (
    ENV_PASSWORD,
    ENV_USERNAME,
    LEGACY_PASSWORD,
    LEGACY_USERNAME,
)
from flexcheck.secrets.secret import Secret
from flexcheck.terraform import hcl
from flexcheck.terraform.config import CredentialSetting, TfConfig, VariableResolution

State = Literal["known", "unknown", "missing"]  # unknown: cannot be told without running Terraform
Attribute = Literal["username", "password"]
CURRENT_NAMES = (ENV_USERNAME, ENV_PASSWORD)
LEGACY_NAMES = (LEGACY_USERNAME, LEGACY_PASSWORD)


def env_names(legacy: bool | None) -> tuple[str, str]:
    """The variables the provider reads: FLEXVM_ACCESS_* before 2.0.0, FORTIFLEX_ACCESS_* since."""
    return LEGACY_NAMES if legacy else CURRENT_NAMES


@dataclass(frozen=True)
class TerraformCredentials:
    """What the provider will log in with. Sources are safe to print; values never are."""

    username: str | None
    password: Secret | None
    username_source: str
    password_source: str
    username_state: State
    password_state: State
    notes: tuple[str, ...] = field(default=())
    # Where in the folder each value is written (a file name relative to it, and a line), for
    # the reports to point at; None when it comes from the environment or nowhere.
    username_at: tuple[str, int | None] | None = None
    password_at: tuple[str, int | None] | None = None


@dataclass(frozen=True)
class _Found:
    value: str | None = field(repr=False)
    source: str
    state: State
    note: str | None = None
    at: tuple[str, int | None] | None = None


def resolve(
    config: TfConfig, folder: Path, env: Mapping[str, str], *, legacy: bool | None
) -> TerraformCredentials:
    """Follow the provider's rules: a non-empty provider argument wins, else its env variable."""
    block = config.provider_credentials(env)
    user_env, password_env = env_names(legacy)
    user = _resolve(block.username, "username", user_env, folder, env)
    password = _resolve(block.password, "password", password_env, folder, env)
    notes = tuple(n for n in (user.note, password.note) if n)
    return TerraformCredentials(
        user.value,
        Secret(password.value) if password.value is not None else None,
        user.source,
        password.source,
        user.state,
        password.state,
        notes,
        user.at,
        password.at,
    )


def _at(file: str | None, line: int | None) -> str:
    if file is None:
        return "?"
    return f"{file}:{line}" if line else file


def _resolve(
    setting: CredentialSetting,
    attribute: Attribute,
    env_name: str,
    folder: Path,
    env: Mapping[str, str],
) -> _Found:
    found = _from_block(setting, attribute, folder, env)
    if found is not None and (found.state != "known" or found.value):
        return found
    # Absent, null or empty: the provider falls back to its environment variable.
    why = f" (the provider block's {attribute} is empty)" if found is not None else ""
    value = env.get(env_name, "")
    if value:
        return _Found(value, f"environment variable {env_name}{why}", "known")
    return _Found(
        None,
        f"nowhere: no {attribute} in the provider block and {env_name} is not set{why}",
        "missing",
    )


def _from_block(
    setting: CredentialSetting, attribute: Attribute, folder: Path, env: Mapping[str, str]
) -> _Found | None:
    where = _at(setting.file, setting.line)
    at = (setting.file, setting.line) if setting.file is not None else None
    if setting.kind == "absent":
        return None
    if setting.kind == "literal":
        text = setting.literal.reveal() if setting.literal is not None else setting.value
        source = f"the provider block, written literally ({where})"
        return _Found(text or "", source, "known", at=at)
    if setting.kind == "expression" or setting.resolution is None or setting.variable is None:
        using = f" using variable {setting.variable}" if setting.variable else ""
        return _Found(
            None,
            f"an expression{using} in the provider block ({where}) that flexcheck cannot evaluate",
            "unknown",
        )
    return _from_variable(setting.resolution, folder, env)


def _from_variable(resolution: VariableResolution, folder: Path, env: Mapping[str, str]) -> _Found:
    name = resolution.variable
    where = _at(resolution.file, resolution.line)
    if resolution.source == "env":
        return _Found(
            env.get(f"TF_VAR_{name}", ""), f"variable {name}, from TF_VAR_{name}", "known"
        )
    if resolution.source == "unset":
        return _Found(
            None,
            f"variable {name}, which has no value (no tfvars, TF_VAR_{name} or default)",
            "unknown",
            note=f"variable {name} has no value: Terraform will prompt for it, or stop "
            "with 'No value for required variable' when run with -input=false",
        )
    if resolution.source == "default":
        source = f"variable {name}, its default ({where})"
    else:
        source = f"variable {name}, set in {where}"
    note = None
    if not resolution.auto_loaded:
        source += f" (only with -var-file={resolution.file})"
        note = (
            f"variable {name} is set only in {resolution.file}, which Terraform reads only "
            f"with -var-file={resolution.file}"
        )
    if not resolution.literal_in_file:
        return _Found(None, source + ", built from an expression", "unknown", note)
    value = _literal_value(folder, resolution)
    if value is None:
        return _Found(None, source + ", which flexcheck could not read again", "unknown", note)
    at = (resolution.file, resolution.line) if resolution.file is not None else None
    return _Found(value, source, "known", note, at)


def _literal_value(folder: Path, resolution: VariableResolution) -> str | None:
    """Read the literal again from its file: TfConfig keeps no values, by design."""
    if resolution.file is None:
        return None
    syntax: hcl.Syntax = "json" if resolution.file.endswith(".json") else "hcl"
    try:
        document = hcl.parse((folder / resolution.file).read_bytes(), syntax)
    except (OSError, hcl.HclSyntaxError):
        return None
    if resolution.source == "tfvars":
        raw = document.attributes.get(resolution.variable)
    else:
        block = next(
            (
                b
                for b in document.blocks
                if b.type == "variable" and b.labels == (resolution.variable,)
            ),
            None,
        )
        raw = block.body.get("default") if block is not None else None
    value = hcl.classify(raw, document.syntax)
    return value.text if value.kind == "literal" else None
