"""Module trees on disk, written the way users lay them out, and Terraform itself when present."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOURCE = """terraform {
  required_providers {
    fortiflexvm = {
      source = "fortinetdev/fortiflexvm"
    }
  }
}
"""
ROOT = (
    SOURCE.replace(
        'source = "fortinetdev/fortiflexvm"',
        'source  = "fortinetdev/fortiflexvm"\n      version = "2.4.3"',
    )
    + 'provider "fortiflexvm" {}\n'
)
CONFIG = 'resource "fortiflexvm_config" "x" {\n  product_type = "FGT_VM_Bundle"\n}\n'


def put(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def terraform(folder: Path, *args: str) -> str:
    """Run the real Terraform offline; the test skips where it is not installed."""
    binary = shutil.which("terraform")
    if binary is None:
        pytest.skip("terraform is not installed")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(folder),
        "CHECKPOINT_DISABLE": "1",
        "TF_CLI_CONFIG_FILE": os.devnull,
        "TF_IN_AUTOMATION": "1",
    }
    done = subprocess.run(
        [binary, *args, "-no-color"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout + done.stderr


def build_large_tree(root: Path) -> None:
    """100 module folders of 5 files (500 files and the root's): 10 top modules, 9 below each,
    each top module called twice from the root (like `count` split over two calls)."""
    calls = "".join(
        f'module "t{i}{copy}" {{\n  source = "./modules/t{i}"\n}}\n'
        for i in range(10)
        for copy in ("a", "b")
    )
    put(root, "main.tf", ROOT + calls)
    for i in range(10):
        inner = "".join(f'module "c{j}" {{\n  source = "./c{j}"\n}}\n' for j in range(9))
        folders = [(f"modules/t{i}", inner)] + [(f"modules/t{i}/c{j}", "") for j in range(9)]
        for folder, calls_here in folders:
            put(root, f"{folder}/main.tf", SOURCE + calls_here)
            for k in range(4):
                put(root, f"{folder}/r{k}.tf", CONFIG.replace('"x"', f'"r{k}"'))
