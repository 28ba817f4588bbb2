"""Every class of "who answered" against a real loopback server: only FortiCloud's own refusal
is blamed on the credentials, and each other answer is named with its own fix and exit code."""

from __future__ import annotations

import io
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from rich.console import Console

from flexcheck.core.context import Need, Options
from flexcheck.core.model import Status
from flexcheck.core.verdict import ExitCode
from flexcheck.emulator import Emulator
from flexcheck.emulator.demo_world import Scenario, build_world
from flexcheck.emulator.handlers import API_PREFIX, LOGIN_PATH
from flexcheck.network.meanings import PROXY_URL_FORMAT, explain_handshake
from flexcheck.report import human
from tests.forticloud.servers import (
    BLOCK_PAGE,
    CAPTIVE_PORTAL,
    NOT_FOUND_TEXT,
    fixed_proxy,
    http_server,
    old_tls_only_context,
)
from tests.helpers import interpreter_floor_of_openssl
from tests.network.world import options_for, run

NETWORK_CHECKS = ("network-auth-host", "network-api-host", "proxy-parity", "clock-skew")
DAMAGING = "download"  # the advice that resets the API password for every other pipeline


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


def _no_credential_blame(hint: str) -> None:
    assert DAMAGING not in hint.lower().replace("do not download them again", "")


def test_wrong_auth_path_404_is_a_url_typo_not_a_rejected_login(
    emulator: Emulator, tmp_path: Path
) -> None:
    result = run(options_for(emulator, tmp_path, auth_url=emulator.base_url + "/oauth/token/"))
    login = result["api-login"]
    assert login.status is Status.FAIL
    assert "no FortiCloud auth endpoint at /oauth/token/ (HTTP 404" in login.summary
    assert "rejected" not in login.summary
    assert "--auth-url" in login.hint
    _no_credential_blame(login.hint)
    assert login.guide_step is None  # not Step 3
    assert result.code is ExitCode.FAILED  # a typo: retrying in CI will not help


def test_plain_text_404_at_the_auth_url_is_a_url_typo(emulator: Emulator, tmp_path: Path) -> None:
    with http_server(lambda method, path: NOT_FOUND_TEXT) as base:
        result = run(
            options_for(emulator, tmp_path, auth_url=base + LOGIN_PATH), skip=NETWORK_CHECKS
        )
    login = result["api-login"]
    assert "(HTTP 404" in login.summary
    assert "the URL is mistyped" in login.summary
    _no_credential_blame(login.hint)


def test_wrong_api_path_404_is_not_blamed_on_the_permission_profile(
    emulator: Emulator, tmp_path: Path
) -> None:
    api_url = emulator.base_url + "/ES/api/fortiflex/v9/"
    result = run(options_for(emulator, tmp_path, api_url=api_url, require=Need.WRITE))
    read = result["api-read"]
    assert read.status is Status.FAIL
    assert "no FortiCloud api endpoint at /ES/api/fortiflex/v9/programs/list" in read.summary
    assert "permission profile" not in read.hint
    assert "--api-url" in read.hint
    # the write probe must not read a wrong path's "Not found" as "the config does not exist"
    assert result["write-permission"].status is Status.FAIL
    assert "(HTTP 404" in result["write-permission"].summary


def test_html_block_page_is_named_and_counts_as_the_network(
    emulator: Emulator, tmp_path: Path
) -> None:
    with http_server(lambda method, path: BLOCK_PAGE) as base:
        options = options_for(
            emulator, tmp_path, auth_url=base + LOGIN_PATH, api_url=base + API_PREFIX
        )
        result = run(options)
    assert result["network-auth-host"].status is Status.WARN
    login = result["api-login"]
    assert login.status is Status.FAIL
    assert login.network
    assert 'HTML page titled "Access Denied - Corporate Web Filter", a block page,' in login.summary
    assert "rejected" not in login.summary
    _no_credential_blame(login.hint)
    assert result.code is ExitCode.UNREACHABLE  # 4, not 1


def test_captive_portal_redirect_is_named(emulator: Emulator, tmp_path: Path) -> None:
    with http_server(lambda method, path: CAPTIVE_PORTAL) as base:
        options = options_for(
            emulator, tmp_path, auth_url=base + LOGIN_PATH, api_url=base + API_PREFIX
        )
        result = run(options, skip=NETWORK_CHECKS)
    login = result["api-login"]
    assert "redirected to http://portal.example/login" in login.summary
    assert "captive portal" in login.summary
    assert "http://portal.example/login" in login.hint
    assert result.code is ExitCode.UNREACHABLE


def test_the_oauth_refusal_alone_advises_a_new_download(emulator: Emulator, tmp_path: Path) -> None:
    world = build_world(Scenario.STALE_PASSWORD, tmp_path, emulator)
    options = Options(
        credentials=world.credentials,
        zip_password=world.zip_password,
        require=Need.READ,
        auth_url=emulator.auth_url,
        api_url=emulator.api_url,
        cwd=tmp_path,
    )
    login = run(options, skip=NETWORK_CHECKS)["api-login"]
    assert login.status is Status.FAIL
    assert "FortiCloud rejected the login" in login.summary
    assert "Download again" in login.hint
    assert login.guide_step == 3


