from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
import pyzipper

from flexcheck.report import bundle as support_bundle
from flexcheck.secrets.secret import Secret
from flexcheck.support import opening

PASSWORD = "open-sesame-4412"
REPORT = {"schema_version": 1, "flexcheck_version": "0.1.0", "exit_code": 0, "checks": []}


def _files(**changed: object) -> dict[str, str]:
    files: dict[str, object] = {
        "report.json": REPORT,
        "requests.json": [],
        "versions.json": {"flexcheck": "0.1.0", "bundle_schema_version": 1, "made_at": "T0"},
        "environment.json": {"inputs": {}, "variables": []},
        "redactions.json": {"masked": {}, "withheld": []},
    }
    files.update(changed)
    return {n: v if isinstance(v, str) else json.dumps(v) for n, v in files.items()}


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    path = tmp_path / "b.zip"
    support_bundle.write(path, files, Secret(PASSWORD))
    return path


def test_a_bundle_from_before_the_schema_field_is_read_and_dated_from_the_zip(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, _files(**{"versions.json": {"flexcheck": "0.1.0"}}))
    bundle = opening.open_bundle(path, Secret(PASSWORD))
    assert bundle.schema_version == 1
    assert bundle.made_at.endswith("(the customer's local time, from the zip)")


def test_a_newer_report_schema_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, _files(**{"report.json": {**REPORT, "schema_version": 2}}))
    with pytest.raises(opening.BundleError, match=r"newer flexcheck .*report schema 2"):
        opening.open_bundle(path, Secret(PASSWORD))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (_files(**{"report.json": "{not json"}), "report.json is not valid JSON"),
        (_files(**{"requests.json": {}}), "requests.json is not a list"),
        (_files(**{"report.json": {"checks": []}}), "report.json is not a flexcheck report"),
        (
            _files(**{"report.json": {**REPORT, "checks": [{"id": "x", "status": "maybe"}]}}),
            "report.json is not a report flexcheck can show",
        ),
        (
            _files(**{"versions.json": {"bundle_schema_version": "one"}}),
            "no whole-number bundle_schema_version",
        ),
    ],
)
def test_a_damaged_member_is_named(tmp_path: Path, files: dict[str, str], message: str) -> None:
    with pytest.raises(opening.BundleError, match=message):
        opening.open_bundle(_write(tmp_path, files), Secret(PASSWORD))


def test_a_missing_member_is_not_a_bundle_before_any_password(tmp_path: Path) -> None:
    files = _files()
    del files["environment.json"]
    path = _write(tmp_path, files)
    with pytest.raises(opening.BundleError, match=r"lacks environment\.json"):
        opening.probe(path)


def test_flipped_bytes_are_damage_not_a_wrong_password(tmp_path: Path) -> None:
    noise = secrets.token_hex(4000)  # does not compress: its bytes fill the member's data
    path = _write(tmp_path, _files(**{"report.json": {**REPORT, "noise": noise}}))
    with pyzipper.AESZipFile(path) as archive:
        info = archive.getinfo("report.json")
    assert info.compress_size > 4000
    raw = bytearray(path.read_bytes())
    raw[info.header_offset + info.compress_size // 2] ^= 0xFF  # well inside the encrypted data
    path.write_bytes(bytes(raw))
    with pytest.raises(opening.BundleError, match="is damaged"):
        opening.open_bundle(path, Secret(PASSWORD))


def test_a_member_that_claims_to_be_huge_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.zip"
    with pyzipper.ZipFile(path, "w") as archive:
        for name, text in _files().items():
            archive.writestr(name, text)
    with pyzipper.ZipFile(path) as archive:
        assert archive.getinfo("report.json").file_size < opening.MAX_MEMBER_BYTES
    repacked = opening.open_bundle(path, Secret(PASSWORD))  # 7-Zip out, plain zip in: still read
    assert repacked.encryption.startswith("none: the files were re-packed")
    assert opening.open_bundle(_write(tmp_path, _files()), Secret(PASSWORD)).encryption == (
        "AES-256, as `flexcheck bundle` writes it"
    )
    monkeypatch.setattr(opening, "MAX_MEMBER_BYTES", 10)
    with pytest.raises(opening.BundleError, match="claims more than 10 bytes"):
        opening.probe(path)
