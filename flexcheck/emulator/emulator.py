"""The emulator's public face: start and stop it, script its faults, inspect what it saw."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterable
from types import TracebackType

from flexcheck.emulator.faults import FaultQueue
from flexcheck.emulator.handlers import API_PREFIX, LOGIN_PATH, REVOKE_PATH, Policy
from flexcheck.emulator.recording import Recorder
from flexcheck.emulator.records import ACCOUNT_ID, EntitlementStatus, TokenStatus
from flexcheck.emulator.server import Server
from flexcheck.emulator.state import SEED_PROGRAM, State
from flexcheck.emulator.values import EmulatedUser, Fault, RecordedRequest


class Emulator:
    """FortiCloud's auth host and the FortiFlex v2 API, served on a loopback port."""

    def __init__(
        self,
        users: Iterable[EmulatedUser] = (),
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
        latency: float = 0.0,
        clock_offset: float = 0.0,
        token_lifetime: int = 14400,
        seed_data: bool = True,
        bad_token_http_status: int = 401,
        denied_http_status: int = 403,
        login_reject_http_status: int = 401,
        validate_first: bool = False,
    ) -> None:
        self.host = host
        self.latency = latency  # seconds slept before each answer; settable while running
        self.clock_offset = clock_offset  # seconds added to every Date header
        self.ssl_context = ssl_context
        self.state = State(token_lifetime)
        self.policy = Policy(
            bad_token_http_status, denied_http_status, login_reject_http_status, validate_first
        )
        self.faults = FaultQueue()
        self.recorder = Recorder()
        self._wanted_port = port
        self._stopping = threading.Event()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        if seed_data:
            self.state.seed()
        for user in users:
            self.add_user(user)

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> Emulator:
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        self._stopping.clear()
        self._server = Server((self.host, self._wanted_port), self)
        self._thread = threading.Thread(
            target=self._server.serve,
            name=f"flexcheck-emulator:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes handlers sleeping in latency or a hang
        server.stop_serving()
        server.server_close()
        server.cut_connections()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def pause(self, seconds: float | None) -> bool:
        """Sleep, cut short by stop(); None waits for stop(). False once the emulator stops."""
        if seconds is not None and seconds <= 0:
            return not self._stopping.is_set()
        return not self._stopping.wait(seconds)

    # -- addresses -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("start the emulator first: the port is chosen when it starts")
        return self._server.server_port

    @property
    def base_url(self) -> str:
        scheme = "https" if self.ssl_context is not None else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    @property
    def auth_url(self) -> str:
        return self.base_url + LOGIN_PATH

    @property
    def revoke_url(self) -> str:
        return self.base_url + REVOKE_PATH

    @property
    def api_url(self) -> str:
        return self.base_url + API_PREFIX

    # -- scripting and inspection ----------------------------------------------------------

    def add_user(self, user: EmulatedUser) -> None:
        self.state.add_user(user)

    def add_fault(self, fault: Fault) -> None:
        self.faults.add(fault)

    def pending_faults(self) -> int:
        """Faults added and not yet used up."""
        return len(self.faults)

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.recorder.snapshot()

    def clear_requests(self) -> None:
        self.recorder.clear()

    def state_digest(self) -> str:
        return self.state.digest()

    def add_program(
        self,
        serial_number: str,
        *,
        account_id: int = ACCOUNT_ID,
        start_date: str | None = None,
        end_date: str | None = None,
        has_support_coverage: bool = True,
    ) -> None:
        self.state.add_program(
            serial_number,
            account_id=account_id,
            start_date=start_date,
            end_date=end_date,
            has_support_coverage=has_support_coverage,
        )

    def add_config(
        self,
        id: int,
        name: str,
        program_serial: str = SEED_PROGRAM,
        status: str = "ACTIVE",
        *,
        product_type_id: int = 1,
    ) -> None:
        self.state.add_config(
            id, name, program_serial, status=status, product_type_id=product_type_id
        )

    def add_entitlement(
        self,
        config_id: int,
        *,
        serial_number: str | None = None,
        status: str = EntitlementStatus.ACTIVE,
        token_status: str = TokenStatus.NOTUSED,
    ) -> str:
        """Adds an entitlement and returns its serial number."""
        entitlement = self.state.add_entitlement(
            config_id, serial_number=serial_number, status=status, token_status=token_status
        )
        return entitlement.serial_number

    def use_vm_token(self, serial_number: str) -> None:
        """A VM was licensed with the entitlement's token: PENDING becomes ACTIVE, token USED."""
        with self.state.lock:
            entitlement = self.state.entitlements[serial_number]
            entitlement.token_status = TokenStatus.USED
            if entitlement.status == EntitlementStatus.PENDING:
                entitlement.status = EntitlementStatus.ACTIVE

    def reset_password(self, username: str) -> str:
        """ "Download Credentials" again: a new password; the old one stops working."""
        return self.state.reset_password(username)

    def issued_tokens(self) -> int:
        with self.state.lock:
            return len(self.state.tokens)

    def active_tokens(self) -> int:
        return self.state.active_tokens()

    def expire_tokens(self) -> None:
        """Every token issued so far expires now, as if token_lifetime had passed."""
        self.state.expire_tokens()
