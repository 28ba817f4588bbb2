"""A canary world for subprocess runs: known secrets, a FortiCloud emulator, a sealed folder.

Every secret here starts with CANARY so that a leak is easy to find, and holds characters that
URL-encoding and base64 change, so that the encoded forms are distinct strings worth looking for.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus

from flexcheck.credentials.fixtures import generate_api_id, write_credential_zip
from flexcheck.emulator import Access, EmulatedUser, Emulator
from flexcheck.emulator.demo_world import demo_plan
from tests.runtime import FLEXCHECK

API_PASSWORD = "CANARY+api/pw=0f3a&b%c!1Aa"
ZIP_PASSWORD = "CANARY zip/pw+Q7=?"
WRONG_ZIP_PASSWORD = "CANARY-wrong/zip+pw"
ENV_PASSWORD = "CANARY-env/pw+from-ci"
PROXY_PASSWORD = "CANARYproxyPW77"
STALE_NEW_PASSWORD_MARK = "new password set by the emulator"

# Variables a CI job typically has set; flexcheck must never echo any of their values.
SECRET_ENV = {
    "FORTIFLEX_ACCESS_USERNAME": "CANARY-env-user-0000",
    "FORTIFLEX_ACCESS_PASSWORD": ENV_PASSWORD,
    "FLEXVM_ACCESS_PASSWORD": ENV_PASSWORD + "-legacy",
    "FLEXCHECK_ZIP_PASSWORD": ZIP_PASSWORD,
    "HTTPS_PROXY": f"http://proxyuser:{PROXY_PASSWORD}@127.0.0.1:9",
    "HTTP_PROXY": f"http://proxyuser:{PROXY_PASSWORD}@127.0.0.1:9",
    "NO_PROXY": "127.0.0.1,localhost",
}

# A check pack that crashes inside a check while holding every secret, in many forms, in its
# exception message and its local variables. Registered through a real entry point.
CRASH_PACK = textwrap.dedent(
    '''
    """Test-only checks that crash with secrets in hand."""
    import base64
    from urllib.parse import quote

    from checks.api_login import ApiLogin
    from flexcheck.credentials import read_credential_file
    from flexcheck.core.model import Check


    def _every_form(value):
        raw = value.encode()
        return (
            f"{value} {quote(value, safe='')} {base64.b64encode(raw).decode()} "
            f"https://user:{value}@proxy.example:3128/ Authorization: Bearer {value}"
        )


    class CanaryCrashEarly(Check):
        id = "canary-crash-early"
        title = "Crashes before any request, holding the zip and API passwords"
        order = 15

        def run(self, ctx, deps):
            zip_password = ctx.options.zip_password.reveal()
            found = [zip_password]
            path = ctx.options.credentials
            try:
                readout = read_credential_file(
                    path.read_bytes(), path.name, ctx.options.zip_password
                )
                found.append(readout.credentials.password.reveal())
            except Exception:
                pass
            raise RuntimeError("forced crash: " + " | ".join(_every_form(v) for v in found))


    class CanaryCrashLate(Check):
        id = "canary-crash-late"
        title = "Crashes after login, holding the token"
        requires = (ApiLogin,)
        network = True
        order = 45

        def run(self, ctx, deps):
            session = deps[ApiLogin]
            token = session.token.access.reveal()
            password = session.credentials.password.reveal()
            raise ValueError("forced crash: " + _every_form(token) + _every_form(password))
    '''
)


def secret_forms(value: str) -> set[str]:
    """The forms a secret could leak in, computed here independently of flexcheck.secrets.redact."""
    raw = value.encode()
    b64 = base64.b64encode(raw).decode()
    return {
        value,
        quote(value, safe=""),
        quote_plus(value),
        b64,
        b64.rstrip("="),
        base64.urlsafe_b64encode(raw).decode(),
        json.dumps(value)[1:-1],
    }


@dataclass
class World:
    """One run's folders: `inputs` holds what the user gave, `home` is everything else."""

    root: Path
    emulator: Emulator
    api_id: str = field(default_factory=generate_api_id)
    zip_password_given: str = ZIP_PASSWORD

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def credentials(self) -> Path:
        return self.inputs / f"API_Credential_{self.api_id[:8]}.zip"

    def build(self, access: Access = Access.READ_WRITE) -> World:
        self.inputs.mkdir(parents=True)
        self.home.mkdir()
        self.emulator.add_user(EmulatedUser(self.api_id, API_PASSWORD, access))
        self.credentials.write_bytes(write_credential_zip(self.api_id, API_PASSWORD, ZIP_PASSWORD))
        (self.inputs / "plan.json").write_text(json.dumps(demo_plan()), encoding="utf-8")
        return self

    def write_password_file(self) -> Path:
        path = self.inputs / "zip-password"
        path.write_text(self.zip_password_given + "\n", encoding="utf-8")
        return path

    def check_args(self) -> list[str]:
        return [
            "check",
            "--credentials",
            str(self.credentials),
            "--zip-password-file",
            str(self.write_password_file()),
            "--plan",
            str(self.inputs / "plan.json"),
            "--auth-url",
            self.emulator.auth_url,
            "--api-url",
            self.emulator.api_url,
        ]

    def env(self, crash_pack: bool = False) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "TMPDIR": str(self.home),
            "COLUMNS": "200",
            "PYTHONDONTWRITEBYTECODE": "1",
            **SECRET_ENV,
        }
        if crash_pack:
            pack = self.root / "pack"
            if not pack.exists():
                install_crash_pack(pack)
            env["PYTHONPATH"] = str(pack)
        return env

    def secrets(self) -> set[str]:
        """Every secret value this world holds, including tokens the emulator issued."""
        values = {API_PASSWORD, ZIP_PASSWORD, self.zip_password_given, PROXY_PASSWORD}
        values |= {v for k, v in SECRET_ENV.items() if "PASSWORD" in k}
        with self.emulator.state.lock:
            values |= {u.password for u in self.emulator.state.users.values()}
            for access, issued in self.emulator.state.tokens.items():
                values |= {access, issued.refresh_token}
        return values

    def leaks(self, *outputs: bytes) -> list[str]:
        """Each secret form found in the outputs or in any file under `home`, named."""
        written = [p for p in self.home.rglob("*") if p.is_file()]
        blobs = [("output", data) for data in outputs]
        blobs += [(str(p.relative_to(self.root)), p.read_bytes()) for p in written]
        found = []
        for value in self.secrets():
            for form in secret_forms(value):
                for where, data in blobs:
                    if form.encode() in data:
                        found.append(f"{form!r} (a form of a secret) in {where}")
        return found


def install_crash_pack(folder: Path) -> None:
    """A check pack on PYTHONPATH with a dist-info, so importlib.metadata finds its entry points."""
    folder.mkdir(parents=True)
    (folder / "canary_pack.py").write_text(CRASH_PACK, encoding="utf-8")
    info = folder / "canary_pack-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: canary-pack\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[flexcheck.checks]\n"
        "canary-crash-early = canary_pack:CanaryCrashEarly\n"
        "canary-crash-late = canary_pack:CanaryCrashLate\n",
        encoding="utf-8",
    )


def run_flexcheck(
    args: list[str], env: dict[str, str], cwd: Path, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*FLEXCHECK, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
