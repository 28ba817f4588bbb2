"""Runs every manifest entry through the normal pipeline, a bounded number at a time.

Each entry is one ordinary run (its own HTTP client, its own token, its own revoke), so fleet mode
checks exactly what `flexcheck check` would. An entry that cannot even start (a missing password
file, an unset variable, an unreadable plan) or that crashes becomes that entry's result; the
other entries carry on. Results are handed to the caller as they finish and not kept here, so
memory does not grow with the number of entries.
"""

from __future__ import annotations

import queue
import ssl
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from flexcheck.core.context import Options
from flexcheck.core.model import CheckOutcome, Status
from flexcheck.core.registry import CheckType
from flexcheck.core.runner import RunResult
from flexcheck.core.selection import SkipRequest
from flexcheck.core.verdict import ExitCode, exit_code
from flexcheck.credentials.locate import ENV_PASSWORD, ENV_USERNAME
from flexcheck.errors import UsageError
from flexcheck.fleet import DEFAULT_JOBS
from flexcheck.fleet.manifest import Entry
from flexcheck.fleet.pacing import Pacers
from flexcheck.forticloud.api import DEFAULT_API_URL, DEFAULT_AUTH_URL
from flexcheck.run.run_request import read_plan
from flexcheck.secrets import redact
from flexcheck.secrets.secret import Secret

# The process's own credentials must not stand in for an entry that names other ones.
_PRIVATE_PREFIXES = ("FORTIFLEX_", "FLEXVM_", "FLEXCHECK_")
_SEVERITY = {Status.FAIL: 5, Status.TIMEOUT: 4, Status.ERROR: 3, Status.WARN: 2, Status.PASS: 1}
_CODE_RANK = {ExitCode.FAILED: 3, ExitCode.UNREACHABLE: 2, ExitCode.CRASHED: 1}


@dataclass(frozen=True)
class FleetOptions:
    """What applies to every entry alike."""

    auth_url: str = DEFAULT_AUTH_URL
    api_url: str = DEFAULT_API_URL
    ca_bundle: Path | None = None
    offline: bool = False
    write_probe: bool = True
    jobs: int = DEFAULT_JOBS
    trust_env: bool = True


@dataclass(frozen=True)
class EntryResult:
    name: str
    run: RunResult
    code: ExitCode
    duration_ms: int
    is_hosts: bool = False  # the fleet's own row of host-level checks, not a manifest entry

    @property
    def worst_status(self) -> Status:
        ranked = [o.status for o in self.run.outcomes if o.status in _SEVERITY]
        return max(ranked, key=_SEVERITY.__getitem__, default=Status.SKIP)

    @property
    def failing(self) -> tuple[str, ...]:
        bad = (Status.FAIL, Status.TIMEOUT, Status.ERROR)
        return tuple(o.id for o in self.run.outcomes if o.status in bad)


@dataclass
class FleetTally:
    """All that is kept across entries: counts and the worst exit code."""

    entries: int = 0
    by_code: dict[ExitCode, int] = field(default_factory=dict)
    code: ExitCode = ExitCode.OK
    hosts: EntryResult | None = None  # the host-level checks, run once for every entry

    def add(self, result: EntryResult) -> None:
        self.entries += 1
        self.by_code[result.code] = self.by_code.get(result.code, 0) + 1
        self.code = worst_code(self.code, result.code)


def worst_code(a: ExitCode, b: ExitCode) -> ExitCode:
    """The fleet's exit code follows the single run's precedence: 1 beats 4 beats 3 beats 0."""
    return a if _CODE_RANK.get(a, 0) >= _CODE_RANK.get(b, 0) else b


# These answer the same for every API user: the hosts, the route, the clock. A fleet runs them
# once, in a row of its own, instead of once per entry (hundreds of hop walks and TLS contexts).
HOST_CHECKS = ("network-auth-host", "network-api-host", "proxy-parity", "clock-skew")
HOSTS_ROW = "FortiCloud hosts"
_ONCE = "fleet mode: checked once, in the FortiCloud hosts row"


def base_environment(environ: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in environ.items() if not k.startswith(_PRIVATE_PREFIXES)}


