"""A throw-away fleet for tests, the benchmark and trying fleet mode: users, zips and a manifest."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from flexcheck.credentials.fixtures import (
    generate_api_id,
    generate_api_password,
    write_credential_zip,
)
from flexcheck.emulator import Access, EmulatedUser, Emulator


class Kind(StrEnum):
    HEALTHY = "healthy"  # ReadWrite user, needs write: ready
    READ_ONLY = "read-only"  # ReadOnly user whose entry needs write: not ready
    WRONG_ZIP_PASSWORD = "other-zip-pw"  # the password file holds another password
    MISSING_FILE = "missing-file"  # the credential zip named in the manifest does not exist
    FROM_ENV = "from-env"  # credentials in variables named by the manifest


@dataclass(frozen=True)
class SampleEntry:
    name: str
    kind: Kind
    username: str


def write_sample_fleet(
    folder: Path, emulator: Emulator, kinds: list[Kind]
) -> tuple[Path, dict[str, str], list[SampleEntry]]:
    """Write the manifest; returns it, the variables FROM_ENV entries need, and the entries."""
    env: dict[str, str] = {}
    blocks: list[str] = []
    made: list[SampleEntry] = []
    for number, kind in enumerate(kinds, start=1):
        # Plain words only: other tests in the same process register "wrong" as a secret.
        name = f"customer-{number:03d}-{kind}"
        api_id, api_password = generate_api_id(), generate_api_password()
        access = Access.READ_ONLY if kind is Kind.READ_ONLY else Access.READ_WRITE
        emulator.add_user(EmulatedUser(api_id, api_password, access))
        made.append(SampleEntry(name, kind, api_id))
        if kind is Kind.FROM_ENV:
            prefix = f"CUSTOMER_{number:03d}"
            env[f"{prefix}_USER"], env[f"{prefix}_PASSWORD"] = api_id, api_password
            blocks.append(
                f'[[entry]]\nname = "{name}"\nusername_env = "{prefix}_USER"\n'
                f'password_env = "{prefix}_PASSWORD"\nrequire = "read"\n'
            )
            continue
        zip_password = secrets.token_urlsafe(12)
        archive = folder / f"{name}.zip"
        if kind is not Kind.MISSING_FILE:
            archive.write_bytes(write_credential_zip(api_id, api_password, zip_password))
            archive.chmod(0o600)
        given = secrets.token_urlsafe(12) if kind is Kind.WRONG_ZIP_PASSWORD else zip_password
        password_file = folder / f"{name}.zip-password"
        password_file.write_text(given + "\n", encoding="utf-8")
        blocks.append(
            f'[[entry]]\nname = "{name}"\ncredentials = "{archive.name}"\n'
            f'zip_password_file = "{password_file.name}"\nrequire = "write"\n'
        )
    manifest = folder / "fleet.toml"
    manifest.write_text("\n".join(blocks), encoding="utf-8")
    return manifest, env, made
