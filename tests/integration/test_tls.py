"""HTTPS against the emulator with a test CA: trusted through --ca-bundle, refused without it."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from flexcheck.emulator import Emulator
from tests.integration.support import World


@pytest.fixture
def tls_world(tmp_path: Path) -> Iterator[tuple[World, Path]]:
    ca = trustme.CA()
    server_cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_cert.configure_cert(context)
    ca_file = tmp_path / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with Emulator(ssl_context=context) as emulator:
        yield World(tmp_path, emulator), ca_file


def args(world: World) -> list[str]:
    world.add_user()
    return [
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--require",
        "write",
    ]


def test_tls_with_ca_bundle_and_ssl_cert_file_passes(tls_world: tuple[World, Path]) -> None:
    world, ca_file = tls_world
    assert world.emulator.auth_url.startswith("https://")
    world.extra_env["SSL_CERT_FILE"] = str(ca_file)  # what the provider itself reads
    run = world.check_json(*args(world), "--ca-bundle", str(ca_file))
    assert run.code == 0, run.stdout
    assert all(r["url"].startswith("https://") for r in run.report["requests"])


def test_a_ca_only_flexcheck_trusts_fails_and_says_how_to_fix_it(
    tls_world: tuple[World, Path],
) -> None:
    # Following flexcheck's own TLS hint (--ca-bundle) must not end in a false "Ready": the
    # provider never reads it, and its login would crash ("Plugin did not respond").
    world, ca_file = tls_world
    run = world.check_json(*args(world), "--ca-bundle", str(ca_file))
    assert run.code == 1, run.stdout
    assert run.check("api-login")["status"] == "pass"
    parity = run.check("proxy-parity")
    assert parity["status"] == "fail"
    assert "only through --ca-bundle" in parity["summary"]
    assert "Plugin did not respond" in parity["summary"]
    assert f"SSL_CERT_FILE={ca_file}" in parity["hint"]


def test_tls_without_the_ca_is_a_network_failure(tls_world: tuple[World, Path]) -> None:
    world, _ = tls_world
    run = world.check_json(*args(world))
    assert run.code == 4
    login = run.check("api-login")
    assert login["status"] == "fail"
    assert "TLS hop" in login["summary"]
    assert "not a public CA" in run.check("network-auth-host")["summary"]
    assert world.emulator.requests == []  # the handshake failed: nothing was sent
