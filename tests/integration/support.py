"""A throw-away FortiFlex world for end-to-end tests: emulator, zip, flexcheck process."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flexcheck.credentials.archive import Protection
from flexcheck.credentials.fixtures import generate_api_id, write_credential_zip
from flexcheck.emulator import Access, EmulatedUser, Emulator
from flexcheck.emulator.demo_world import demo_plan
from tests.runtime import FLEXCHECK

_PASSTHROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "SYSTEMROOT", "TMPDIR")


def canary(kind: str) -> str:
    """A unique value that can be searched for in every byte flexcheck writes."""
    return f"CANARY{kind}{uuid.uuid4().hex}!1Aa"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.stdout)
        return document

    def status(self, check_id: str) -> str:
        return next(str(c["status"]) for c in self.report["checks"] if c["id"] == check_id)

    def check(self, check_id: str) -> dict[str, Any]:
        return next(c for c in self.report["checks"] if c["id"] == check_id)


@dataclass
class World:
    folder: Path
    emulator: Emulator
    api_id: str = field(default_factory=generate_api_id)
    api_password: str = field(default_factory=lambda: canary("api"))
    zip_password: str = field(default_factory=lambda: canary("zip"))
    extra_env: dict[str, str] = field(default_factory=dict)

    def add_user(self, access: Access = Access.READ_WRITE) -> None:
        self.emulator.add_user(EmulatedUser(self.api_id, self.api_password, access))

    def write_zip(
        self,
        data: bytes | None = None,
        *,
        name: str = "API_Credential_test.zip",
        protection: Protection = Protection.AES,
    ) -> Path:
        path = self.folder / name
        path.write_bytes(
            data
            if data is not None
            else write_credential_zip(
                self.api_id, self.api_password, self.zip_password, protection=protection
            )
        )
        path.chmod(0o600)
        return path

    def write_zip_password(self, value: str | None = None) -> Path:
        path = self.folder / "zip-password.txt"
        path.write_text((self.zip_password if value is None else value) + "\n", encoding="utf-8")
        return path

    def write_plan(self, plan: dict[str, Any] | None = None) -> Path:
        path = self.folder / "plan.json"
        path.write_text(json.dumps(plan or demo_plan()), encoding="utf-8")
        return path

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k in _PASSTHROUGH}
        env.update(
            {
                "FLEXCHECK_AUTH_URL": self.emulator.auth_url,
                "FLEXCHECK_API_URL": self.emulator.api_url,
                "COLUMNS": "200",
            }
        )
        env.update(self.extra_env)
        return env

    def flexcheck(
        self,
        *args: str,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Run:
        done = subprocess.run(
            [*FLEXCHECK, *args],
            cwd=self.folder,
            env=env or self.env(),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    def check_json(self, *args: str, **kwargs: Any) -> Run:
        return self.flexcheck("check", "--format", "json", *args, **kwargs)

    def secrets(self) -> tuple[str, ...]:
        return (self.api_password, self.zip_password)
