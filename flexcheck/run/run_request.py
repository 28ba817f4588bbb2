"""From what a command line asked for to the run's Options: the one place inputs are validated.

`check` and `bundle` take the same inputs; both turn them into Options here, so a rule (the URL
policy, a missing file, a bad plan) cannot hold for one command and be forgotten in the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flexcheck.core.context import Need, Options
from flexcheck.core.selection import SkipRequest
from flexcheck.credentials.locate import discover
from flexcheck.errors import UsageError
from flexcheck.secrets import password_input

if TYPE_CHECKING:
    from flexcheck.run.config import Config
    from flexcheck.terraform.plan import Plan


@dataclass(frozen=True)
class RunRequest:
    """The run-shaping options shared by the commands that run the checks."""

    credentials: Path | None
    zip_password_file: str | None
    plan: Path | None
    tf_dir: Path | None
    require: Need | None
    auth_url: str
    api_url: str
    ca_bundle: Path | None
    offline: bool
    skip: Sequence[str]
    no_write_probe: bool
    allow_insecure_url: bool = False


@dataclass(frozen=True)
class PreparedRun:
    options: Options
    skips: list[str | SkipRequest]
    credential_file: Path | None  # the one named or discovered, for reports of where it came from
    warnings: tuple[str, ...]  # to print before the run (an insecure URL accepted on request)


def prepare(request: RunRequest, config: Config, env: Mapping[str, str], cwd: Path) -> PreparedRun:
    """Validate every input named on the command line; raises UsageError (exit 2) otherwise."""
    warnings = _check_urls(request)
    tf_dir = request.tf_dir or config.tf_dir
    _existing(request.credentials, "--credentials")
    _existing(request.ca_bundle, "--ca-bundle")
    if tf_dir is not None and not tf_dir.is_dir():
        raise UsageError(f"--tf-dir {tf_dir}: no such folder")
    plan_document = read_plan(_existing(request.plan, "--plan"))
    target = request.credentials or next(iter(discover(cwd)), None)
    zip_password = password_input.resolve(
        request.zip_password_file, env, may_prompt=_looks_like_zip(target)
    )
    options = Options(
        credentials=request.credentials,
        zip_password=zip_password,
        plan=request.plan,
        plan_document=plan_document,
        tf_dir=tf_dir,
        require=request.require or (Need(config.require) if config.require else None),
        auth_url=request.auth_url,
        api_url=request.api_url,
        ca_bundle=request.ca_bundle,
        offline=request.offline or bool(config.offline),
        write_probe=not request.no_write_probe,
        cwd=cwd,
    )
    skips: list[str | SkipRequest] = list(request.skip)
    skips += [SkipRequest(p, f"{config.source}:") for p in config.skip]
    return PreparedRun(options, skips, target, warnings)


def read_plan(path: Path | None, label: str = "--plan") -> Plan | None:
    """The plan as JSON from `terraform show -json`; anything else is a usage error."""
    if path is None:
        return None
    from flexcheck.terraform.plan import PlanError
    from flexcheck.terraform.plan import read_plan as parse_plan

    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{label} {path} cannot be read: {error.strerror or error}") from None
    try:
        return parse_plan(data, path.name)
    except PlanError as error:
        raise UsageError(f"{label} {path}: {error.message}") from None


def _existing(path: Path | None, option: str) -> Path | None:
    if path is not None and not path.exists():
        raise UsageError(f"{option} {path}: no such file")
    return path


def _check_urls(request: RunRequest) -> tuple[str, ...]:
    from flexcheck.forticloud.url_policy import check_url

    found = (
        check_url(value, option, allow_insecure=request.allow_insecure_url)
        for value, option in ((request.auth_url, "--auth-url"), (request.api_url, "--api-url"))
    )
    return tuple(warning for warning in found if warning)


def _looks_like_zip(path: Path | None) -> bool:
    """Only an encrypted download is worth a password prompt."""
    if path is None:
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(2) == b"PK"
    except OSError:
        return False


def check_outputs(outputs: Sequence[tuple[str, Path]], cwd: Path) -> list[str]:
    """Before any check runs: two reports into one file is a mistake, and so is a path whose
    folder is missing two levels deep (a typo). One missing folder (`reports/`) is made, and
    said: the notes returned."""
    seen: dict[Path, str] = {}
    notes = []
    for fmt, path in outputs:
        where = (cwd / path).resolve()
        if where in seen:
            raise UsageError(
                f"--output {fmt}={path} and --output {seen[where]}={path} name the same file: "
                "one would overwrite the other. Give each report its own path."
            )
        seen[where] = fmt
        if where.parent.is_dir():
            continue
        if not where.parent.parent.is_dir():
            raise UsageError(
                f"--output {fmt}={path}: the folder {path.parent} does not exist, nor the one "
                f"above it. Create it first (mkdir -p {path.parent}), or check the path for a typo."
            )
        try:
            where.parent.mkdir()
        except OSError as error:
            raise UsageError(
                f"--output {fmt}={path}: cannot create {path.parent}: {error.strerror}"
            ) from None
        notes.append(f"created the folder {path.parent} for --output {fmt}={path}")
    return notes
