"""A test CA, emulators plain and TLS, ports that refuse or never answer, and a clean env."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from flexcheck.emulator import Emulator
from tests.network.world import server_context


@pytest.fixture(scope="session")
def corp_ca() -> trustme.CA:
    return trustme.CA(organization_name="Example Corp Inspection CA")


@pytest.fixture
def corp_ca_file(corp_ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "corp-ca.pem"
    corp_ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def tls_emulator(corp_ca: trustme.CA) -> Iterator[Emulator]:
    with Emulator(ssl_context=server_context(corp_ca, "127.0.0.1", "localhost")) as emulator:
        yield emulator


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts TCP connections (the kernel's backlog) and never answers."""
    with socket.create_server(("127.0.0.1", 0), backlog=16) as listener:
        yield int(listener.getsockname()[1])
