"""A file Terraform cannot parse is placed where Terraform places it, in Terraform's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flexcheck.terraform.tree import read_tree
from tests.terraform.tree_support import ROOT, put, terraform

BROKEN = {
    "unclosed block": (
        'variable "a" {}\n\nresource "fortiflexvm_config" "x" {\n  a = 1\n\nvariable "b" {}\n',
        3,
        "Unclosed configuration block",
    ),
    "unterminated string": ('variable "a" {}\nlocals {\n  x = "abc\n}\n', 3, "Unterminated"),
    "brace in a comment and a string": (
        '# {\nlocals {\n  y = "{ ${1}"\n  /* { */\n  z = <<EOT\n{\nEOT\n\nvariable "c" {}\n',
        2,
        "Unclosed configuration block",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_line_is_where_the_broken_construct_opens(tmp_path: Path, case: str) -> None:
    text, line, words = BROKEN[case]
    put(tmp_path, "main.tf", ROOT)
    put(tmp_path, "broken.tf", text)
    [problem] = read_tree(tmp_path).problems
    assert (problem.file, problem.line) == ("broken.tf", line)
    assert words in problem.message


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_terraform_validate_names_the_same_line(tmp_path: Path, case: str) -> None:
    text, line, words = BROKEN[case]
    put(tmp_path, "broken.tf", text)
    out = terraform(tmp_path, "validate")
    assert words in out
    assert re.search(rf"on broken\.tf line {line}\b", out), out


def test_a_syntax_error_in_a_module_names_the_module_file(tmp_path: Path) -> None:
    put(tmp_path, "main.tf", ROOT + 'module "m" {\n  source = "./m"\n}\n')
    put(tmp_path, "m/main.tf", 'resource "fortiflexvm_config" "x" {\n')
    [problem] = read_tree(tmp_path).problems
    assert (problem.file, problem.line) == ("m/main.tf", 1)
