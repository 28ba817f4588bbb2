from __future__ import annotations

import os
from pathlib import Path

import pytest

from checks.credentials_file import CredentialsFile
from flexcheck.core.model import Deps, Status
from flexcheck.credentials.locate import EnvInput, FileInput
from tests.helpers import make_context

ENV = {"FORTIFLEX_ACCESS_USERNAME": "ENV-USER-0001", "FORTIFLEX_ACCESS_PASSWORD": "env-pw-1234"}


def run(tmp_path: Path, env: dict[str, str] | None = None, **options: object):  # type: ignore[no-untyped-def]
    ctx = make_context(env=env or {}, cwd=tmp_path, **options)
    return CredentialsFile().run(ctx, Deps({}))


def test_named_file_is_read_once_into_the_value(tmp_path: Path) -> None:
    file = tmp_path / "creds.zip"
    file.write_bytes(b"PK\x03\x04data")
    file.chmod(0o600)
    result = run(tmp_path, credentials=file)
    assert result.status is Status.PASS
    assert isinstance(result.value, FileInput)
    assert result.value.data == b"PK\x03\x04data"


def test_discovery_finds_the_download(tmp_path: Path) -> None:
    file = tmp_path / "API_Credential_ABCD_01_02_2026.zip"
    file.write_bytes(b"PK")
    file.chmod(0o600)
    (tmp_path / "notes.txt").write_text("x")
    result = run(tmp_path)
    assert result.status is Status.PASS
    assert "found in the working directory" in result.summary


def test_several_candidates_fail_and_name_them(tmp_path: Path) -> None:
    for name in ("a_credential.zip", "b_credential.zip"):
        (tmp_path / name).write_bytes(b"PK")
    result = run(tmp_path)
    assert result.status is Status.FAIL
    assert "a_credential.zip" in result.summary
    assert "b_credential.zip" in result.summary


def test_environment_credentials_skip_with_value(tmp_path: Path) -> None:
    result = run(tmp_path, env=ENV)
    assert result.status is Status.SKIP
    assert "environment" in result.summary
    assert isinstance(result.value, EnvInput)
    assert result.satisfies_dependents


def test_file_wins_over_environment(tmp_path: Path) -> None:
    file = tmp_path / "x_credential.zip"
    file.write_bytes(b"PK")
    file.chmod(0o600)
    result = run(tmp_path, env=ENV)
    assert isinstance(result.value, FileInput)


def test_nothing_anywhere_fails_with_step_3_hint(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.status is Status.FAIL
    assert "Download Credentials" in result.hint
    assert CredentialsFile.guide_step == 3


def test_legacy_variables_alone_are_called_out(tmp_path: Path) -> None:
    legacy = {"FLEXVM_ACCESS_USERNAME": "U", "FLEXVM_ACCESS_PASSWORD": "P"}
    result = run(tmp_path, env=legacy)
    assert result.status is Status.FAIL
    assert "FLEXVM_ACCESS" in result.summary
    file = tmp_path / "x_credential.zip"
    file.write_bytes(b"PK")
    file.chmod(0o600)
    with_file = run(tmp_path, env=legacy)
    assert with_file.status is Status.WARN
    assert "ignores" in with_file.hint


def test_group_readable_file_warns(tmp_path: Path) -> None:
    file = tmp_path / "x_credential.zip"
    file.write_bytes(b"PK")
    file.chmod(0o644)
    result = run(tmp_path)
    assert result.status is Status.WARN
    assert "chmod 600" in result.hint


@pytest.mark.parametrize("kind", ["directory", "fifo", "missing", "huge", "unreadable"])
def test_hostile_paths_fail_clearly(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    expected = {
        "directory": "is a directory",
        "fifo": "not a regular file",
        "missing": "does not exist",
        "huge": "1 MiB",
        "unreadable": "no permission",
    }
    if kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "huge":
        target.write_bytes(b"x" * (1024 * 1024 + 1))
    elif kind == "unreadable":
        target.write_bytes(b"PK")
        target.chmod(0)
        if os.geteuid() == 0:
            pytest.skip("root reads files without permission bits")
    result = run(tmp_path, credentials=target)
    assert result.status is Status.FAIL
    assert expected[kind] in result.summary


def test_symlink_to_a_file_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.zip"
    real.write_bytes(b"PK-real")
    real.chmod(0o600)
    link = tmp_path / "link.zip"
    link.symlink_to(real)
    result = run(tmp_path, credentials=link)
    assert isinstance(result.value, FileInput)
    assert result.value.data == b"PK-real"


def test_permission_denied_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CI runs as root, which ignores permission bits: make the read itself refuse.
    target = tmp_path / "locked.zip"
    target.write_bytes(b"PK")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    result = run(tmp_path, credentials=target)
    assert result.status is Status.FAIL
    assert "no permission to read" in result.summary


def test_file_vanishing_between_stat_and_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "vanishing.zip"
    target.write_bytes(b"PK")

    def vanish(self: Path, *args: object, **kwargs: object) -> object:
        raise FileNotFoundError(2, "No such file")

    monkeypatch.setattr(Path, "open", vanish)
    result = run(tmp_path, credentials=target)
    assert "disappeared" in result.summary


LEGACY_LOCK = """provider "registry.terraform.io/fortinetdev/fortiflexvm" {
  version     = "1.0.0"
  constraints = "1.0.0"
}
"""


def test_pinned_1x_reads_the_legacy_names(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(LEGACY_LOCK)
    legacy = {"FLEXVM_ACCESS_USERNAME": "U-0001", "FLEXVM_ACCESS_PASSWORD": "legacy-pw-1234"}
    result = run(tmp_path, env=legacy, tf_dir=tmp_path)
    assert result.status is Status.SKIP
    assert isinstance(result.value, EnvInput)
    assert result.value.names == ("FLEXVM_ACCESS_USERNAME", "FLEXVM_ACCESS_PASSWORD")
    assert "pinned provider 1.x" in result.summary


def test_pinned_1x_ignores_the_2x_names(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(LEGACY_LOCK)
    result = run(tmp_path, env=ENV, tf_dir=tmp_path)
    assert result.status is Status.FAIL
    assert "pinned provider 1.x ignores them" in result.summary
    file = tmp_path / "x_credential.zip"
    file.write_bytes(b"PK")
    file.chmod(0o600)
    with_file = run(tmp_path, env=ENV, tf_dir=tmp_path)
    assert with_file.status is Status.WARN
    assert "pinned provider 1.x ignores" in with_file.summary


def test_pinned_1x_with_legacy_names_and_a_file_does_not_warn(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(LEGACY_LOCK)
    file = tmp_path / "x_credential.zip"
    file.write_bytes(b"PK")
    file.chmod(0o600)
    legacy = {"FLEXVM_ACCESS_USERNAME": "U", "FLEXVM_ACCESS_PASSWORD": "P"}
    assert run(tmp_path, env=legacy, tf_dir=tmp_path).status is Status.PASS
