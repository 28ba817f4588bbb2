"""The fault matrix: real loopback failures; each asserts the check, status, hop and exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
import trustme

from flexcheck.core.model import Status
from flexcheck.core.verdict import ExitCode
from flexcheck.emulator import Emulator, Fault
from flexcheck.emulator.handlers import API_PREFIX, LOGIN_PATH
from flexcheck.forticloud.http import Timeouts
from tests.network.world import options_for, run, self_signed_context, server_context

PROGRAMS = API_PREFIX + "programs/list"


def _at(port: int, scheme: str = "https", host: str = "127.0.0.1") -> dict[str, str]:
    base = f"{scheme}://{host}:{port}"
    return {"auth_url": base + LOGIN_PATH, "api_url": base + API_PREFIX}


def test_connection_refused_names_the_connect_hop(
    emulator: Emulator, tmp_path: Path, closed_port: int
) -> None:
    result = run(options_for(emulator, tmp_path, **_at(closed_port)))
    host = result["network-auth-host"]
    assert host.status is Status.FAIL
    assert host.summary.startswith("TCP connect hop failed")
    assert "refused the connection" in host.summary
    assert result.code is ExitCode.UNREACHABLE
    # The provider takes this same direct route: the user is told what Terraform will print.
    assert any("'Plugin did not respond'" in d for d in host.details)
    api = result["network-api-host"]
    assert any("Can't connect to server" in d and "6 times" in d for d in api.details)


def test_login_points_to_the_network_finding_instead_of_repeating_it(
    emulator: Emulator, tmp_path: Path, closed_port: int
) -> None:
    result = run(options_for(emulator, tmp_path, **_at(closed_port)))
    login = result["api-login"]
    assert login.status is Status.FAIL
    assert login.network
    assert "network-auth-host" in login.summary
    assert "TCP connect hop" in login.summary
    assert "refused" not in login.summary  # the evidence is told once, by the network check
    assert result["api-read"].status is Status.SKIP


def test_port_that_never_answers_times_out_at_the_tls_hop(
    emulator: Emulator, tmp_path: Path, silent_port: int
) -> None:
    # The hops before it (a numeric address, a loopback connect) take milliseconds.
    timeouts = Timeouts(connect=0.25, read=1.0)
    result = run(options_for(emulator, tmp_path, **_at(silent_port)), timeouts=timeouts)
    host = result["network-auth-host"]
    assert host.status is Status.FAIL
    assert host.summary.startswith("TLS hop failed")
    assert "gave no TLS answer within 0.25 s" in host.summary
    assert result.code is ExitCode.UNREACHABLE


def test_dns_failure_names_the_resolver_error(emulator: Emulator, tmp_path: Path) -> None:
    result = run(options_for(emulator, tmp_path, **_at(443, host="flexcheck-test.invalid")))
    host = result["network-auth-host"]
    assert host.status is Status.FAIL
    assert host.summary.startswith("DNS hop failed")
    assert "could not resolve flexcheck-test.invalid" in host.summary
    assert "network-auth-host" in result["api-login"].summary
    assert result.code is ExitCode.UNREACHABLE


def test_self_signed_certificate_is_named_with_its_issuer(tmp_path: Path) -> None:
    with Emulator(ssl_context=self_signed_context()) as emulator:
        result = run(options_for(emulator, tmp_path))
    host = result["network-auth-host"]
    assert host.status is Status.FAIL
    assert host.summary.startswith("TLS hop failed")
    assert "self-signed certificate (issued by 'Self Signed Box')" in host.summary
    assert "TLS-inspecting proxy or firewall is likely" in host.summary
    assert "--ca-bundle" in host.hint
    assert "SSL_CERT_FILE" in host.hint
    assert result.code is ExitCode.UNREACHABLE


def test_untrusted_corporate_ca_suggests_tls_inspection(
    tls_emulator: Emulator, tmp_path: Path
) -> None:
    result = run(options_for(tls_emulator, tmp_path))
    host = result["network-api-host"]
    assert host.status is Status.FAIL
    assert "issued by 'Example Corp Inspection CA'" in host.summary
    assert "not a public CA" in host.summary
    assert result.code is ExitCode.UNREACHABLE


def test_certificate_for_the_wrong_hostname(
    corp_ca: trustme.CA, corp_ca_file: Path, tmp_path: Path
) -> None:
    with Emulator(ssl_context=server_context(corp_ca, "elsewhere.example")) as emulator:
        result = run(options_for(emulator, tmp_path, ca_bundle=corp_ca_file))
    host = result["network-auth-host"]
    assert host.status is Status.FAIL
    assert host.summary.startswith("TLS hop failed")
    assert "is for elsewhere.example, not 127.0.0.1" in host.summary
    assert result.code is ExitCode.UNREACHABLE


def test_corporate_ca_trusted_through_ca_bundle(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path
) -> None:
    options = options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file)
    result = run(options, {"SSL_CERT_FILE": str(corp_ca_file)})
    assert result["network-auth-host"].status is Status.PASS
    assert "issued by 'Example Corp Inspection CA', trusted" in result["network-auth-host"].summary
    assert result["api-login"].status is Status.PASS
    assert result["proxy-parity"].status is Status.PASS
    assert result.code is ExitCode.OK


def test_a_ca_bundle_the_provider_does_not_read_fails_with_the_fix(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path
) -> None:
    result = run(options_for(tls_emulator, tmp_path, ca_bundle=corp_ca_file))
    assert result["api-login"].status is Status.PASS  # flexcheck's own route is fine
    parity = result["proxy-parity"]
    assert parity.status is Status.FAIL
    assert "TLS hop" in parity.summary
    assert f"SSL_CERT_FILE={corp_ca_file}" in parity.hint
    assert result.code is ExitCode.FAILED


def test_ssl_cert_dir_with_a_plain_file_name_is_trusted_as_go_does(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path
) -> None:
    # OpenSSL's capath reads only hash-named links; Go reads every file in SSL_CERT_DIR.
    folder = tmp_path / "certs"
    folder.mkdir()
    (folder / "ca.pem").write_bytes(corp_ca_file.read_bytes())
    result = run(options_for(tls_emulator, tmp_path), {"SSL_CERT_DIR": str(folder)})
    assert result["network-auth-host"].status is Status.PASS
    assert result["api-login"].status is Status.PASS
    assert result.code is ExitCode.OK


def test_corporate_ca_trusted_through_ssl_cert_file(
    tls_emulator: Emulator, corp_ca_file: Path, tmp_path: Path
) -> None:
    result = run(options_for(tls_emulator, tmp_path), {"SSL_CERT_FILE": str(corp_ca_file)})
    assert result["network-api-host"].status is Status.PASS
    assert result["write-permission"].status is Status.PASS
    assert result.code is ExitCode.OK


def test_429_with_retry_after_is_waited_for(emulator: Emulator, tmp_path: Path) -> None:
    # "1": the shortest wait the header can ask for (whole seconds, or a date to the second).
    emulator.add_fault(Fault("status", path=PROGRAMS, status=429, retry_after="1"))
    result = run(options_for(emulator, tmp_path), only=["api-read"])
    assert result["api-read"].status is Status.PASS
    reads = [r for r in result.result.requests if r.url.endswith("programs/list")]
    assert [r.status for r in reads] == [429, 200]
    received = [r.at for r in emulator.requests if r.path == PROGRAMS]
    assert received[1] - received[0] >= 0.95  # the second read waited the second asked for
    assert result.code is ExitCode.OK


def test_503_twice_then_200_is_retried(emulator: Emulator, tmp_path: Path) -> None:
    emulator.add_fault(Fault("status", path=PROGRAMS, status=503, count=2))
    result = run(options_for(emulator, tmp_path), only=["api-read"])
    assert result["api-read"].status is Status.PASS
    reads = [r.status for r in result.result.requests if r.url.endswith("programs/list")]
    assert reads == [503, 503, 200]
    assert result.code is ExitCode.OK


def test_html_instead_of_json_shows_the_page_title(emulator: Emulator, tmp_path: Path) -> None:
    emulator.add_fault(Fault("html", path=PROGRAMS))
    result = run(options_for(emulator, tmp_path), only=["api-read"])
    read = result["api-read"]
    assert read.status is Status.FAIL
    assert "HTML page titled" in read.summary
    assert read.network
    assert result.code is ExitCode.UNREACHABLE


def test_truncated_body_is_named(emulator: Emulator, tmp_path: Path) -> None:
    emulator.add_fault(Fault("truncated", path=LOGIN_PATH))
    result = run(options_for(emulator, tmp_path), only=["api-login"])
    login = result["api-login"]
    assert login.status is Status.FAIL
    assert "cut off" in login.summary
    assert result.code is ExitCode.UNREACHABLE


def test_server_clock_ten_minutes_off_warns(tmp_path: Path) -> None:
    with Emulator(clock_offset=600) as emulator:
        result = run(options_for(emulator, tmp_path))
    skew = result["clock-skew"]
    assert skew.status is Status.WARN
    assert "10 min behind" in skew.summary
    assert result.code is ExitCode.OK


@pytest.mark.parametrize("offset", [0, 60])
def test_clock_within_two_minutes_passes(offset: int, tmp_path: Path) -> None:
    with Emulator(clock_offset=offset) as emulator:
        result = run(options_for(emulator, tmp_path), only=["clock-skew"])
    assert result["clock-skew"].status is Status.PASS
