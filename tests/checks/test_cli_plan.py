"""`--plan` with something that is not `terraform show -json` output is a usage error (exit 2)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flexcheck.cli import app


def state_file(path: Path) -> None:
    path.write_text(
        json.dumps(
            {
                "version": 4,
                "terraform_version": "1.9.0",
                "serial": 3,
                "lineage": "abc",
                "resources": [],
            }
        )
    )


def binary_plan(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("tfplan", b"\x00binary plan")


@pytest.mark.parametrize(
    ("kind", "make", "named"),
    [
        ("binary", binary_plan, "binary plan file"),
        ("state", state_file, "is Terraform state"),
        ("other-json", lambda p: p.write_text('{"hello": "world"}'), "so not a plan"),
        ("list-json", lambda p: p.write_text("[1, 2]"), "a JSON plan is an object"),
        ("not-json", lambda p: p.write_text("plan: yes"), "invalid JSON"),
    ],
)
def test_bad_plan_exits_2_naming_terraform_show_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, make: object, named: str
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = tmp_path / f"{kind}.out"
    make(plan)  # type: ignore[operator]
    result = CliRunner().invoke(app, ["check", "--offline", "--plan", str(plan)])
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert named in said
    assert "terraform show -json" in said
