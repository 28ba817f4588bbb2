"""The terminal report word-wrapped at 60, 80 and 200 columns, continuation lines indented."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from flexcheck.core.verdict import exit_code
from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario
from flexcheck.report import human
from tests.report.support import emulator_run


def _report(width: int, tmp_path: Path) -> tuple[str, list[str]]:
    tmp_path.mkdir(exist_ok=True)
    with Emulator() as emulator:
        run, _ = emulator_run(tmp_path, Scenario.READ_ONLY, emulator)
    stream = io.StringIO()
    console = Console(file=stream, width=width, color_system=None, highlight=False)
    human.render(console, run, exit_code(run.outcomes))
    texts = [o.summary for o in run.outcomes] + [o.hint for o in run.outcomes if o.hint]
    return stream.getvalue(), texts


@pytest.mark.parametrize("width", [60, 80, 200])
def test_lines_fit_and_words_stay_whole(width: int, tmp_path: Path) -> None:
    out, texts = _report(width, tmp_path)
    lines = out.splitlines()
    for line in lines:
        # Only a word longer than the line itself (a URL, a file name) may stick out.
        assert (
            len(line) <= width or len(line.split()) == 1 or max(map(len, line.split())) > width // 2
        ), line
    words = out.split()
    for text in texts:
        for word in text.split():
            assert word in words, f"{word!r} was broken across lines at {width} columns"


@pytest.mark.parametrize("width", [60, 80])
def test_continuation_lines_are_indented(width: int, tmp_path: Path) -> None:
    out, _ = _report(width, tmp_path)
    lines = out.splitlines()
    rows = [n for n, line in enumerate(lines) if line and line[0] in "✔!✘-⏱"]
    assert rows
    for n in rows:
        following = lines[n + 1] if n + 1 < len(lines) else ""
        assert not following or following.startswith(" " * 10)  # the summary, or the title's rest
    assert any(len(line) > 60 for line in _report(200, tmp_path / "wide")[0].splitlines())
