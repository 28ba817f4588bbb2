from __future__ import annotations

from pathlib import Path

from flexcheck.report import github, markdown
from tests.report.support import CANARY, EXPECTED, mixed_document


def test_markdown_table_has_one_row_per_check_and_stays_a_table() -> None:
    text = markdown.render(mixed_document())
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(EXPECTED)  # header + one per check
    assert all(line.count(" | ") == 3 for line in rows[1:])  # escaped pipes cannot add columns
    warning = next(r for r in rows if "`warning`" in r)
    assert "a line \\| with a pipe and &lt;b&gt;markup&lt;/b&gt;" in warning
    assert "look at this, 100% sure" in warning
    assert "Not ready" in text.splitlines()[0]
    assert CANARY not in text


def test_markdown_names_an_expired_suppression() -> None:
    document = mixed_document()
    document["suppressions"] = [
        {
            "check": "api-read",
            "reason": "old exception",
            "source": "flexcheck.toml",
            "expires": "2020-01-31",
            "active": False,
            "matched": ["api-read"],
        }
    ]
    text = markdown.render(document)
    assert "expired on 2020-01-31: it no longer applies (old exception)" in text


def test_annotations_for_warnings_and_failures_only() -> None:
    lines = github.annotation_lines(mixed_document())
    by_check = {line.split("title=flexcheck ")[1].split("%3A")[0]: line for line in lines}
    assert set(by_check) == {"warning", "failing", "crashing", "slow"}
    assert by_check["warning"].startswith("::warning title=flexcheck warning%3A warn,")
    assert ",file=infra/main.tf,line=12::" in by_check["warning"]
    assert by_check["failing"].startswith("::error ")
    assert "%0AWhat to do: look at%0Athis, 100%25 sure" in by_check["warning"]
    assert all("\n" not in line for line in lines)
    assert not any(CANARY in line for line in lines)


def test_publish_appends_the_table_to_the_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    out = tmp_path / "stdout.txt"
    with out.open("w", encoding="utf-8") as stream:
        github.publish(mixed_document(), {"GITHUB_STEP_SUMMARY": str(summary)}, stream)
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n### flexcheck")
    assert "| ❌ fail | `failing` fails |" in written
    assert out.read_text(encoding="utf-8").count("::") >= 8
