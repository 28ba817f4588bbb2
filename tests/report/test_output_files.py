"""`--output` writes a file whole or not at all, and a failed write leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexcheck.core.runner import RunResult
from flexcheck.core.verdict import ExitCode
from flexcheck.errors import UsageError
from flexcheck.report import document, outputs


@pytest.mark.parametrize("fmt", list(outputs.FileFormat))
def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, fmt: outputs.FileFormat) -> None:
    target = tmp_path / "report"
    target.mkdir()  # a folder where the file should go: the final rename fails
    (target / "keep").write_text("x", encoding="utf-8")
    report = document.build(RunResult((), ()), ExitCode.OK)
    with pytest.raises(UsageError, match="cannot be written"):
        outputs.write(outputs.OutputRequest(fmt, target), report)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    assert sorted(p.name for p in target.iterdir()) == ["keep"]


def test_a_successful_write_leaves_only_the_report(tmp_path: Path) -> None:
    report = document.build(RunResult((), ()), ExitCode.OK)
    outputs.write(outputs.OutputRequest(outputs.FileFormat.JSON, tmp_path / "r.json"), report)
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644
