"""read_tf_dir: provider credentials, their sources, literal secrets and FortiFlex blocks."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flexcheck.terraform.config import ParseProblem, TfBlock
from flexcheck.terraform.folder import read_tf_dir

PASSWORD = "0123456789abcdef0123456789abcdef!1Aa"
USER = "6A1B2C3D-0000-4000-8000-123456789ABC"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_literal_credentials_are_secret_and_located(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        "# comment\n"
        f'provider "fortiflexvm" {{\n  username = "{USER}"\n  password = "{PASSWORD}"\n}}\n',
    )
    config = read_tf_dir(tmp_path)
    creds = config.provider_credentials({})
    assert creds.username.kind == "literal"
    assert creds.username.value == USER
    assert (creds.password.kind, creds.password.file, creds.password.line) == (
        "literal",
        "main.tf",
        4,
    )
    assert creds.password.literal is not None
    assert creds.password.literal.reveal() == PASSWORD
    assert creds.password.value is None
    assert [str(s) for s in config.literal_secrets()] == [
        "main.tf:4: provider block 'password' is a literal password"
    ]
    for text in (
        repr(config),
        str(config),
        repr(creds),
        str(creds),
        repr(config.literal_secrets()),
    ):
        assert PASSWORD not in text


def test_escapes_in_a_literal_password_are_resolved(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'provider "fortiflexvm" {\n  password = "a\\"b\\\\c$${d}"\n}\n')
    creds = read_tf_dir(tmp_path).provider_credentials({})
    assert creds.password.kind == "literal"
    assert creds.password.literal is not None
    assert creds.password.literal.reveal() == 'a"b\\c${d}'


def test_heredoc_password_is_a_literal(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'provider "fortiflexvm" {\n  password = <<EOT\nhunter22\nEOT\n}\n')
    creds = read_tf_dir(tmp_path).provider_credentials({})
    assert creds.password.literal is not None
    assert creds.password.literal.reveal() == "hunter22"


PROVIDER_WITH_VARS = """
variable "user" {}
variable "pw" {
  type      = string
  sensitive = true
  default   = "%s"
}
provider "fortiflexvm" {
  username = var.user
  password = "${var.pw}"
}
"""


def test_variable_from_default(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER_WITH_VARS % PASSWORD)
    config = read_tf_dir(tmp_path)
    creds = config.provider_credentials({})
    assert (creds.password.kind, creds.password.variable, creds.password.line) == (
        "variable",
        "pw",
        10,
    )
    assert creds.password.literal is None
    resolution = creds.password.resolution
    assert resolution is not None
    assert (resolution.source, resolution.file, resolution.line) == ("default", "main.tf", 6)
    assert resolution.literal_in_file
    assert creds.username.resolution is not None
    assert creds.username.resolution.source == "unset"
    assert [(s.file, s.line, s.kind, s.name) for s in config.literal_secrets()] == [
        ("main.tf", 6, "default", "pw")
    ]
    assert PASSWORD not in repr(config) + repr(creds)


def test_tfvars_wins_over_env_and_default(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER_WITH_VARS % "default-value")
    write(tmp_path, "terraform.tfvars", f'\nuser = "{USER}"\npw = "{PASSWORD}"\n')
    config = read_tf_dir(tmp_path)
    creds = config.provider_credentials({"TF_VAR_pw": "from-env"})
    resolution = creds.password.resolution
    assert resolution is not None
    assert (resolution.source, resolution.file, resolution.line) == (
        "tfvars",
        "terraform.tfvars",
        3,
    )
    assert resolution.auto_loaded
    assert resolution.literal_in_file
    locations = {(s.file, s.kind, s.name) for s in config.literal_secrets()}
    assert locations == {("terraform.tfvars", "tfvars", "pw"), ("main.tf", "default", "pw")}
    assert PASSWORD not in repr(config)


def test_auto_tfvars_override_terraform_tfvars(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER_WITH_VARS % "x")
    write(tmp_path, "terraform.tfvars", 'pw = "one"\n')
    write(tmp_path, "b.auto.tfvars.json", json.dumps({"pw": "two"}))
    write(tmp_path, "a.auto.tfvars", 'pw = "three"\n')
    resolution = read_tf_dir(tmp_path).resolve_variable("pw", {})
    assert (resolution.source, resolution.file) == ("tfvars", "b.auto.tfvars.json")


def test_env_wins_over_default(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER_WITH_VARS % "x")
    creds = read_tf_dir(tmp_path).provider_credentials({"TF_VAR_pw": "e", "TF_VAR_user": "u"})
    assert creds.password.resolution is not None
    assert creds.password.resolution.source == "env"
    assert creds.password.resolution.file is None
    assert creds.username.resolution is not None
    assert creds.username.resolution.source == "env"


def test_unset_variable_and_manual_tfvars(tmp_path: Path) -> None:
    write(
        tmp_path, "main.tf", 'variable "pw" {}\nprovider "fortiflexvm" {\n  password = var.pw\n}\n'
    )
    assert read_tf_dir(tmp_path).resolve_variable("pw", {}).source == "unset"
    write(tmp_path, "prod.tfvars", 'pw = "p"\n')
    resolution = read_tf_dir(tmp_path).resolve_variable("pw", {})
    assert (resolution.source, resolution.file, resolution.auto_loaded) == (
        "tfvars",
        "prod.tfvars",
        False,
    )


def test_expression_records_its_one_variable(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        'provider "fortiflexvm" {\n  username = local.user\n  password = trimspace(var.pw)\n}\n',
    )
    creds = read_tf_dir(tmp_path).provider_credentials({})
    assert (creds.username.kind, creds.username.variable) == ("expression", None)
    assert (creds.password.kind, creds.password.variable) == ("expression", "pw")


def test_absent_credentials_and_null(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'provider "fortiflexvm" {\n  password = null\n}\n')
    creds = read_tf_dir(tmp_path).provider_credentials({})
    assert (creds.username.kind, creds.username.file, creds.username.line) == (
        "absent",
        "main.tf",
        1,
    )
    assert creds.password.kind == "absent"


def test_no_provider_block_means_absent(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'resource "fortiflexvm_config" "c" {}\n')
    creds = read_tf_dir(tmp_path).provider_credentials({})
    assert (creds.username.kind, creds.password.kind, creds.file) == ("absent", "absent", None)


def test_aliased_provider_is_chosen_by_alias(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        'provider "fortiflexvm" {\n  username = "a"\n}\n'
        'provider "fortiflexvm" {\n  alias = "second"\n  username = "b"\n}\n',
    )
    config = read_tf_dir(tmp_path)
    assert config.provider_credentials({}).username.value == "a"
    assert config.provider_credentials({}, alias="second").username.value == "b"


def test_tfvars_password_keys_are_literal_secrets(tmp_path: Path) -> None:
    write(
        tmp_path,
        "secrets.auto.tfvars",
        '\n\nfortiflex_password = "p4ssw0rd-value"\nregion = "eu"\n',
    )
    secrets = read_tf_dir(tmp_path).literal_secrets()
    assert [(s.file, s.line, s.name) for s in secrets] == [
        ("secrets.auto.tfvars", 3, "fortiflex_password")
    ]


def test_blocks_and_write_needs(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        'resource "fortiflexvm_config" "web" {\n  name = "x"\n}\n'
        'resource "aws_instance" "vm" {}\n'
        "resource fortiflexvm_entitlements_vm bare {}\n"
        'data "fortiflexvm_configs_list" "all" {}\n'
        'ephemeral "fortiflexvm_groups_nexttoken" "t" {}\n',
    )
    config = read_tf_dir(tmp_path)
    assert config.resources == (
        TfBlock("resource", "fortiflexvm_config", "web", "main.tf", 1),
        TfBlock("resource", "fortiflexvm_entitlements_vm", "bare", "main.tf", 5),
    )
    assert [b.address for b in config.data_sources] == [
        "data.fortiflexvm_configs_list.all",
        "ephemeral.fortiflexvm_groups_nexttoken.t",
    ]
    needs = config.write_needs()
    assert [n.address for n in needs] == [
        "fortiflexvm_config.web",
        "fortiflexvm_entitlements_vm.bare",
    ]
    assert str(needs[0]) == (
        "fortiflexvm_config.web: managed resource, may create, update or destroy (main.tf:1)"
    )


def test_version_1_names(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        'resource "fortiflexvm_vms_create" "a" {}\nresource "fortiflexvm_vms_update" "b" {}\n'
        'data "fortiflexvm_vms_list" "c" {}\ndata "fortiflexvm_vms_points" "d" {}\n',
    )
    config = read_tf_dir(tmp_path)
    assert [n.type for n in config.write_needs()] == [
        "fortiflexvm_vms_create",
        "fortiflexvm_vms_update",
    ]
    assert [r.type for r in config.read_needs()] == [
        "fortiflexvm_vms_list",
        "fortiflexvm_vms_points",
    ]


def test_tf_json(tmp_path: Path) -> None:
    document = {
        "variable": {"pw": {"default": PASSWORD}},
        "provider": {"fortiflexvm": [{"username": "${var.u}", "password": "${var.pw}"}]},
        "resource": {"fortiflexvm_config": {"web": {"name": "x"}}},
        "data": {"fortiflexvm_programs_list": {"p": {}}},
    }
    write(tmp_path, "main.tf.json", json.dumps(document))
    config = read_tf_dir(tmp_path)
    creds = config.provider_credentials({})
    assert (creds.password.kind, creds.password.variable) == ("variable", "pw")
    assert creds.password.resolution is not None
    assert creds.password.resolution.source == "default"
    assert [b.address for b in config.resources] == ["fortiflexvm_config.web"]
    assert [b.address for b in config.data_sources] == ["data.fortiflexvm_programs_list.p"]
    assert [(s.file, s.name) for s in config.literal_secrets()] == [("main.tf.json", "pw")]
    assert PASSWORD not in repr(config)


def test_broken_file_is_a_problem_and_others_are_read(tmp_path: Path) -> None:
    # lark's own message would quote the token, here a bare password
    write(tmp_path, "bad.tf", 'provider "fortiflexvm" {\n  password = [hunter22 hunter22]\n}\n')
    write(tmp_path, "bad.tf.json", '{"provider": ')
    write(tmp_path, "good.tf", 'resource "fortiflexvm_config" "web" {}\n')
    config = read_tf_dir(tmp_path)
    problems = {p.file: p for p in config.problems}
    assert set(problems) == {"bad.tf", "bad.tf.json"}
    assert problems["bad.tf"].line == 2
    assert problems["bad.tf.json"].line == 1
    assert problems["bad.tf"].message == "syntax error: unexpected token NAME at line 2, column 24"
    assert "hunter22" not in repr(config.problems)
    assert [b.address for b in config.resources] == ["fortiflexvm_config.web"]


def test_non_utf8_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "latin.tf").write_bytes(b'provider "fortiflexvm" { username = "\xe9" }\n')
    assert read_tf_dir(tmp_path).problems == (
        ParseProblem("latin.tf", None, "not UTF-8 text (bad byte at offset 37)"),
    )


def test_only_terraform_files_in_the_folder_are_read(tmp_path: Path) -> None:
    secret = 'provider "fortiflexvm" {\n  password = "p"\n}\n'
    (tmp_path / ".terraform").mkdir()
    write(tmp_path / ".terraform", "x.tf", secret)
    (tmp_path / "modules").mkdir()
    write(tmp_path / "modules", "m.tf", secret)
    write(tmp_path, "main.tf~", secret)
    write(tmp_path, ".hidden.tf", secret)
    write(tmp_path, "notes.txt", secret)
    write(tmp_path, "main.tf", "")
    config = read_tf_dir(tmp_path)
    assert config.files == ("main.tf",)
    assert config.providers == ()


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_arbitrary_text_only_yields_parse_problems(tmp_path: Path, text: str) -> None:
    write(tmp_path, "fuzz.tf", text)
    write(tmp_path, "fuzz.tf.json", text)
    write(tmp_path, "fuzz.auto.tfvars", text)
    config = read_tf_dir(tmp_path)
    config.provider_credentials({})
    config.literal_secrets()
    assert {p.file for p in config.problems} <= {"fuzz.tf", "fuzz.tf.json", "fuzz.auto.tfvars"}


hcl_fragments = st.lists(
    st.sampled_from(
        [
            'provider "fortiflexvm" {',
            "}",
            "{",
            "password = ",
            "username = ",
            '"',
            "${",
            "var.pw",
            "\n",
            "<<EOT\n",
            "EOT\n",
            "[",
            "]",
            "1",
            "null",
            "# c\n",
            'variable "pw" {',
            "default = ",
            "\\",
            "%{",
            " ",
            "=",
            "resource ",
            "terraform {",
            "required_providers {",
            "fortiflexvm = ",
        ]
    ),
    max_size=25,
).map("".join)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hcl_fragments)
def test_hcl_like_text_only_yields_parse_problems(tmp_path: Path, text: str) -> None:
    write(tmp_path, "fuzz.tf", text)
    config = read_tf_dir(tmp_path)
    config.provider_credentials({"TF_VAR_pw": "x"})
    config.literal_secrets()
    config.write_needs()
