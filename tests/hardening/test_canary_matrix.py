"""No secret in any byte flexcheck writes: every scenario x format x --debug x a crashing check.

Each case is a real `flexcheck check` process against the loopback emulator, with every secret
variable a CI job might have set. The cases run concurrently in one module fixture (the matrix is
large and the machine small); each case is still its own test, named after its coordinates.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from flexcheck.core.verdict import ExitCode, verdict_line
from flexcheck.emulator import Access, Emulator, Fault
from flexcheck.emulator.demo_world import Scenario

from .world import WRONG_ZIP_PASSWORD, World, run_flexcheck, secret_forms

# One line per output format: the arguments that select it. A format that writes a file should
# write it into the working directory (World.home), which is scanned byte by byte like stdout.
# e.g. "junit": ["--format", "junit"], or ["--output", "junit=report.xml"].
# The human report lists every request it made (--show-requests), the one part of it no other
# format prints. Plain `--format json` is not a row of its own: "ci-files" prints the same JSON
# on stdout and writes every other file besides (it was 20 more processes for no new byte).
FORMATS: dict[str, list[str]] = {
    "human": ["--format", "human", "--show-requests"],
    # Every file format at once, as a CI job writes them, with GitHub annotations and the step
    # summary on: all of it lands under the scanned working folder.
    "ci-files": [
        "--format",
        "json",
        "--output",
        "junit=report.xml",
        "--output",
        "sarif=report.sarif",
        "--output",
        "markdown=report.md",
    ],
}


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
# answer (a proxy's HTML page) ends up quoted in the report. Each scenario adds 8 processes.
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
    format: str
    debug: bool
    crash: bool

    @property
    def id(self) -> str:
        flags = ("debug" if self.debug else "quiet", "crash" if self.crash else "no-crash")
        return "-".join((self.scenario, self.format, *flags))


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: bytes
    stderr: bytes
    leaks: list[str]
    files: frozenset[str]  # what the run left in its working folder, scanned for leaks too


CASES = [
    Case(*combo) for combo in itertools.product(SCENARIOS, FORMATS, (False, True), (False, True))
]


def _run(case: Case) -> Ran:
    with tempfile.TemporaryDirectory(prefix="flexcheck-canary-") as tmp, Emulator() as emulator:
        world = World(Path(tmp), emulator)
        SCENARIOS[case.scenario](world)
        args = world.check_args() + FORMATS[case.format] + (["--debug"] if case.debug else [])
        env = world.env(crash_pack=case.crash)
        if case.format == "ci-files":
            env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(world.home / "summary.md"))
        done = run_flexcheck(args, env, cwd=world.home)
        files = frozenset(p.name for p in world.home.iterdir() if p.is_file())
        leaks = world.leaks(done.stdout, done.stderr)
        return Ran(done.returncode, done.stdout, done.stderr, leaks, files)


@pytest.fixture(scope="module")
def matrix() -> Iterator[dict[Case, Ran]]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield dict(zip(CASES, pool.map(_run, CASES), strict=True))


def test_every_demo_scenario_is_in_the_matrix() -> None:
    assert set(Scenario) <= set(SCENARIOS)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_no_secret_in_any_byte(matrix: dict[Case, Ran], case: Case) -> None:
    ran = matrix[case]
    assert ran.leaks == [], ran.stdout.decode(errors="replace") + ran.stderr.decode("replace")
    # The run really got somewhere: a report, no Python traceback escaping to the terminal.
    assert ran.code in (0, 1, 3, 4), ran.stderr.decode(errors="replace")
    assert b"Traceback (most recent call last)" not in ran.stderr
    if case.format == "ci-files":  # the scan covered real files, not an empty folder
        assert {"report.xml", "report.sarif", "report.md", "summary.md"} <= ran.files
    if case.format == "ci-files":
        report = json.loads(ran.stdout)
        statuses = {c["id"]: c["status"] for c in report["checks"]}
        assert report["exit_code"] == ran.code
        if case.crash:
            assert statuses["canary-crash-early"] == "error"
    else:
        assert verdict_line(ExitCode(ran.code)).encode() in ran.stdout
        if case.crash:
            assert b"the check crashed: RuntimeError: forced crash" in ran.stdout
            if case.debug:  # the redacted traceback is shown, and it still leaks nothing
                assert b"Traceback (most recent call last)" in ran.stdout


def test_healthy_crash_reaches_the_token_holding_check(matrix: dict[Case, Ran]) -> None:
    """The late crash runs after login: the token was in its hands when it crashed."""
    ran = matrix[Case(Scenario.HEALTHY, "ci-files", True, True)]
    statuses = {c["id"]: c["status"] for c in json.loads(ran.stdout)["checks"]}
    assert statuses["api-login"] == "pass"
    assert statuses["canary-crash-late"] == "error"
    assert ran.code == 3


# The support desk reads what `bundle` wrote: inspect in each format, and diff of the bundle
# against the same world's JSON report. The crash pack is on, so the report carries every form of
# every secret a crash message can hold (scrubbed); the bundle password is a canary too.
BUNDLE_PASSWORD = "CANARY bundle/pw+9Zq="
SUPPORT_COMMANDS: dict[str, list[str]] = {
    "inspect-human": ["inspect", "support.zip"],
    "inspect-json": ["inspect", "support.zip", "--format", "json"],
    "inspect-markdown": ["inspect", "support.zip", "--format", "markdown"],
    "diff-human": ["diff", "report.json", "support.zip"],
    "diff-json": ["diff", "support.zip", "report.json", "--format", "json"],
}


def _support_run(scenario: str) -> dict[str, Ran]:
    with tempfile.TemporaryDirectory(prefix="flexcheck-canary-") as tmp, Emulator() as emulator:
        world = World(Path(tmp), emulator)
        SCENARIOS[scenario](world)
        env = {**world.env(crash_pack=True), "FLEXCHECK_BUNDLE_PASSWORD": BUNDLE_PASSWORD}
        options = world.check_args()[1:]
        made = run_flexcheck(["bundle", "support.zip", *options], env, cwd=world.home)
        checked = run_flexcheck(
            ["check", *options, "--format", "json", "--output", "json=report.json"],
            env,
            cwd=world.home,
        )
        # bundle exits with the verdict of the checks it bundled, as check does.
        assert made.returncode == checked.returncode, made.stderr.decode(errors="replace")
        ran = {}
        for name, args in SUPPORT_COMMANDS.items():
            done = run_flexcheck(args, env, cwd=world.home)
            leaks = world.leaks(done.stdout, done.stderr)
            leaks += [
                f"{form!r} (a form of the bundle password) in output"
                for form in secret_forms(BUNDLE_PASSWORD)
                if form.encode() in done.stdout + done.stderr
            ]
            files = frozenset(p.name for p in world.home.iterdir() if p.is_file())
            ran[name] = Ran(done.returncode, done.stdout, done.stderr, leaks, files)
        return ran


@pytest.fixture(scope="module")
def support_matrix() -> Iterator[dict[str, dict[str, Ran]]]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield dict(zip(SCENARIOS, pool.map(_support_run, SCENARIOS), strict=True))


@pytest.mark.parametrize("command", SUPPORT_COMMANDS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_support_commands_leak_nothing(
    support_matrix: dict[str, dict[str, Ran]], scenario: str, command: str
) -> None:
    ran = support_matrix[scenario][command]
    assert ran.leaks == [], ran.stdout.decode(errors="replace") + ran.stderr.decode("replace")
    assert b"Traceback (most recent call last)" not in ran.stderr
    assert ran.files == {"support.zip", "report.json"}  # read only: nothing new in the folder
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
