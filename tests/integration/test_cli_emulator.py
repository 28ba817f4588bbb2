"""The CLI end to end, as a separate process, against the emulator on real loopback sockets."""

from __future__ import annotations

import io
import socket
import zipfile

import pytest

from flexcheck.credentials.fixtures import write_credential_zip
from flexcheck.emulator import Access, Fault
from tests.integration.support import World

TOKEN_PATH = "/api/v1/oauth/token/"


def healthy(world: World) -> list[str]:
    world.add_user()
    return [
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--plan",
        str(world.write_plan()),
    ]


def test_healthy_run_passes_and_lists_every_request(world: World) -> None:
    run = world.check_json(*healthy(world))
    assert run.code == 0, run.stdout + run.stderr
    report = run.report
    assert report["ok"] is True
    assert report["schema_version"] == 1
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    core = ("credentials-file", "zip-decrypt", "api-login", "api-read", "write-permission")
    assert all(statuses[check_id] == "pass" for check_id in core)
    assert set(statuses.values()) <= {"pass", "skip"}
    # The network checks' HEAD probes run beside the login; the POSTs are the login's chain.
    posts = [r for r in report["requests"] if r["method"] == "POST"]
    paths = [r["url"].split(str(world.emulator.port), 1)[1] for r in posts]
    heads = [r for r in report["requests"] if r["method"] == "HEAD"]
    assert len(heads) == 2  # network-auth-host and network-api-host
    assert paths[0] == TOKEN_PATH
    assert set(paths[1:-1]) == {  # the read, the probe, and the plan's references
        "/ES/api/fortiflex/v2/programs/list",
        "/ES/api/fortiflex/v2/configs/update",
        "/ES/api/fortiflex/v2/configs/list",
    }
    assert paths[-1] == "/api/v1/oauth/revoke_token/"
    assert len(report["requests"]) == len(world.emulator.requests)
    assert world.emulator.active_tokens() == 0  # revoked after the checks


def test_human_report_shows_verdict_and_times(world: World) -> None:
    run = world.flexcheck(*healthy(world))
    assert run.code == 0
    assert "Ready: nothing flexcheck checked stands in the way." in run.stdout
    assert "FortiFlex API login succeeds" in run.stdout
    assert "\x1b[" not in run.stdout  # not a terminal: no colour codes


def _zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


BAD_ZIPS = {
    "not a zip": (lambda w: b"%PDF-1.7 binary \x00\x01\x02", "neither a zip"),
    "truncated": (
        lambda w: write_credential_zip(w.api_id, w.api_password, w.zip_password)[:120],
        "incomplete or damaged",
    ),
    "no credential member": (
        lambda w: _zip_with({"notes.md": b"# nothing here"}),
        "none with an API user id",
    ),
    "several candidates": (
        lambda w: _zip_with(
            {
                "a.txt": b"apiId:AAAA-1111\npassword:first-password\n",
                "b.txt": b"apiId:BBBB-2222\npassword:second-password\n",
            }
        ),
        "cannot tell which",
    ),
    "empty password": (
        lambda w: _zip_with({"c.txt": b"apiId:AAAA-1111\npassword:\n"}),
        "empty password",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ZIPS))
def test_bad_zip_fails_clearly_and_sends_nothing(world: World, case: str) -> None:
    make, expected = BAD_ZIPS[case]
    world.add_user()
    path = world.write_zip(make(world))
    run = world.check_json(
        "--credentials",
        str(path),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--require",
        "write",
    )
    assert run.code == 1
    decrypt = run.check("zip-decrypt")
    assert decrypt["status"] == "fail"
    assert expected in decrypt["summary"]
    assert decrypt["guide_step"] == 3
    assert run.check("api-login")["blocked_by"] == "zip-decrypt"
    # Only the network checks' HEAD probes, which carry no credentials, reach the host.
    assert {r["method"] for r in run.report["requests"]} <= {"HEAD"}
    assert {r.method for r in world.emulator.requests} <= {"HEAD"}


