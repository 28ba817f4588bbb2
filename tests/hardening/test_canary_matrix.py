"""No secret in any byte flexcheck writes: every scenario x --debug x a crashing check, all formats.

Each case is a real `flexcheck check` process against the loopback emulator, with every secret
variable a CI job might have set, writing every report format at once. The crashing, quiet case
of each scenario also makes a support bundle and runs the support desk's commands on it. The
cases run concurrently, once per test session however the tests are shared out (the matrix is
large and the machine small); each case is still its own test, named after its coordinates.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from flexcheck.core.verdict import ExitCode, verdict_line
from flexcheck.emulator import Access, Emulator, Fault
from flexcheck.emulator.demo_world import Scenario
from tests.session import once_per_session

from .world import WRONG_ZIP_PASSWORD, World, run_flexcheck, secret_forms

# Every format at once, in one process per case: the human report on stdout (with the list of
# every request it made, which no other format prints, and the GitHub annotations, which go to
# stdout beside it) and every file format under the scanned working folder, as a CI job writes
# them. JSON on stdout and JSON in a file come from the same renderer, so the file stands for both.
REPORT_FILES = {
    "json": "report.json",
    "junit": "report.xml",
    "sarif": "report.sarif",
    "markdown": "report.md",
    "codequality": "report.codequality.json",
}
EVERY_FORMAT = ["--format", "human", "--show-requests"] + [
    arg for fmt, name in REPORT_FILES.items() for arg in ("--output", f"{fmt}={name}")
]
# The bundle password is a canary in every run, not only in the support commands that read it.
BUNDLE_PASSWORD = "CANARY bundle/pw+9Zq="


def _healthy(world: World) -> None:
    world.build()


def _read_only(world: World) -> None:
    world.build(Access.READ_ONLY)


def _wrong_zip_password(world: World) -> None:
    world.build()
    world.zip_password_given = WRONG_ZIP_PASSWORD


def _stale_password(world: World) -> None:
    world.build()
    world.emulator.reset_password(world.api_id)


def _fault(*faults: Fault) -> Callable[[World], None]:
    def setup(world: World) -> None:
        world.build()
        for fault in faults:
            world.emulator.add_fault(fault)

    return setup


# Every demo scenario (checked below, so a new one cannot be forgotten) and an emulator fault whose
# answer (a proxy's HTML page) ends up quoted in the report. Each scenario adds 10 processes.
SCENARIOS: dict[str, Callable[[World], None]] = {
    Scenario.HEALTHY: _healthy,
    Scenario.READ_ONLY: _read_only,
    Scenario.WRONG_ZIP_PASSWORD: _wrong_zip_password,
    Scenario.STALE_PASSWORD: _stale_password,
    "proxy-page-at-login": _fault(Fault("html", path="/api/v1/oauth/token", count=5)),
}


@dataclass(frozen=True)
class Case:
    scenario: str
    debug: bool
    crash: bool

    @property
    def id(self) -> str:
        flags = ("debug" if self.debug else "quiet", "crash" if self.crash else "no-crash")
        return "-".join((self.scenario, *flags))

    @property
    def bundles(self) -> bool:
        """The support commands read this case's bundle: the crash pack puts every form of every
        secret into the report (scrubbed), and without --debug the bundle is what a customer
        would send."""
        return self.crash and not self.debug


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: bytes
    stderr: bytes
    leaks: list[str]
    files: frozenset[str]  # what the working folder holds after the run, scanned for leaks too


@dataclass(frozen=True)
class Outcome:
    check: Ran
    report: dict[str, Any]  # the JSON report the check wrote
    bundle_code: int | None = None  # `bundle`'s exit code, for the cases that make one
    support: dict[str, Ran] = field(default_factory=dict)


CASES = [Case(*combo) for combo in itertools.product(SCENARIOS, (False, True), (False, True))]

# The support desk reads what `bundle` wrote: inspect in each format, and diff of the bundle
# against the same world's JSON report.
SUPPORT_COMMANDS: dict[str, list[str]] = {
    "inspect-human": ["inspect", "support.zip"],
    "inspect-json": ["inspect", "support.zip", "--format", "json"],
    "inspect-markdown": ["inspect", "support.zip", "--format", "markdown"],
    "diff-human": ["diff", "report.json", "support.zip"],
    "diff-json": ["diff", "support.zip", "report.json", "--format", "json"],
}


def _ran(world: World, done: subprocess.CompletedProcess[bytes]) -> Ran:
    leaks = world.leaks(done.stdout, done.stderr)
    leaks += [
        f"{form!r} (a form of the bundle password) in output"
        for form in secret_forms(BUNDLE_PASSWORD)
        if form.encode() in done.stdout + done.stderr
    ]
    files = frozenset(p.name for p in world.home.iterdir() if p.is_file())
    return Ran(done.returncode, done.stdout, done.stderr, leaks, files)


def _run(case: Case) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="flexcheck-canary-") as tmp, Emulator() as emulator:
        world = World(Path(tmp), emulator)
        SCENARIOS[case.scenario](world)
        env = {
            **world.env(crash_pack=case.crash),
            "FLEXCHECK_BUNDLE_PASSWORD": BUNDLE_PASSWORD,
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(world.home / "summary.md"),
        }
        debug = ["--debug"] if case.debug else []
        done = run_flexcheck([*world.check_args(), *EVERY_FORMAT, *debug], env, world.home)
        check = _ran(world, done)
        written = world.home / REPORT_FILES["json"]
        report = json.loads(written.read_text(encoding="utf-8")) if written.exists() else {}
        if not case.bundles:
            return Outcome(check, report)
        options = world.check_args()[1:]
        made = run_flexcheck(["bundle", "support.zip", *options], env, cwd=world.home)
        support = {
            name: _ran(world, run_flexcheck(args, env, cwd=world.home))
            for name, args in SUPPORT_COMMANDS.items()
        }
        return Outcome(check, report, made.returncode, support)


def _every_case(folder: Path) -> dict[Case, Outcome]:
    # Three at a time: two cores, and the other test process keeps running beside this one.
    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(zip(CASES, pool.map(_run, CASES), strict=True))


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> dict[Case, Outcome]:
    # Once per session (tests/session.py): with the tests shuffled and shared out between two
    # processes, this module's tests often landed on both, and the 50 runs happened twice.
    return once_per_session(tmp_path_factory, "canary-matrix", _every_case)


def test_every_demo_scenario_is_in_the_matrix() -> None:
    assert set(Scenario) <= set(SCENARIOS)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_no_secret_in_any_byte(matrix: dict[Case, Outcome], case: Case) -> None:
    ran = matrix[case].check
    assert ran.leaks == [], ran.stdout.decode(errors="replace") + ran.stderr.decode("replace")
    # The run really got somewhere: a report, no Python traceback escaping to the terminal.
    assert ran.code in (0, 1, 3, 4), ran.stderr.decode(errors="replace")
    assert b"Traceback (most recent call last)" not in ran.stderr
    # The scan covered real files, not an empty folder.
    assert {*REPORT_FILES.values(), "summary.md"} <= ran.files
    assert verdict_line(ExitCode(ran.code)).encode() in ran.stdout
    report = matrix[case].report
    assert report["exit_code"] == ran.code
    if case.crash:
        statuses = {c["id"]: c["status"] for c in report["checks"]}
        assert statuses["canary-crash-early"] == "error"
        assert b"the check crashed: RuntimeError: forced crash" in ran.stdout
        if case.debug:  # the redacted traceback is shown, and it still leaks nothing
            assert b"Traceback (most recent call last)" in ran.stdout


def test_healthy_crash_reaches_the_token_holding_check(matrix: dict[Case, Outcome]) -> None:
    """The late crash runs after login: the token was in its hands when it crashed."""
    outcome = matrix[Case(Scenario.HEALTHY, debug=True, crash=True)]
    statuses = {c["id"]: c["status"] for c in outcome.report["checks"]}
    assert statuses["api-login"] == "pass"
    assert statuses["canary-crash-late"] == "error"
    assert outcome.check.code == 3


@pytest.mark.parametrize("command", SUPPORT_COMMANDS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_support_commands_leak_nothing(
    matrix: dict[Case, Outcome], scenario: str, command: str
) -> None:
    outcome = matrix[Case(scenario, debug=False, crash=True)]
    # bundle exits with the verdict of the checks it bundled, as check does.
    assert outcome.bundle_code == outcome.check.code
    ran = outcome.support[command]
    assert ran.leaks == [], ran.stdout.decode(errors="replace") + ran.stderr.decode("replace")
    assert b"Traceback (most recent call last)" not in ran.stderr
    # Read only: the folder holds what the check and the bundle wrote, and nothing new.
    assert ran.files == outcome.check.files | {"support.zip"}
    if command.startswith("inspect"):
        assert ran.code == 0, ran.stderr.decode(errors="replace")
    else:
        assert ran.code in (0, 1), ran.stderr.decode(errors="replace")
    if command == "inspect-json":
        assert {c["id"] for c in json.loads(ran.stdout)["checks"]} >= {"canary-crash-early"}
    elif command == "inspect-human":
        assert b"The customer's report" in ran.stdout
        assert b"the check crashed: RuntimeError: forced crash" in ran.stdout
    elif command == "diff-json":
        assert json.loads(ran.stdout)["schema_version"] == 1