@pytest.mark.parametrize(
    ("status_line", "meaning", "hint"),
    [
        (b"407 Proxy Authentication Required", "it wants credentials", PROXY_URL_FORMAT),
        (b"401 Unauthorized", "tinyproxy, among others, answers 401", PROXY_URL_FORMAT),
        (b"403 Forbidden", "its policy forbids tunnels", "Ask IT to allow HTTPS (CONNECT)"),
        (b"500 Internal Server Error", "could not reach forticloud.test:443 itself", "run again"),
        (b"503 Service Unavailable", "could not reach forticloud.test:443 itself", "run again"),
    ],
)
def test_each_proxy_answer_has_its_own_meaning_and_fix(
    emulator: Emulator, tmp_path: Path, status_line: bytes, meaning: str, hint: str
) -> None:
    urls = {
        "auth_url": "https://forticloud.test" + LOGIN_PATH,
        "api_url": "https://forticloud.test" + API_PREFIX,
    }
    with fixed_proxy(status_line) as port:
        env = {"HTTPS_PROXY": f"http://127.0.0.1:{port}"}
        walked = run(options_for(emulator, tmp_path, **urls), env)
        direct_login = run(options_for(emulator, tmp_path, **urls), env, skip=NETWORK_CHECKS)
    host = walked["network-auth-host"]
    assert host.status is Status.FAIL
    assert meaning in host.summary
    assert hint in host.hint
    if not status_line.startswith(b"403"):
        assert "CONNECT" not in host.hint  # "ask IT to allow CONNECT" is the wrong fix here
    assert walked.code is ExitCode.UNREACHABLE
    login = direct_login["api-login"]  # the same reading through the HTTP client
    assert meaning.split(" itself")[0].replace(":443", "") in login.summary
    assert hint in login.hint


def test_the_407_hint_shows_the_proxy_url_format_in_the_printed_report(
    emulator: Emulator, tmp_path: Path
) -> None:
    urls = {
        "auth_url": "https://forticloud.test" + LOGIN_PATH,
        "api_url": "https://forticloud.test" + API_PREFIX,
    }
    with fixed_proxy(b"407 Proxy Authentication Required") as port:
        result = run(
            options_for(emulator, tmp_path, **urls), {"HTTPS_PROXY": f"http://127.0.0.1:{port}"}
        )
    out = io.StringIO()
    human.render(Console(file=out, width=200, color_system=None), result.result, result.code)
    assert "http://USER:PASSWORD@proxy.example:3128" in out.getvalue()


def test_plain_http_on_the_tls_port_is_not_a_certificate_problem(
    emulator: Emulator, tmp_path: Path
) -> None:
    base = emulator.base_url.replace("http://", "https://")
    options = options_for(emulator, tmp_path, auth_url=base + LOGIN_PATH, api_url=base + API_PREFIX)
    result = run(options)
    host = result["network-auth-host"]
    assert host.summary.startswith("TLS hop failed")
    assert "answered, but not with TLS (OpenSSL: WRONG_VERSION_NUMBER)" in host.summary
    assert "root CA" not in host.hint
    assert "port" in host.hint
    login = run(options, skip=NETWORK_CHECKS)["api-login"]
    assert "not with TLS" in login.summary
    assert "root CA" not in login.hint


@pytest.mark.parametrize("floor", ["python's", "openssl's"])
@pytest.mark.parametrize(
    "version", [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1], ids=["1.0", "1.1"]
)
def test_a_server_older_than_tls_1_2_is_a_protocol_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: ssl.TLSVersion, floor: str
) -> None:
    # The provider's Go client refuses anything older than TLS 1.2, whatever Python allows. With
    # OpenSSL's floor (Debian's and Ubuntu's python3), flexcheck went as far as TLS 1.0 and then
    # failed with a bare "SSLError" that explained nothing.
    if floor == "openssl's":
        interpreter_floor_of_openssl(monkeypatch)
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with (
        Emulator() as emulator,
        http_server(lambda m, p: NOT_FOUND_TEXT, old_tls_only_context(ca, version)) as base,
    ):
        options = options_for(
            emulator,
            tmp_path,
            auth_url=base + LOGIN_PATH,
            api_url=base + API_PREFIX,
            ca_bundle=ca_file,
        )
        result = run(options)
        login = run(options, skip=NETWORK_CHECKS)["api-login"]
    host = result["network-auth-host"]
    assert host.summary.startswith("TLS hop failed")
    assert "TLSV1_ALERT_PROTOCOL_VERSION" in host.summary
    assert "outdated protocol such as TLS 1.0" in host.summary
    assert "root CA" not in host.hint
    assert "TLS 1.2" in host.hint
    assert "outdated protocol such as TLS 1.0" in login.summary


def test_an_openssl_error_without_a_code_is_named_by_its_words() -> None:
    # Pure parsing: OpenSSL 3 raises this one with no reason code (seen with Debian's python3).
    error = ssl.SSLError(1, "[SSL] legacy sigalg disallowed or unsupported (_ssl.c:992)")
    evidence, hint = explain_handshake("forticloud.example:443", error)
    assert "(OpenSSL: legacy sigalg disallowed or unsupported)" in evidence
    assert "outdated protocol" in evidence
    assert "TLS 1.2" in hint
