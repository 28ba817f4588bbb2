from __future__ import annotations

import io
from pathlib import Path

import pytest

from flexcheck.errors import UsageError
from flexcheck.support import password


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_prompt_asks_once_per_bundle_and_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    answers = iter(["first-pw-1", "second-pw-2"])

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", getpass)
    source = password.source(None, {})
    assert source(Path("a/before.zip")).reveal() == "first-pw-1"
    assert source(Path("after.zip")).reveal() == "second-pw-2"
    assert source(Path("after.zip")).reveal() == "second-pw-2"  # not asked again
    assert asked == [
        "Password of the support bundle before.zip (not shown): ",
        "Password of the support bundle after.zip (not shown): ",
    ]


def test_a_file_is_read_once_for_every_bundle(tmp_path: Path) -> None:
    file = tmp_path / "pw"
    file.write_text("shared-pw-3\n", encoding="utf-8")
    source = password.source(str(file), {"FLEXCHECK_BUNDLE_PASSWORD": "ignored-pw"})
    assert source(Path("a.zip")).reveal() == "shared-pw-3"
    file.unlink()  # a second read would fail: stdin could not be read twice either
    assert source(Path("b.zip")).reveal() == "shared-pw-3"


def test_the_variable_then_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert password.source(None, {"FLEXCHECK_BUNDLE_PASSWORD": "env-pw-4"})(
        Path("a.zip")
    ).reveal() == ("env-pw-4")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(UsageError, match="needs its password"):
        password.source(None, {})(Path("a.zip"))
    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt: "")
    with pytest.raises(UsageError, match="no password entered"):
        password.source(None, {})(Path("a.zip"))
