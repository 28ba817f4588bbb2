"""The emulated FortiCloud account: users, tokens, programs, configs and entitlements."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import secrets
import threading
import time
from datetime import UTC, datetime, timedelta

from flexcheck.emulator.records import (
    ACCOUNT_ID,
    Config,
    Entitlement,
    IssuedToken,
    Program,
    TokenStatus,
    fortiflex_date,
    new_password,
    new_vm_token,
)
from flexcheck.emulator.values import EmulatedUser

SEED_PROGRAM = "ELAVMR0000000001"

Snapshot = tuple[dict[str, Program], dict[int, Config], dict[str, Entitlement], int]


class State:
    """Everything the emulator serves. Callers hold `lock` around any read-modify-write."""

    def __init__(self, token_lifetime: int) -> None:
        self.lock = threading.RLock()
        self.token_lifetime = token_lifetime
        self.users: dict[str, EmulatedUser] = {}
        self.programs: dict[str, Program] = {}
        self.configs: dict[int, Config] = {}
        self.entitlements: dict[str, Entitlement] = {}
        self.tokens: dict[str, IssuedToken] = {}
        self._serial_counter = 0

    # -- account objects ---------------------------------------------------------------

    def seed(self) -> None:
        with self.lock:
            self.add_program(SEED_PROGRAM)
            self.add_config(101, "web-fgt", SEED_PROGRAM)
            self.add_config(102, "old-fgt", SEED_PROGRAM, status="DISABLED")
            self.add_entitlement(101)
            self.add_entitlement(101, token_status=TokenStatus.USED)

    def add_program(
        self,
        serial_number: str,
        *,
        account_id: int = ACCOUNT_ID,
        start_date: str | None = None,
        end_date: str | None = None,
        has_support_coverage: bool = True,
    ) -> Program:
        now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        program = Program(
            serial_number,
            account_id,
            start_date or fortiflex_date(now - timedelta(days=365)),
            end_date or fortiflex_date(now + timedelta(days=730)),
            has_support_coverage,
        )
        with self.lock:
            self.programs[serial_number] = program
        return program

    def add_config(
        self,
        id: int,
        name: str,
        program_serial: str,
        *,
        status: str = "ACTIVE",
        product_type_id: int = 1,
    ) -> Config:
        if status not in ("ACTIVE", "DISABLED"):
            raise ValueError(f"config status must be ACTIVE or DISABLED, not {status!r}")
        with self.lock:
            program = self.programs.get(program_serial)
            if program is None:
                raise ValueError(f"no program {program_serial!r}: add_program it first")
            config = Config(id, name, program_serial, program.account_id, product_type_id, status)
            self.configs[id] = config
        return config

    def add_entitlement(
        self,
        config_id: int,
        *,
        serial_number: str | None = None,
        status: str = "ACTIVE",
        token_status: str = TokenStatus.NOTUSED,
        end_date: str | None = None,
        description: str = "",
        with_token: bool = True,
    ) -> Entitlement:
        with self.lock:
            config = self.configs.get(config_id)
            if config is None:
                raise ValueError(f"no config {config_id}: add_config it first")
            program = self.programs[config.program_serial]
            self._serial_counter += 1
            entitlement = Entitlement(
                serial_number or f"FGVMMLTM{self._serial_counter:08d}",
                config_id,
                config.account_id,
                description,
                fortiflex_date(datetime.now(UTC).replace(microsecond=0)),
                end_date or program.end_date,
                status,
                new_vm_token() if with_token else "",
                token_status if with_token else TokenStatus.NONE,
            )
            self.entitlements[entitlement.serial_number] = entitlement
        return entitlement

    def snapshot(self) -> Snapshot:
        """Everything a write can change, to put back with `restore` (a rehearsed write)."""
        with self.lock:
            kept = (self.programs, self.configs, self.entitlements, self._serial_counter)
            return copy.deepcopy(kept)

    def restore(self, snapshot: Snapshot) -> None:
        with self.lock:
            self.programs, self.configs, self.entitlements, self._serial_counter = snapshot

    def next_config_id(self) -> int:
        with self.lock:
            return max(self.configs, default=100) + 1

    # -- users and tokens --------------------------------------------------------------

    def add_user(self, user: EmulatedUser) -> None:
        with self.lock:
            self.users[user.username] = user

    def check_password(self, username: str, password: str) -> EmulatedUser | None:
        with self.lock:
            user = self.users.get(username)
        # Compare even for unknown users, so timing does not tell which user ids exist.
        expected = user.password if user else secrets.token_hex(18)
        if hmac.compare_digest(expected.encode(), password.encode()) and user:
            return user
        return None

    def reset_password(self, username: str) -> str:
        with self.lock:
            user = self.users[username]
            user.password = new_password()
            return user.password

    def issue_token(self, username: str) -> tuple[str, str]:
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        with self.lock:
            deadline = time.monotonic() + self.token_lifetime
            self.tokens[access] = IssuedToken(username, deadline, refresh)
        return access, refresh

    def valid_user(self, token: str | None) -> EmulatedUser | None:
        """The user a token acts for, or None when it is unknown, revoked or expired."""
        with self.lock:
            issued = self.tokens.get(token or "")
            if issued is None or issued.revoked or issued.expires_at <= time.monotonic():
                return None
            return self.users.get(issued.username)

    def token_owner(self, token: str | None) -> str | None:
        """Whoever a token was issued to, valid or not: for the request log."""
        with self.lock:
            issued = self.tokens.get(token or "")
            return issued.username if issued else None

    def revoke(self, token: str) -> None:
        with self.lock:
            for access, issued in self.tokens.items():
                if token in (access, issued.refresh_token):
                    issued.revoked = True

    def expire_tokens(self) -> None:
        with self.lock:
            for issued in self.tokens.values():
                issued.expires_at = 0.0

    def active_tokens(self) -> int:
        with self.lock:
            return sum(1 for token in self.tokens if self.valid_user(token) is not None)

    # -- fingerprint -------------------------------------------------------------------

    def digest(self) -> str:
        """sha256 over everything a FortiFlex write could change; tokens are not included."""
        with self.lock:
            snapshot = {
                "users": sorted(
                    (u.username, u.password, str(u.access)) for u in self.users.values()
                ),
                "programs": [self.programs[k].as_json() for k in sorted(self.programs)],
                "configs": [self.configs[k].as_json() for k in sorted(self.configs)],
                "entitlements": [self.entitlements[k].as_json() for k in sorted(self.entitlements)],
            }
        encoded = json.dumps(snapshot, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(encoded).hexdigest()
