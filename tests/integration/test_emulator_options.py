"""`flexcheck emulator --latency` and `--tls-cert/--tls-key`, run as a user runs them."""

from __future__ import annotations

import re
import ssl
import subprocess
import time
from pathlib import Path

import httpx
import pytest
import trustme

from tests.runtime import FLEXCHECK

# Long beside what an answer costs without it (a loopback TLS handshake, tens of milliseconds).
LATENCY = 0.25


def test_the_emulator_serves_https_with_the_given_certificate_and_latency(
    tmp_path: Path,
) -> None:
    ca = trustme.CA()
    leaf = ca.issue_cert("127.0.0.1")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    leaf.cert_chain_pems[0].write_to_path(str(cert))
    leaf.private_key_pem.write_to_path(str(key))
    command = [*FLEXCHECK, "emulator", "--port", "0", "--out",
               str(tmp_path / "emu"), "--latency", str(LATENCY), "--tls-cert", str(cert),
               "--tls-key", str(key)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.search(r"listening on (https://127\.0\.0\.1:\d+)", first)
        assert found, first + (server.stderr.read() if server.poll() is not None else "")
        url = found.group(1) + "/api/v1/oauth/token/"
        trusting = ssl.create_default_context(cafile=None)
        ca.configure_trust(trusting)
        with httpx.Client(verify=trusting, trust_env=False) as client:
            started = time.monotonic()
            answer = client.post(url, json={})
            took = time.monotonic() - started
        assert answer.status_code in (400, 401)  # an OAuth refusal: the emulator answered
        assert took >= LATENCY  # --latency waited before the answer
        with (
            httpx.Client(verify=ssl.create_default_context(), trust_env=False) as client,
            pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"),
        ):
            client.post(url, json={})  # refused: it is the given certificate that is served
    finally:
        server.terminate()
        server.wait(timeout=10)
