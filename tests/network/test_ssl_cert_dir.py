"""SSL_CERT_DIR acts as in Go on Linux: the folders it names are trusted, several with ':'."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
import trustme

from flexcheck.emulator import Emulator
from flexcheck.forticloud.trust import build_ssl_context
from tests.network.world import server_context

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl rehash")


def hashed_folder(folder: Path, ca: trustme.CA) -> Path:
    """A CA folder as OpenSSL reads one: certificates under their subject-hash names."""
    folder.mkdir()
    ca.cert_pem.write_to_path(str(folder / "corp.pem"))
    subprocess.run(["openssl", "rehash", str(folder)], check=True, capture_output=True)
    return folder


def answers(env: dict[str, str], url: str) -> bool:
    with httpx.Client(verify=build_ssl_context(None, env), trust_env=False) as client:
        try:
            client.head(url)
        except httpx.ConnectError:
            return False
    return True


def test_a_folder_named_in_ssl_cert_dir_is_trusted(corp_ca: trustme.CA, tmp_path: Path) -> None:
    folder = hashed_folder(tmp_path / "certs", corp_ca)
    empty = tmp_path / "empty"
    empty.mkdir()
    with Emulator(ssl_context=server_context(corp_ca, "127.0.0.1")) as emulator:
        assert answers({"SSL_CERT_DIR": str(folder)}, emulator.auth_url)
        assert answers(
            {"SSL_CERT_DIR": os.pathsep.join([str(empty), str(folder)])}, emulator.auth_url
        )
        assert not answers({"SSL_CERT_DIR": str(empty)}, emulator.auth_url)
        assert not answers({}, emulator.auth_url)  # the system store does not know the CA


def test_ssl_cert_dir_adds_to_ssl_cert_file(corp_ca: trustme.CA, tmp_path: Path) -> None:
    other = tmp_path / "other-ca.pem"
    trustme.CA(organization_name="Unrelated CA").cert_pem.write_to_path(str(other))
    folder = hashed_folder(tmp_path / "certs", corp_ca)
    with Emulator(ssl_context=server_context(corp_ca, "127.0.0.1")) as emulator:
        env = {"SSL_CERT_FILE": str(other), "SSL_CERT_DIR": str(folder)}
        assert answers(env, emulator.auth_url)
        assert not answers({"SSL_CERT_FILE": str(other)}, emulator.auth_url)


def test_a_ca_added_to_the_folder_later_is_trusted_at_once(
    corp_ca: trustme.CA, tmp_path: Path
) -> None:
    # The folder's certificates are kept per state of its files: a new file is a new state.
    folder = tmp_path / "certs"
    folder.mkdir()
    trustme.CA(organization_name="Unrelated CA").cert_pem.write_to_path(str(folder / "a.pem"))
    env = {"SSL_CERT_DIR": str(folder)}
    with Emulator(ssl_context=server_context(corp_ca, "127.0.0.1")) as emulator:
        assert not answers(env, emulator.auth_url)
        corp_ca.cert_pem.write_to_path(str(folder / "ca.pem"))  # plain name, no hash link
        assert answers(env, emulator.auth_url)
        (folder / "ca.pem").unlink()
        assert not answers(env, emulator.auth_url)


def test_one_broken_block_costs_only_itself(corp_ca: trustme.CA, tmp_path: Path) -> None:
    folder = tmp_path / "certs"
    folder.mkdir()
    (folder / "broken.pem").write_text(
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n",
        encoding="ascii",
    )
    corp_ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    with Emulator(ssl_context=server_context(corp_ca, "127.0.0.1")) as emulator:
        assert answers({"SSL_CERT_DIR": str(folder)}, emulator.auth_url)