def test_wrong_zip_password(world: World) -> None:
    world.add_user()
    run = world.check_json(
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password("not-the-zip-password")),
    )
    assert run.code == 1
    assert run.status("zip-decrypt") == "fail"
    assert "zip password does not open" in run.check("zip-decrypt")["summary"]
    assert "Download Credentials" in run.check("zip-decrypt")["hint"]


def test_rejected_login_is_tried_exactly_once(world: World) -> None:
    args = healthy(world)
    world.emulator.reset_password(world.api_id)  # a re-download elsewhere made this zip stale
    run = world.check_json(*args)
    assert run.code == 1
    login = run.check("api-login")
    assert login["status"] == "fail"
    assert "HTTP 401" in login["summary"]
    assert "resets the API password" in login["hint"]
    token_requests = [
        r for r in world.emulator.requests if r.path == TOKEN_PATH and r.method == "POST"
    ]
    assert len(token_requests) == 1


def test_read_only_user_with_writes_planned_fails_with_step_1(world: World) -> None:
    world.add_user(Access.READ_ONLY)
    run = world.check_json(
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--plan",
        str(world.write_plan()),
    )
    assert run.code == 1
    permission = run.check("write-permission")
    assert permission["status"] == "fail"
    assert permission["guide_step"] == 1
    assert "fortiflexvm_entitlements_vm.web" in permission["summary"]
    assert "read-only" in permission["summary"]


def test_read_only_user_with_only_data_sources_passes_without_probe(world: World) -> None:
    world.add_user(Access.READ_ONLY)
    plan = {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": "data.fortiflexvm_configs_list.all",
                "mode": "data",
                "type": "fortiflexvm_configs_list",
                "name": "all",
                "provider_name": "registry.terraform.io/fortinetdev/fortiflexvm",
                "change": {"actions": ["read"], "before": None, "after": {}},
            }
        ],
    }
    run = world.check_json(
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--plan",
        str(world.write_plan(plan)),
    )
    assert run.code == 0
    assert run.status("write-permission") == "pass"
    assert not any(r.path.endswith("configs/update") for r in world.emulator.requests)


def test_tf_files_decide_the_need_without_a_plan(world: World) -> None:
    world.add_user(Access.READ_ONLY)
    (world.folder / "main.tf").write_text(
        'resource "fortiflexvm_config" "web" {\n  product_type = "FGT_VM_Bundle"\n}\n'
    )
    run = world.check_json(
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
    )
    assert run.code == 1
    assert "fortiflexvm_config.web" in run.check("write-permission")["summary"]


def test_nothing_declared_skips_write_permission(world: World) -> None:
    world.add_user()
    run = world.check_json(
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
    )
    assert run.code == 0
    permission = run.check("write-permission")
    assert permission["status"] == "skip"
    assert permission["blocked_by"] is None


def test_no_write_probe_warns(world: World) -> None:
    run = world.check_json(*healthy(world), "--no-write-probe")
    assert run.code == 0
    assert run.status("write-permission") == "warn"
    assert not any(r.path.endswith("configs/update") for r in world.emulator.requests)


def test_503_then_success_is_retried(world: World) -> None:
    world.emulator.add_fault(Fault(kind="status", path=TOKEN_PATH, status=503, count=1))
    # Without network-auth-host, whose HEAD could take the one 503 meant for the login.
    run = world.check_json(*healthy(world), "--skip", "network-auth-host")
    assert run.code == 0
    token_statuses = [r["status"] for r in run.report["requests"] if r["url"].endswith(TOKEN_PATH)]
    assert token_statuses == [503, 200]


def test_auth_host_refusing_connections_exits_4(world: World) -> None:
    args = healthy(world)
    with socket.socket() as placeholder:  # a port nobody listens on
        placeholder.bind(("127.0.0.1", 0))
        closed_port = placeholder.getsockname()[1]
    run = world.check_json(
        *args, "--auth-url", f"http://127.0.0.1:{closed_port}/api/v1/oauth/token/"
    )
    assert run.code == 4
    login = run.check("api-login")
    assert login["status"] == "fail"
    host = run.check("network-auth-host")
    assert "refused" in host["summary"]  # the evidence, told once by the network check
    assert "network-auth-host" in login["summary"]
    assert "127.0.0.1" in login["hint"]


