"""`flexcheck fleet` against one emulator holding many API users: outcomes, exit code, isolation."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexcheck.emulator import Emulator
from flexcheck.fleet.sample import Kind, SampleEntry, write_sample_fleet
from tests.fleet.fleet_support import run_fleet_cli

# 30 API users: most healthy, some read-only, some with the wrong zip password, one missing zip,
# some whose credentials come from variables named in the manifest.
MIX = (
    [Kind.HEALTHY] * 18
    + [Kind.READ_ONLY] * 4
    + [Kind.WRONG_ZIP_PASSWORD] * 3
    + [Kind.MISSING_FILE]
    + [Kind.FROM_ENV] * 4
)
EXPECTED_FAILING = {
    Kind.HEALTHY: [],
    Kind.FROM_ENV: [],
    Kind.READ_ONLY: ["write-permission"],
    Kind.WRONG_ZIP_PASSWORD: ["zip-decrypt"],
    Kind.MISSING_FILE: ["credentials-file"],
}


@pytest.fixture
def fleet_world(tmp_path: Path) -> tuple[Emulator, Path, dict[str, str], list[SampleEntry]]:
    with Emulator() as emulator:
        manifest, env, made = write_sample_fleet(tmp_path, emulator, list(MIX))
        yield emulator, manifest, env, made


def test_thirty_users_each_get_their_own_verdict(
    fleet_world: tuple[Emulator, Path, dict[str, str], list[SampleEntry]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator, manifest, env, made = fleet_world
    digest = emulator.state_digest()
    result = run_fleet_cli(
        capsys, monkeypatch, manifest, "--format", "json", emulator=emulator, env=env
    )
    assert result.code == 1, result.err
    document = result.document()
    assert document["kind"] == "fleet"
    assert document["exit_code"] == 1
    entries = result.entries()
    assert len(document["entries"]) == len(made) == 30  # no entry lost, none reported twice
    for sample in made:
        entry = entries[sample.name]
        assert entry["failing_checks"] == EXPECTED_FAILING[sample.kind], sample.name
        ready = not EXPECTED_FAILING[sample.kind]
        assert entry["exit_code"] == (0 if ready else 1), sample.name
        assert entry["worst_status"] in (("pass", "warn") if ready else ("fail",))
        checks = {c["id"]: c["status"] for c in entry["report"]["checks"]}
        if ready:
            assert checks["api-login"] == "pass"
            assert checks["api-read"] == "pass"
    assert document["counts"] == {"0": 22, "1": 8}
    # Every user that logged in was logged in once and revoked; nothing in the account changed.
    logins = [
        r for r in emulator.requests if r.path.endswith("/oauth/token/") and r.method == "POST"
    ]
    users_with_valid_zip = {
        s.username for s in made if s.kind in (Kind.HEALTHY, Kind.READ_ONLY, Kind.FROM_ENV)
    }
    assert sorted(r.user or "" for r in logins) == sorted(users_with_valid_zip)
    assert emulator.active_tokens() == 0
    assert emulator.state_digest() == digest


def test_human_summary_has_one_row_per_entry_and_no_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds = [Kind.HEALTHY, Kind.READ_ONLY, Kind.WRONG_ZIP_PASSWORD, Kind.FROM_ENV]
    with Emulator() as emulator:
        manifest, env, made = write_sample_fleet(tmp_path, emulator, kinds)
        result = run_fleet_cli(capsys, monkeypatch, manifest, emulator=emulator, env=env)
    assert result.code == 1
    rows = {line.split()[0]: line for line in result.out.splitlines() if line.startswith("cust")}
    assert set(rows) == {s.name for s in made}
    assert rows[made[0].name].split()[1] == "ok"
    assert "write-permission" in rows[made[1].name]
    assert "zip-decrypt" in rows[made[2].name]
    assert "4 entries: 2 ready, 2 not ready." in result.out
    secrets = [p.read_text().strip() for p in tmp_path.glob("*.zip-password")]
    secrets += [v for k, v in env.items() if k.endswith("_PASSWORD")]
    for secret in secrets:
        assert secret not in result.out + result.err


def test_an_entry_that_cannot_start_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Emulator() as emulator:
        manifest, _, made = write_sample_fleet(tmp_path, emulator, [Kind.HEALTHY] * 3)
        (tmp_path / "broken-plan.json").write_text("{not json", encoding="utf-8")
        extra = (
            '\n[[entry]]\nname = "unset-variables"\nusername_env = "NOT_SET_USER"\n'
            'password_env = "NOT_SET_PASSWORD"\nrequire = "read"\n'
            f'\n[[entry]]\nname = "broken-plan"\ncredentials = "{made[0].name}.zip"\n'
            f'zip_password_file = "{made[0].name}.zip-password"\nplan = "broken-plan.json"\n'
            f'\n[[entry]]\nname = "no-password-file"\ncredentials = "{made[1].name}.zip"\n'
            'zip_password_file = "nowhere.txt"\nrequire = "read"\n'
        )
        manifest.write_text(manifest.read_text() + extra, encoding="utf-8")
        result = run_fleet_cli(
            capsys, monkeypatch, manifest, "--format", "json", "--jobs", "2", emulator=emulator
        )
    assert result.code == 1
    entries = result.entries()
    for sample in made:
        assert entries[sample.name]["exit_code"] == 0
    for name, said in (
        ("unset-variables", "NOT_SET_USER"),
        ("broken-plan", "broken-plan.json"),
        ("no-password-file", "nowhere.txt"),
    ):
        checks = entries[name]["report"]["checks"]
        assert [c["id"] for c in checks] == ["fleet-entry"]
        assert checks[0]["status"] == "fail"
        assert said in checks[0]["summary"]


def test_jobs_bounds_how_many_users_are_checked_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def most_at_once(jobs: int) -> int:
        with Emulator(latency=0.03) as emulator:
            folder = tmp_path / f"jobs-{jobs}"
            folder.mkdir()
            manifest, env, _ = write_sample_fleet(folder, emulator, [Kind.HEALTHY] * 8)
            result = run_fleet_cli(
                capsys, monkeypatch, manifest, "--jobs", str(jobs), emulator=emulator, env=env
            )
            assert result.code == 0, result.out
            spans: dict[str, list[float]] = {}
            # Revokes carry the token in the body, so the emulator cannot name their user.
            for request in (r for r in emulator.requests if r.user is not None):
                span = spans.setdefault(request.user, [request.at, request.at])
                span[0], span[1] = min(span[0], request.at), max(span[1], request.at)
        starts = sorted(s for s, _ in spans.values())
        return max(sum(1 for s, e in spans.values() if s <= t <= e) for t in starts)

    assert most_at_once(2) <= 2
    assert most_at_once(8) > 2  # the measure can see more: the bound above is real


def test_host_checks_run_once_for_the_whole_fleet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Emulator() as emulator:
        manifest, env, made = write_sample_fleet(tmp_path, emulator, [Kind.HEALTHY] * 6)
        result = run_fleet_cli(
            capsys, monkeypatch, manifest, "--format", "json", emulator=emulator, env=env
        )
        heads = [r for r in emulator.requests if r.method == "HEAD"]
    assert result.code == 0, result.err
    document = result.document()
    hosts = document["hosts"]
    assert hosts["name"] == "FortiCloud hosts"
    statuses = {c["id"]: c["status"] for c in hosts["report"]["checks"]}
    assert statuses["network-auth-host"] == "pass"
    assert statuses["network-api-host"] == "pass"
    assert len(heads) == 2  # one probe per host for the fleet, not one per entry
    for entry in result.entries().values():
        checks = {c["id"]: c for c in entry["report"]["checks"]}
        assert checks["network-auth-host"]["status"] == "skip"
        assert "checked once" in checks["network-auth-host"]["summary"]
    assert len(document["entries"]) == len(made)
