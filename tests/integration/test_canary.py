"""Unique canary secrets go in; not one of them may come out, whatever the path taken."""

from __future__ import annotations

import os

import pytest

from flexcheck.emulator import Access
from tests.integration.plugins import install_pack
from tests.integration.support import World, canary

# The demo scenarios (healthy, wrong zip password, stale password, read-only) run in every
# format, with --debug and a crashing pack, in tests/hardening/test_canary_matrix.py. Here run
# the two paths that matrix has not: credentials from the environment, and a pack whose crash
# message carries the secrets themselves.
UNIQUE = ["env-credentials", "crash"]


def prepare(world: World, scenario: str) -> list[str]:
    world.add_user(Access.READ_WRITE)
    args = ["--credentials", str(world.write_zip()), "--plan", str(world.write_plan())]
    args += ["--zip-password-file", str(world.write_zip_password(None))]
    if scenario == "env-credentials":
        world.extra_env.update(
            {
                "FORTIFLEX_ACCESS_USERNAME": world.api_id,
                "FORTIFLEX_ACCESS_PASSWORD": world.api_password,
            }
        )
        args = ["--plan", str(world.write_plan())]
    if scenario == "crash":
        folder = install_pack(
            world.folder / "site", {"leaky-crash": "flexcheck_test_pack:LeakyCrash"}
        )
        world.extra_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p
        )
    return args


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
@pytest.mark.parametrize("scenario", UNIQUE)
def test_no_canary_escapes(world: World, scenario: str, debug: bool) -> None:
    """The human report (with every request it made) on stdout and the JSON report in a file,
    from one run: JSON on stdout comes from the same renderer as the file."""
    args = prepare(world, scenario)
    flags = ["--format", "human", "--show-requests", "--output", "json=report.json"]
    run = world.flexcheck(*flags, *(["--debug"] if debug else []), *args)
    assert run.code in (0, 1, 3), run.stderr
    report = (world.folder / "report.json").read_text(encoding="utf-8")
    assert '"checks"' in report
    written = run.stdout + run.stderr + report
    for secret in world.secrets():
        assert secret not in written
    if debug and scenario == "crash":
        assert "Traceback" in run.stdout  # the redacted traceback is shown, not swallowed
        assert "***" in run.stdout


def test_support_commands_never_show_a_canary(world: World) -> None:
    """The round trip with credentials from the environment: the customer's bundle, then
    support's inspect (each format) and diff. A crashing pack's round trip is in the canary
    matrix (tests/hardening), whose crash pack holds every form of every secret."""
    args = prepare(world, "env-credentials")
    bundle_password = canary("bundle")
    world.extra_env["FLEXCHECK_BUNDLE_PASSWORD"] = bundle_password
    made = world.flexcheck("bundle", "support.zip", *args)
    checked = world.flexcheck("check", *args, "--output", "json=report.json")
    assert made.code == checked.code, made.stderr  # bundle exits with the verdict it bundled
    runs = [
        world.flexcheck("inspect", "support.zip"),
        world.flexcheck("inspect", "support.zip", "--format", "json"),
        world.flexcheck("inspect", "support.zip", "--format", "markdown"),
        world.flexcheck("diff", "report.json", "support.zip"),
        world.flexcheck("diff", "support.zip", "report.json", "--format", "json"),
    ]
    assert [run.code for run in runs[:3]] == [0, 0, 0], [run.stderr for run in runs]
    assert all(run.code in (0, 1) for run in runs[3:]), [run.stderr for run in runs]
    assert '"checks"' in runs[1].stdout
    for run in runs:
        for secret in (*world.secrets(), bundle_password):
            assert secret not in run.stdout + run.stderr


# `--help` with secrets in the environment: tests/hardening/test_help_and_probe.py, every command,
# every encoded form of every secret.


@pytest.mark.parametrize(
    "scenario", ["healthy", "read-only", "wrong-zip-password", "stale-password"]
)
@pytest.mark.parametrize("output", [[], ["--json"]], ids=["human", "json"])
def test_demo_never_shows_its_own_secrets(
    scenario: str,
    output: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import secrets as token_source

    from flexcheck.credentials import fixtures
    from flexcheck.launch import main

    password = f"CANARYdemo{token_source.token_hex(8)}!1Aa"
    monkeypatch.setattr(fixtures, "generate_api_password", lambda: password)
    with pytest.raises(SystemExit):
        main(["demo", "--scenario", scenario, *output])
    written = capsys.readouterr()
    assert password not in written.out + written.err
    assert "ready" in written.out.lower() or '"checks"' in written.out  # it did report