class FleetRun:
    """One fleet run: shared pacing, the registry loaded once, an empty folder as every cwd."""

    def __init__(
        self,
        options: FleetOptions,
        environ: Mapping[str, str],
        checks: Sequence[CheckType],
        empty_dir: Path,
        pacers: Pacers | None = None,
    ) -> None:
        self.options = options
        self._environ = dict(environ)
        self._base_env = base_environment(environ)
        self._checks = checks
        # Entries name their files: nothing may be discovered in, or read from, a working folder.
        self._empty_dir = empty_dir
        self._pacers = pacers or Pacers()
        self._verify: ssl.SSLContext | None = None
        self._verify_lock = threading.Lock()
        present = {c.id for c in checks}
        self.host_checks = tuple(i for i in HOST_CHECKS if i in present)

    def _ssl_context(self) -> ssl.SSLContext:
        """One trust store for the whole fleet: every entry trusts the same CAs."""
        from flexcheck.forticloud.trust import build_ssl_context

        with self._verify_lock:
            if self._verify is None:
                ca = str(self.options.ca_bundle) if self.options.ca_bundle else None
                self._verify = build_ssl_context(ca, self._environ)
            return self._verify

    def run_entry(self, entry: Entry) -> EntryResult:
        """Never raises: whatever goes wrong becomes this entry's result."""
        from flexcheck.run import pipeline

        started = time.monotonic()
        try:
            options, env = self._prepare(entry)
            run = pipeline.run(
                options,
                env,
                trust_env=self.options.trust_env,
                skip=[SkipRequest(i, _ONCE) for i in self.host_checks],
                hooks=(self._pacers.for_user(entry.user_key),),
                checks=self._checks,
                verify=self._ssl_context(),
            )
        except UsageError as error:
            run = _single(Status.FAIL, str(error), started, "Fix the entry's file or variable.")
        except Exception as error:  # one entry's bug must not stop the others
            text = redact.scrub("".join(traceback.format_exception_only(error))).strip()
            run = _single(
                Status.ERROR,
                f"the entry crashed: {text}",
                started,
                "This is a bug in flexcheck, not in your setup: report it.",
            )
        elapsed = int((time.monotonic() - started) * 1000)
        return EntryResult(entry.name, run, exit_code(run.outcomes), elapsed)

    def run_hosts(self) -> EntryResult:
        """The host-level checks, once for the whole fleet; no credentials are involved."""
        from flexcheck.run import pipeline

        started = time.monotonic()
        options = Options(
            auth_url=self.options.auth_url,
            api_url=self.options.api_url,
            ca_bundle=self.options.ca_bundle,
            tf_dir=self._empty_dir,
            cwd=self._empty_dir,
        )
        run = pipeline.run(
            options,
            self._base_env,
            only=self.host_checks,
            trust_env=self.options.trust_env,
            checks=self._checks,
            verify=self._ssl_context(),
        )
        run = replace(run, outcomes=tuple(o for o in run.outcomes if o.id in self.host_checks))
        elapsed = int((time.monotonic() - started) * 1000)
        return EntryResult(HOSTS_ROW, run, exit_code(run.outcomes), elapsed, is_hosts=True)

    def _prepare(self, entry: Entry) -> tuple[Options, dict[str, str]]:
        env = dict(self._base_env)
        named: tuple[str, str] | None = None
        if entry.username_env is not None and entry.password_env is not None:
            named = (entry.username_env, entry.password_env)
            env[ENV_USERNAME] = self._variable(entry.username_env, "the API user id")
            password = self._variable(entry.password_env, "the API password")
            Secret(password)  # registered for redaction before anything can print it
            env[ENV_PASSWORD] = password
        plan_document = None
        if entry.plan is not None:
            plan_document = read_plan(entry.plan, label="plan")
        options = Options(
            credentials=entry.credentials,
            zip_password=self._zip_password(entry),
            plan=entry.plan,
            plan_document=plan_document,
            tf_dir=self._empty_dir,
            require=entry.require,
            auth_url=self.options.auth_url,
            api_url=self.options.api_url,
            ca_bundle=self.options.ca_bundle,
            offline=self.options.offline,
            write_probe=self.options.write_probe,
            cwd=self._empty_dir,
            credential_variables=named,
        )
        return options, env

    def _variable(self, name: str, holding: str) -> str:
        value = self._environ.get(name, "")
        if not value:
            raise UsageError(f"the environment variable {name} (named for {holding}) is not set")
        return value

    def _zip_password(self, entry: Entry) -> Secret | None:
        if entry.zip_password_env is not None:
            return Secret(self._variable(entry.zip_password_env, "the zip password"))
        if entry.zip_password_file is not None:
            from flexcheck.secrets.password_input import read_password_file

            try:
                return read_password_file(str(entry.zip_password_file))
            except UsageError as error:
                shown = str(error).replace("--zip-password-file", "zip password file")
                raise UsageError(shown) from None
        return None


def _single(status: Status, summary: str, started: float, hint: str) -> RunResult:
    outcome = CheckOutcome(
        id="fleet-entry",
        title="The entry's inputs can be read and its run completes",
        status=status,
        summary=redact.scrub(summary),
        hint=hint,
        guide_step=None,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    return RunResult((outcome,), ())


def run_fleet(
    entries: Sequence[Entry],
    fleet: FleetRun,
    on_result: Callable[[EntryResult], None],
) -> FleetTally:
    """Run the entries `jobs` at a time, and the host checks once beside them; `on_result` sees
    each entry as it finishes (in this thread); the host row is kept in the tally's `hosts`."""
    tally = FleetTally()
    jobs: list[Callable[[], EntryResult]] = [partial(fleet.run_entry, e) for e in entries]
    if fleet.host_checks and not fleet.options.offline:
        jobs.insert(0, fleet.run_hosts)
    pending: Iterator[Callable[[], EntryResult]] = iter(jobs)
    take = threading.Lock()
    results: queue.Queue[EntryResult] = queue.Queue()

    def work() -> None:
        while True:
            with take:
                job = next(pending, None)
            if job is None:
                return
            results.put(job())

    workers = [
        threading.Thread(target=work, name=f"fleet-{n}", daemon=True)
        for n in range(max(1, min(fleet.options.jobs, len(jobs))))
    ]
    for worker in workers:
        worker.start()
    for _ in jobs:
        result = results.get()
        if result.is_hosts:
            tally.hosts = result
            tally.code = worst_code(tally.code, result.code)
            continue
        tally.add(result)
        on_result(result)
    return tally
