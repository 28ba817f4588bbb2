"""What a support bundle holds, and the encrypted zip that carries it. Nothing is uploaded."""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flexcheck import __version__
from flexcheck.core.memo import RunMemo
from flexcheck.core.runner import RunResult
from flexcheck.errors import UsageError
from flexcheck.report import json_report
from flexcheck.secrets import redact
from flexcheck.secrets.secret import Secret

MASK = "***"
# Raised when a reader of older bundles could no longer read a new one; `flexcheck inspect`
# refuses a bundle whose version is higher than the one it knows.
BUNDLE_SCHEMA_VERSION = 1
LIBRARIES = ("httpx", "pyzipper", "typer", "rich", "python-hcl2", "truststore")
# Variables that change what flexcheck or Terraform does; only their names go in the bundle.
_PREFIXES = ("FORTIFLEX_", "FLEXVM_", "FLEXCHECK_", "TF_")
_NAMED = {
    "HTTP_PROXY": "proxy for http URLs",
    "HTTPS_PROXY": "proxy for https URLs",
    "ALL_PROXY": "proxy for every URL",
    "NO_PROXY": "hosts that bypass the proxy",
    "SSL_CERT_FILE": "CA certificates trusted instead of the system store",
    "SSL_CERT_DIR": "CA certificate folder trusted instead of the system store",
    "REQUESTS_CA_BUNDLE": "CA bundle for Python requests (not read by flexcheck)",
    "CURL_CA_BUNDLE": "CA bundle for curl (not read by flexcheck)",
    "CI": "running in CI",
    "GITHUB_ACTIONS": "running in GitHub Actions",
    "GITLAB_CI": "running in GitLab CI",
}
WITHHELD = (
    "values of environment variables (only their names are listed)",
    "request and response bodies and headers (never recorded)",
    "query strings of request URLs",
    "the API password, the zip password and the access token (each replaced by ***, also "
    "URL-encoded and base64 forms)",
    "user:password@ in URLs and Bearer tokens (replaced by ***)",
    "API user ids (shown shortened, e.g. 1B3C…3456)",
)


@dataclass(frozen=True)
class Inputs:
    """Where each input of the run came from: option, environment, discovery, config, prompt."""

    credentials: str
    zip_password: str
    plan: str
    config: str


def environment(env: Mapping[str, str]) -> list[dict[str, str]]:
    names = sorted(n for n in env if n.upper().startswith(_PREFIXES) or n.upper() in _NAMED)
    return [
        {
            "name": name,
            "from": "process environment",
            "meaning": _NAMED.get(name.upper(), "read by flexcheck or by Terraform"),
        }
        for name in names
    ]


def requests(run: RunResult) -> list[dict[str, Any]]:
    listed = []
    for record in run.requests:
        parts = urlsplit(record.url)
        listed.append(
            {
                "method": record.method,
                "host": parts.hostname or "",
                "path": parts.path,
                "status": record.status,
                "duration_ms": record.duration_ms,
                "error": record.error,
            }
        )
    return listed


def versions(tf_dir: Path, memo: RunMemo | None = None) -> dict[str, Any]:
    libraries: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libraries[name] = None
    return {
        "flexcheck": __version__,
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "os": platform.platform(),
        "machine": platform.machine(),
        "libraries": libraries,
        "terraform_provider": _provider(tf_dir, memo or RunMemo()),
    }


def _provider(tf_dir: Path, memo: RunMemo) -> dict[str, Any] | None:
    from flexcheck.terraform.workspace import provider_version_in

    try:
        found = provider_version_in(memo, tf_dir)  # the run's own reading, when it made one
    except Exception:  # a broken Terraform folder must not cost the user the bundle
        return {"error": "the Terraform files in the folder could not be read"}
    if found is None:
        return None
    return {"version": found.version, "constraint": found.constraint, "from": found.source_file}


def contents(
    run: RunResult,
    document: dict[str, Any],
    env: Mapping[str, str],
    tf_dir: Path,
    inputs: Inputs,
    memo: RunMemo | None = None,
) -> dict[str, str]:
    """Every file of the bundle, name to text: the exact bytes `--preview` shows.

    `memo` is the run's: what its checks read of the Terraform folder is not read again."""
    files = {
        "report.json": json_report.render_document(document),
        "requests.json": _json(requests(run)),
        "versions.json": _json(
            {
                "bundle_schema_version": BUNDLE_SCHEMA_VERSION,
                "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
                **versions(tf_dir, memo),
            }
        ),
        "environment.json": _json(
            {
                "inputs": {
                    "credentials": inputs.credentials,
                    "zip_password": inputs.zip_password,
                    "plan": inputs.plan,
                    "config_file": inputs.config,
                },
                "variables": environment(env),
            }
        ),
    }
    files = {name: redact.scrub(text) for name, text in files.items()}
    manifest = {
        "masked": {name: text.count(MASK) for name, text in files.items()},
        "withheld": list(WITHHELD),
        "note": "Every file passed through flexcheck's redaction layer; 'masked' counts the *** "
        "left in each.",
    }
    files["redactions.json"] = _json(manifest)
    files["README.txt"] = (
        "flexcheck support bundle\n\n"
        "Made on this machine by `flexcheck bundle`; nothing was uploaded anywhere.\n"
        "report.json       the full check report (JSON schema version 1)\n"
        "requests.json     every HTTP request: method, host, path, status, time (no bodies, no "
        "headers)\n"
        "versions.json     when it was made, the bundle schema version, flexcheck, Python, OS "
        "and the fortiflexvm provider from the lock file\n"
        "environment.json  where each input came from, and the names (never values) of the "
        "relevant environment variables\n"
        "redactions.json   what was masked or withheld\n"
    )
    return files


def write(path: Path, files: Mapping[str, str], password: Secret) -> None:
    """An AES-256 zip, written whole or not at all, readable by its owner only."""
    from flexcheck.credentials.aes_zip import pyzipper

    folder = path.parent if str(path.parent) else Path()
    handle, temporary = tempfile.mkstemp(prefix=".flexcheck-bundle-", dir=folder)
    os.close(handle)
    try:
        with pyzipper.AESZipFile(
            temporary, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
        ) as archive:
            archive.setpassword(password.reveal().encode("utf-8"))
            archive.setencryption(pyzipper.WZ_AES, nbits=256)
            for name, text in files.items():
                archive.writestr(name, text.encode("utf-8"))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(
            f"the bundle {path} cannot be written: {error.strerror or error}"
        ) from None


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
