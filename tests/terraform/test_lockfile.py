"""read_provider_version: the lock file first, then required_providers."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexcheck.terraform.folder import read_tf_dir
from flexcheck.terraform.lockfile import ProviderVersion, is_legacy, read_provider_version

LOCK = """# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version = "5.0.0"
}

provider "registry.terraform.io/fortinetdev/fortiflexvm" {
  version     = "%s"
  constraints = "%s"
  hashes = [
    "h1:abc=",
    "zh:def",
  ]
}
"""

REQUIRED = """
terraform {
  required_providers {
    fortiflexvm = {
      source  = "fortinetdev/fortiflexvm"
      version = "%s"
    }
  }
}
"""


def test_lock_file_2x(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(LOCK % ("2.4.3", "~> 2.3"))
    (tmp_path / "versions.tf").write_text(REQUIRED % "~> 1.0")  # the lock file wins
    pv = read_provider_version(tmp_path)
    assert pv == ProviderVersion("2.4.3", "~> 2.3", ".terraform.lock.hcl", 2)
    assert is_legacy(pv) is False


def test_lock_file_1x_is_legacy(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(LOCK % ("1.0.0", "1.0.0"))
    pv = read_provider_version(tmp_path)
    assert pv is not None
    assert (pv.version, pv.major) == ("1.0.0", 1)
    assert is_legacy(pv) is True


def test_lock_file_without_the_provider_falls_back(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(
        'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.0.0"\n}\n'
    )
    (tmp_path / "versions.tf").write_text(REQUIRED % "~> 2.3")
    assert read_provider_version(tmp_path) == ProviderVersion(None, "~> 2.3", "versions.tf", 2)


@pytest.mark.parametrize(
    ("constraint", "major", "legacy"),
    [
        ("~> 2.3", 2, False),
        ("2.4.3", 2, False),
        ("= 1.0.0", 1, True),
        ("~> 1", 1, True),
        (">= 1.0", None, None),
        (">= 2.0, < 3.0", None, None),
        ("~> 2.3, != 2.3.1", None, None),
    ],
)
def test_required_providers_constraint(
    tmp_path: Path, constraint: str, major: int | None, legacy: bool | None
) -> None:
    (tmp_path / "versions.tf").write_text(REQUIRED % constraint)
    pv = read_provider_version(tmp_path)
    assert pv is not None
    assert (pv.version, pv.constraint, pv.major) == (None, constraint, major)
    assert is_legacy(pv) is legacy


def test_required_providers_in_tf_json(tmp_path: Path) -> None:
    (tmp_path / "versions.tf.json").write_text(
        '{"terraform": {"required_providers": {"fortiflexvm": '
        '{"source": "registry.terraform.io/fortinetdev/fortiflexvm", "version": "~> 2.4"}}}}'
    )
    assert read_provider_version(tmp_path) == ProviderVersion(None, "~> 2.4", "versions.tf.json", 2)


def test_other_provider_named_fortiflexvm_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "versions.tf").write_text(
        "terraform {\n  required_providers {\n    fortiflexvm = {\n"
        '      source = "acme/fortiflexvm"\n      version = "~> 1.0"\n    }\n  }\n}\n'
    )
    assert read_provider_version(tmp_path) is None


def test_nothing_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "fortiflexvm_config" "c" {}\n')
    assert read_provider_version(tmp_path) is None
    assert is_legacy(None) is None


def test_broken_lock_file_falls_back(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(
        'provider "registry.terraform.io/fortinetdev/fortiflexvm" {'
    )
    (tmp_path / "versions.tf").write_text(REQUIRED % "~> 2.3")
    pv = read_provider_version(tmp_path)
    assert pv is not None
    assert pv.source_file == "versions.tf"


def test_an_already_read_configuration_is_used_as_given(tmp_path: Path) -> None:
    (tmp_path / "versions.tf").write_text(REQUIRED % "~> 1.0")
    config = read_tf_dir(tmp_path)
    (tmp_path / "versions.tf").write_text(REQUIRED % "~> 2.4")  # not read again
    found = read_provider_version(tmp_path, config)
    assert found is not None
    assert found.constraint == "~> 1.0"
    assert is_legacy(found) is True
    # The lock file still comes first, whatever configuration is given.
    (tmp_path / ".terraform.lock.hcl").write_text(LOCK % ("2.4.3", "~> 2.3"))
    locked = read_provider_version(tmp_path, config)
    assert locked is not None
    assert locked.version == "2.4.3"


def test_a_lock_file_in_terraform_layout_is_read_without_the_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(
        '# This file is maintained automatically by "terraform init".\n'
        'provider "registry.terraform.io/hashicorp/random" {\n  version = "3.6.0"\n}\n\n'
        'provider "registry.terraform.io/fortinetdev/fortiflexvm" {\n'
        '  version     = "1.0.0"\n  constraints = "~> 1.0"\n  hashes = [\n'
        '    "h1:abc=",\n  ]\n}\n'
    )

    def no_parser(*args: object) -> None:
        raise AssertionError("the HCL parser was used")

    monkeypatch.setattr("flexcheck.terraform.hcl.parse", no_parser)
    found = read_provider_version(tmp_path)
    assert found is not None
    assert (found.version, found.constraint, found.major) == ("1.0.0", "~> 1.0", 1)
