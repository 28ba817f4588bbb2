"""Route decisions, certificate reading and the trust store, each against real inputs."""

from __future__ import annotations

import ssl
import sys
from pathlib import Path

import pytest
import trustme

from flexcheck.core.model import CheckOutcome, Status
from flexcheck.emulator import Emulator
from flexcheck.errors import UsageError
from flexcheck.forticloud.trust import build_ssl_context
from flexcheck.network.attribution import attribute
from flexcheck.network.route import route_for
from flexcheck.network.x509 import CertificateUnreadable, read_certificate
from flexcheck.secrets import redact
from tests.network.world import server_context

URL = "https://support.fortinet.com/ES/api/fortiflex/v2/programs/list"


@pytest.mark.parametrize(
    ("env", "proxy", "reason"),
    [
        ({}, None, "no proxy variable is set"),
        ({"HTTPS_PROXY": "proxy.corp:3128"}, "http://proxy.corp:3128", "HTTPS_PROXY"),
        ({"HTTP_PROXY": "http://p:1"}, None, "no proxy variable is set"),  # http only
        ({"ALL_PROXY": "http://p:1"}, "http://p:1", "ALL_PROXY"),
        ({"https_proxy": "http://a:1", "HTTPS_PROXY": "http://b:2"}, "http://a:1", "https_proxy"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"}, None, "NO_PROXY entry '*'"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".fortinet.com"}, None, "'.fortinet.com'"),
        ({"HTTPS_PROXY": "http://p:1", "no_proxy": "fortinet.com"}, None, "'fortinet.com'"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "notfortinet.com"}, "http://p:1", "HTTPS"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "fortinet.com:8443"}, "http://p:1", "HTTPS"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "fortinet.com:443"}, None, "fortinet.com:443"),
    ],
)
def test_route_for(env: dict[str, str], proxy: str | None, reason: str) -> None:
    route = route_for(URL, env)
    assert route.proxy == proxy
    assert reason in route.reason


def test_no_proxy_matches_addresses_and_networks() -> None:
    env = {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "10.0.0.0/8"}
    assert route_for("https://10.1.2.3/x", env).direct
    assert not route_for("https://11.1.2.3/x", env).direct


def test_proxy_password_is_never_shown() -> None:
    route = route_for(URL, {"HTTPS_PROXY": "http://bob:hunter2-secret@proxy:3128"})
    assert route.shown() == "through the proxy http://***@proxy:3128 (HTTPS_PROXY)"
    assert redact.scrub("said hunter2-secret") == "said ***"


def test_certificate_facts_match_what_the_issuer_wrote() -> None:
    ca = trustme.CA(organization_name="Corp Root")
    leaf = ca.issue_cert("a.example", "b.example")
    facts = read_certificate(ssl.PEM_cert_to_DER_cert(leaf.cert_chain_pems[0].bytes().decode()))
    assert facts.issuer == "Corp Root"
    assert facts.names == ("a.example", "b.example")
    assert not facts.self_issued
    root = read_certificate(ssl.PEM_cert_to_DER_cert(ca.cert_pem.bytes().decode()))
    assert root.self_issued
    with pytest.raises(CertificateUnreadable):
        read_certificate(b"\x30\x82\x01")


def test_ssl_cert_file_in_the_run_environment_is_trusted(
    corp_ca: trustme.CA, corp_ca_file: Path
) -> None:
    import httpx

    with Emulator(ssl_context=server_context(corp_ca, "127.0.0.1")) as emulator:
        trusting = build_ssl_context(None, {"SSL_CERT_FILE": str(corp_ca_file)})
        with httpx.Client(verify=trusting, trust_env=False) as client:
            assert client.head(emulator.auth_url).status_code == 405
        default = build_ssl_context(None, {})
        with (
            httpx.Client(verify=default, trust_env=False) as client,
            pytest.raises(httpx.ConnectError),
        ):
            client.head(emulator.auth_url)


def test_truststore_on_linux_reads_ssl_cert_file_from_the_process(
    corp_ca: trustme.CA, corp_ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents truststore 0.10 on Linux: it follows OpenSSL's default paths, so the process's
    SSL_CERT_FILE counts. flexcheck reads the variable from the run's env itself instead."""
    import httpx
    import truststore

    if sys.platform != "linux":
        pytest.skip("truststore uses the platform verifier elsewhere")
    monkeypatch.setenv("SSL_CERT_FILE", str(corp_ca_file))
    with Emulator(ssl_context=server_context(corp_ca, "127.0.0.1")) as emulator:
        context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        with httpx.Client(verify=context, trust_env=False) as client:
            assert client.head(emulator.auth_url).status_code == 405


def test_unusable_ca_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-ca.pem"
    bad.write_text("hello")
    with pytest.raises(UsageError, match="--ca-bundle"):
        build_ssl_context(str(bad), {})
    with pytest.raises(UsageError, match="SSL_CERT_FILE"):
        build_ssl_context(None, {"SSL_CERT_FILE": str(tmp_path / "missing.pem")})


def _outcome(check_id: str, status: Status, summary: str, host: str | None) -> CheckOutcome:
    return CheckOutcome(
        check_id, check_id, status, summary, "hint", None, 1, network=True, host=host
    )


def test_attribution_points_only_to_a_failed_finding_on_the_same_host() -> None:
    outcomes = [
        _outcome("network-auth-host", Status.FAIL, "TLS hop failed on the way to a:443", "a"),
        _outcome("network-api-host", Status.PASS, "b:443 reached", "b"),
        _outcome("api-login", Status.FAIL, "could not log in: evidence again", "a"),
        _outcome("api-read", Status.FAIL, "could not read: broke", "b"),
    ]
    login, read = attribute(outcomes)[2:]
    assert login.summary == (
        "a could not be reached: the cause is reported once, under network-auth-host (TLS hop)"
    )
    assert "evidence again" not in login.summary
    assert read.summary == "could not read: broke"  # its host passed: its own words stay
