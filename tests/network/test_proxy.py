"""Through a CONNECT proxy: working, dead, asking for credentials, bypassed; Terraform's route."""

from __future__ import annotations

from pathlib import Path

import trustme

from flexcheck.core.model import Status
from flexcheck.core.verdict import ExitCode
from flexcheck.emulator import Emulator
from flexcheck.emulator.handlers import API_PREFIX, LOGIN_PATH
from flexcheck.report import json_report
from tests.network.proxy_server import ConnectProxy
from tests.network.world import options_for, run, server_context

# Only the proxy knows this name, as in a network whose DNS resolves nothing outside.
HIDDEN = "forticloud.invalid"


def _hidden_urls(port: int) -> dict[str, str]:
    base = f"https://{HIDDEN}:{port}"
    return {"auth_url": base + LOGIN_PATH, "api_url": base + API_PREFIX}


def test_working_proxy_carries_the_run_and_parity_fails_for_terraform(
    corp_ca: trustme.CA, corp_ca_file: Path, tmp_path: Path
) -> None:
    with (
        Emulator(ssl_context=server_context(corp_ca, HIDDEN)) as emulator,
        ConnectProxy(hosts={HIDDEN: "127.0.0.1"}) as proxy,
    ):
        options = options_for(
            emulator, tmp_path, ca_bundle=corp_ca_file, **_hidden_urls(emulator.port)
        )
        env = {"HTTPS_PROXY": proxy.url(), "SSL_CERT_FILE": str(corp_ca_file)}
        result = run(options, env)
        hidden_target = f"{HIDDEN}:{emulator.port}"
    assert result["network-auth-host"].status is Status.PASS
    assert (
        f"through the proxy http://127.0.0.1:{proxy.port} (HTTPS_PROXY)"
        in result["network-auth-host"].summary
    )
    assert result["api-login"].status is Status.PASS
    assert hidden_target in proxy.connects
    parity = result["proxy-parity"]
    # Only the proxy gets out: the provider, which connects directly, cannot log in.
    assert parity.status is Status.FAIL
    assert "DNS hop" in parity.summary
    assert "terraform apply would fail" in parity.summary
    assert "Plugin did not respond" in parity.summary
    assert result.code is ExitCode.UNREACHABLE


def test_proxy_parity_passes_when_the_direct_route_works_too(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path
) -> None:
    with ConnectProxy() as proxy:
        options = options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file)
        result = run(options, {"https_proxy": proxy.url(), "SSL_CERT_FILE": str(corp_ca_file)})
    assert proxy.connects  # the run really went through the proxy
    parity = result["proxy-parity"]
    assert parity.status is Status.PASS
    assert "the route and trust the Terraform provider uses work too" in parity.summary


def test_dead_proxy_and_no_direct_route_names_the_proxy_hop(
    corp_ca: trustme.CA, corp_ca_file: Path, tmp_path: Path, closed_port: int
) -> None:
    with Emulator(ssl_context=server_context(corp_ca, HIDDEN)) as emulator:
        options = options_for(
            emulator, tmp_path, ca_bundle=corp_ca_file, **_hidden_urls(emulator.port)
        )
        result = run(options, {"HTTPS_PROXY": f"http://127.0.0.1:{closed_port}"})
    host = result["network-auth-host"]
    assert host.status is Status.FAIL
    assert host.summary.startswith("proxy hop failed")
    assert "refused the connection" in host.summary
    assert "the Terraform provider's direct route fails too: DNS hop" in host.summary
    assert "network-auth-host (proxy hop)" in result["api-login"].summary
    assert result.code is ExitCode.UNREACHABLE


def test_a_dead_proxy_only_flexcheck_would_use_does_not_fail_the_gate(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path, closed_port: int
) -> None:
    # The provider ignores HTTPS_PROXY: terraform plan and apply succeed through a dead one.
    options = options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file)
    env = {"HTTPS_PROXY": f"http://127.0.0.1:{closed_port}", "SSL_CERT_FILE": str(corp_ca_file)}
    result = run(options, env)
    host = result["network-auth-host"]
    assert host.status is Status.WARN
    assert "as the Terraform provider connects" in host.summary
    assert "refused the connection" in host.summary
    assert "terraform init downloads the provider through" in host.summary
    assert result["api-login"].status is Status.PASS  # flexcheck went direct, as the provider
    assert result["write-permission"].status is Status.PASS
    assert result["proxy-parity"].status is Status.PASS
    assert result.code is ExitCode.OK


def test_a_dead_proxy_with_the_provider_installed_passes(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path, closed_port: int
) -> None:
    (tmp_path / ".terraform/providers/registry.terraform.io/fortinetdev/fortiflexvm").mkdir(
        parents=True
    )
    options = options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file)
    env = {"HTTPS_PROXY": f"http://127.0.0.1:{closed_port}", "SSL_CERT_FILE": str(corp_ca_file)}
    result = run(options, env)
    assert result["network-auth-host"].status is Status.PASS
    assert "already installed" in result["network-auth-host"].summary


def test_proxy_answering_407_names_it_and_never_prints_the_password(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path
) -> None:
    with ConnectProxy(credentials=("alice", "right-horse-battery")) as proxy:
        options = options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file)
        env = {
            "HTTPS_PROXY": proxy.url("alice", "wrong-staple-9"),
            "SSL_CERT_FILE": str(corp_ca_file),
        }
        result = run(options, env)
    host = result["network-auth-host"]
    assert host.status is Status.WARN  # the provider never asks this proxy anything
    assert "407 Proxy Authentication Required" in host.summary
    assert "refused the user and password given" in host.summary
    assert "http://***@127.0.0.1" in host.summary
    assert result.code is ExitCode.OK, result.text()
    report = json_report.render(result.result, result.code) + result.text()
    assert "wrong-staple-9" not in report


def test_proxy_with_the_right_credentials_passes(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path
) -> None:
    with ConnectProxy(credentials=("alice", "right-horse-battery")) as proxy:
        options = options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file)
        result = run(options, {"HTTPS_PROXY": proxy.url("alice", "right-horse-battery")})
    assert result["api-login"].status is Status.PASS
    assert result["network-api-host"].status is Status.PASS
    assert "right-horse-battery" not in result.text()


def test_no_proxy_bypass_goes_direct_and_says_why(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path
) -> None:
    with ConnectProxy() as proxy:
        options = options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file)
        env = {
            "HTTPS_PROXY": proxy.url(),
            "NO_PROXY": "example.com,127.0.0.1",
            "SSL_CERT_FILE": str(corp_ca_file),
        }
        result = run(options, env)
    assert proxy.connects == []
    assert (
        "direct (NO_PROXY entry '127.0.0.1' bypasses HTTPS_PROXY)"
        in result["network-auth-host"].summary
    )
    assert result["proxy-parity"].status is Status.PASS
    assert result.code is ExitCode.OK