def test_environment_credentials_skip_the_file_checks(world: World) -> None:
    world.add_user()
    world.extra_env = {
        "FORTIFLEX_ACCESS_USERNAME": world.api_id,
        "FORTIFLEX_ACCESS_PASSWORD": world.api_password,
    }
    run = world.check_json("--require", "read")
    assert run.code == 0
    assert run.status("credentials-file") == "skip"
    assert "environment" in run.check("credentials-file")["summary"]
    assert run.status("zip-decrypt") == "skip"
    assert run.status("api-login") == "pass"


def test_zip_password_from_stdin(world: World) -> None:
    world.add_user()
    run = world.check_json(
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        "-",
        "--require",
        "read",
        stdin=world.zip_password + "\n",
    )
    assert run.code == 0
    assert run.status("zip-decrypt") == "pass"


def test_zip_password_from_environment_and_discovery(world: World) -> None:
    world.add_user()
    world.write_zip(name="API_Credential_ABCD_11_28_2026.zip")
    world.extra_env = {"FLEXCHECK_ZIP_PASSWORD": world.zip_password}
    run = world.check_json("--require", "read")
    assert run.code == 0
    assert "found in the working directory" in run.check("credentials-file")["summary"]


def test_zipcrypto_download_warns_but_works(world: World) -> None:
    from flexcheck.credentials.archive import Protection

    world.add_user()
    path = world.write_zip(protection=Protection.ZIPCRYPTO)
    run = world.check_json(
        "--credentials",
        str(path),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--require",
        "read",
    )
    assert run.code == 0
    assert run.status("zip-decrypt") == "warn"
    assert "ZipCrypto" in run.check("zip-decrypt")["summary"]


def test_offline_skips_network_checks(world: World) -> None:
    run = world.check_json(*healthy(world), "--offline")
    assert run.code == 0
    assert run.status("api-login") == "skip"
    assert "--offline" in run.check("api-login")["summary"]
    assert world.emulator.requests == []


def test_check_and_skip_selection(world: World) -> None:
    run = world.check_json(*healthy(world), "--check", "api-read")
    ran = [c["id"] for c in run.report["checks"]]
    # --check narrows the run: the checks it leaves out are not reported as "skipped by the user".
    assert ran == ["credentials-file", "zip-decrypt", "api-login", "api-read"]
    assert "skipped by the user" not in run.stdout
    run = world.check_json(*healthy(world), "--skip", "write-permission")
    assert run.check("write-permission")["summary"] == "skipped by the user (--skip)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--credentials", "missing.zip"], "--credentials missing.zip: no such file"),
        (["--plan", "missing.json"], "--plan missing.json: no such file"),
        (["--check", "no-such-check"], "unknown check id: no-such-check"),
        (["--require", "everything"], "Invalid value"),
        (["--zip-password-file", "missing.txt"], "no such file"),
    ],
)
def test_usage_errors_exit_2_without_traceback(world: World, args: list[str], message: str) -> None:
    run = world.flexcheck(*args)
    assert run.code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_bad_plan_is_a_usage_error(world: World) -> None:
    plan = world.folder / "plan.tfplan"
    plan.write_bytes(b"PK\x03\x04binary plan")
    run = world.flexcheck("--plan", str(plan))
    assert run.code == 2
    assert "terraform show -json" in run.stderr


def test_list_and_version(world: World) -> None:
    listed = world.flexcheck("list")
    assert listed.code == 0
    for check_id in (
        "credentials-file",
        "zip-decrypt",
        "api-login",
        "api-read",
        "write-permission",
    ):
        assert check_id in listed.stdout
    version = world.flexcheck("--version")
    assert version.code == 0
    assert version.stdout.startswith("flexcheck ")


def test_colour_follows_force_color_and_no_color(world: World) -> None:
    args = healthy(world)
    env = world.env()
    coloured = world.flexcheck(*args, env={**env, "FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    plain = world.flexcheck(*args, env={**env, "FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout
    assert "Ready:" in plain.stdout
