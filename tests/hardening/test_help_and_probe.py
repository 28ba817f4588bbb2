"""`--help` with secrets in the environment, and the write probe's body guard in the HTTP layer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from flexcheck.core.context import Options
from flexcheck.emulator import Emulator
from flexcheck.errors import RequestRefused
from flexcheck.forticloud import api as fortiflex
from flexcheck.forticloud.api import PROBE_ENDPOINT, Endpoints, Token, probe_body_is_harmless
from flexcheck.forticloud.http import HttpClient
from flexcheck.secrets.secret import Secret
from tests.helpers import loopback_client

from .world import SECRET_ENV, run_flexcheck, secret_forms

COMMANDS = [[], ["check"], ["list"], ["demo"], ["emulator"], ["inspect"], ["diff"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_help_never_shows_a_secret_from_the_environment(tmp_path: Path, command: list[str]) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200", **SECRET_ENV}
    env["FLEXCHECK_AUTH_URL"] = "https://alice:CANARY-in-url-pw@auth.example.com/token/"
    done = run_flexcheck([*command, "--help"], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"Usage:" in done.stdout
    shown = done.stdout + done.stderr
    secrets = [v for k, v in SECRET_ENV.items() if "PASSWORD" in k] + ["CANARY-in-url-pw"]
    for value in secrets:
        for form in secret_forms(value):
            assert form.encode() not in shown, f"{form!r} in --help of {command}"


ENDPOINTS = Endpoints(fortiflex.DEFAULT_AUTH_URL, fortiflex.DEFAULT_API_URL)
TOKEN = Token(Secret("probe-guard-token-value"), 3600, None)
PROBE_PATH = "/ES/api/fortiflex/v2/configs/update"


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as running:
        yield running


def loopback(emulator: Emulator) -> tuple[HttpClient, Endpoints]:
    options = Options(auth_url=emulator.auth_url, api_url=emulator.api_url)
    return loopback_client(options), options.endpoints


@pytest.mark.parametrize(
    "body",
    [
        {"id": 101},  # a config that may well exist
        {"id": 0, "name": "renamed"},  # a field that would change something
        {"id": True},
        {"id": "0"},
        {},
    ],
)
def test_probe_naming_a_possible_object_is_refused_before_sending(
    emulator: Emulator, body: dict[str, object]
) -> None:
    client, endpoints = loopback(emulator)
    with pytest.raises(RequestRefused, match="cannot exist"):
        fortiflex.call(client, endpoints, PROBE_ENDPOINT, body, TOKEN, retry=False)
    assert emulator.requests == []  # the server on loopback never saw it
    assert client.log.records() == ()


def test_the_probe_flexcheck_sends_passes_the_guard(emulator: Emulator) -> None:
    client, endpoints = loopback(emulator)
    answer = fortiflex.call(client, endpoints, PROBE_ENDPOINT, fortiflex.write_probe_body(), TOKEN)
    assert [r.path for r in emulator.requests] == [PROBE_PATH]
    assert answer.message == "Invalid security token."  # the emulator answered, over a socket
    assert probe_body_is_harmless(fortiflex.write_probe_body())


def test_read_endpoints_are_not_body_checked() -> None:
    url = httpx.URL(ENDPOINTS.api("configs/list"))
    assert ENDPOINTS.allows_body(url, {"programSerialNumber": "ELAVMR0000000001"})
