from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import pyzipper

from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from tests.commands.cli_support import emulator, make_world, run_cli, world_args

__all__ = ["emulator"]
BUNDLE_PASSWORD = "bundle-Pw-5e1d77"
FILES = {
    "report.json",
    "requests.json",
    "versions.json",
    "environment.json",
    "redactions.json",
    "README.txt",
}


def _open(path: Path, password: str) -> dict[str, str]:
    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(password.encode())
        infos = archive.infolist()
        assert all(info.flag_bits & 1 and getattr(info, "wz_aes_version", None) for info in infos)
        return {info.filename: archive.read(info.filename).decode("utf-8") for info in infos}


def test_bundle_holds_what_support_needs_and_no_secret(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.READ_ONLY, tmp_path, emulator, monkeypatch)
    (tmp_path / ".terraform.lock.hcl").write_text(
        'provider "registry.terraform.io/fortinetdev/fortiflexvm" {\n  version = "2.4.1"\n'
        '  constraints = "~> 2.4"\n}\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FLEXCHECK_BUNDLE_PASSWORD", BUNDLE_PASSWORD)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxyuser:proxy-secret-91@127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    out = tmp_path / "support.zip"
    result = run_cli(["bundle", str(out), *world_args(world)], capsys)
    # The bundle is written, and the exit code still says the checks failed (a read-only user).
    assert result.code == 1, result.err
    assert "nothing uploaded" in result.out
    assert out.stat().st_mode & 0o077 == 0
    files = _open(out, BUNDLE_PASSWORD)
    assert set(files) == FILES

    report = json.loads(files["report.json"])
    assert report["schema_version"] == 1
    assert {c["id"]: c["status"] for c in report["checks"]}["write-permission"] == "fail"
    requests = json.loads(files["requests.json"])
    assert requests, "the run made requests"
    for entry in requests:
        assert set(entry) == {"method", "host", "path", "status", "duration_ms", "error"}
        assert entry["host"] == "127.0.0.1"
        assert "?" not in entry["path"]
    posts = [e for e in requests if e["method"] == "POST"]  # the network checks' HEADs run beside
    assert [e["path"].rsplit("/", 2)[-2:] for e in posts][:1] == [["token", ""]]
    versions = json.loads(files["versions.json"])
    assert versions["flexcheck"] == "0.1.0"
    assert versions["terraform_provider"] == {
        "version": "2.4.1",
        "constraint": "~> 2.4",
        "from": ".terraform.lock.hcl",
    }
    environment = json.loads(files["environment.json"])
    names = {v["name"]: v for v in environment["variables"]}
    assert {
        "FLEXCHECK_ZIP_PASSWORD",
        "FLEXCHECK_BUNDLE_PASSWORD",
        "HTTPS_PROXY",
        "NO_PROXY",
    } <= set(names)
    assert names["HTTPS_PROXY"]["from"] == "process environment"
    assert environment["inputs"]["zip_password"] == "FLEXCHECK_ZIP_PASSWORD"
    assert environment["inputs"]["credentials"] == f"--credentials ({world.credentials.name})"
    manifest = json.loads(files["redactions.json"])
    assert set(manifest["masked"]) == FILES - {"redactions.json", "README.txt"}
    assert any("bodies and headers" in w for w in manifest["withheld"])

    everything = "\n".join(files.values())
    assert emulator.state.tokens, "a token was issued, so its absence below means something"
    for secret in (
        world.zip_password.reveal(),
        BUNDLE_PASSWORD,
        "proxy-secret-91",
        "127.0.0.1:9",  # no environment value at all
        *emulator.state.tokens,
    ):
        assert secret not in everything
    for user in emulator.state.users.values():
        assert user.password not in everything
        assert user.username not in everything


def test_wrong_password_cannot_open_it(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.HEALTHY, tmp_path, emulator, monkeypatch)
    password_file = tmp_path / "bundle-password.txt"
    password_file.write_text(BUNDLE_PASSWORD + "\n", encoding="utf-8")
    out = tmp_path / "b.zip"
    args = ["bundle", str(out), "--bundle-password-file", str(password_file), *world_args(world)]
    assert run_cli(args, capsys).code == 0
    assert set(_open(out, BUNDLE_PASSWORD)) == FILES  # the trailing newline is not part of it
    with pytest.raises(RuntimeError):
        _open(out, "not-the-password")
    again = run_cli(args, capsys)
    assert again.code == 2
    assert "exists" in again.err


def test_preview_prints_exactly_the_contents_and_writes_nothing(
    tmp_path: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = make_world(Scenario.HEALTHY, tmp_path, emulator, monkeypatch)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli(["bundle", str(tmp_path / "b.zip"), "--preview", *world_args(world)], capsys)
    assert result.code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    for name in FILES:
        assert f"===== {name} =====" in result.out
    report = result.out.split("===== report.json =====\n")[1].split("=====")[0]
    assert json.loads(report)["exit_code"] == 0
    assert world.zip_password.reveal() not in result.out


def test_no_password_and_no_terminal_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = run_cli(["bundle", "b.zip", "--offline"], capsys)
    assert result.code == 2
    assert "the bundle needs a password" in result.err
    assert not (tmp_path / "b.zip").exists()
    both = run_cli(
        ["bundle", "b.zip", "--zip-password-file", "-", "--bundle-password-file", "-"], capsys
    )
    assert both.code == 2
    assert "cannot both read stdin" in both.err
