"""The calibration run: per API user, login, reads, the write probe, revoke, a call after revoke.

It changes nothing: requests go through flexcheck's own HTTP client, whose allow-list lets
through only the login, revoke, the read endpoints and the harmless write probe `{"id": 0}`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from flexcheck import __version__
from flexcheck.calibration.transcript import Step, Transcript, answer_of
from flexcheck.errors import FlexcheckError
from flexcheck.forticloud import api
from flexcheck.forticloud.http import HttpClient
from flexcheck.secrets import redact
from flexcheck.secrets.secret import Secret

READ_ONLY, READ_WRITE, UNKNOWN_USER = "read-only", "read-write", "unknown-user"


@dataclass(frozen=True)
class ApiUser:
    role: str
    username: str
    password: Secret


class _Run:
    def __init__(self, http: HttpClient, endpoints: api.Endpoints, transcript: Transcript) -> None:
        self.http, self.endpoints, self.transcript = http, endpoints, transcript

    def post(
        self,
        role: str,
        step: str,
        url: str,
        body: Mapping[str, Any],
        token: Secret | None = None,
    ) -> dict[str, Any] | None:
        """One request, recorded; the decoded body for the next step, None when there is none."""
        headers = {"Authorization": f"Bearer {token.reveal()}"} if token else None
        path = httpx.URL(url).path
        started = time.monotonic()
        try:
            response = self.http.post_json(url, body, headers=headers, retry=False)
        except FlexcheckError as error:
            self.transcript.steps.append(
                Step(role, step, path, tuple(sorted(body)), problem=redact.scrub(str(error)))
            )
            return None
        answer = answer_of(response, time.monotonic() - started)
        self.transcript.steps.append(Step(role, step, path, tuple(sorted(body)), answer))
        try:
            decoded = response.json()
        except ValueError:
            return None
        return decoded if isinstance(decoded, dict) else None

    def read(self, role: str, endpoint: str, body: Mapping[str, Any], token: Secret) -> Any:
        return self.post(role, endpoint, self.endpoints.api(endpoint), body, token) or {}


def _remember_identifiers(body: Mapping[str, Any]) -> None:
    """Ids read back (serials, account and config ids) are masked wherever they reappear."""
    for items in body.values():
        for item in items if isinstance(items, list) else []:
            for key in ("serialNumber", "accountId", "id", "configId", "programSerialNumber"):
                value = item.get(key) if isinstance(item, dict) else None
                if isinstance(value, str | int) and not isinstance(value, bool):
                    redact.remember(str(value))


def _first(items: object, key: str) -> Any:
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0].get(key)
    return None


def _one_user(run: _Run, user: ApiUser) -> None:
    role = user.role
    body = {
        "username": user.username,
        "password": user.password.reveal(),
        "client_id": api.CLIENT_ID,
        "grant_type": "password",
    }
    login = run.post(role, "login", run.endpoints.auth_url, body) or {}
    access = login.get("access_token")
    if not isinstance(access, str) or not access:
        return
    token = Secret(access)
    programs = run.read(role, "programs/list", {}, token)
    _remember_identifiers(programs)
    serial = _first(programs.get("programs"), "serialNumber")
    account = _first(programs.get("programs"), "accountId")
    if isinstance(serial, str):
        configs = run.read(role, "configs/list", {"programSerialNumber": serial}, token)
        _remember_identifiers(configs)
        config_id = _first(configs.get("configs"), "id")
        if isinstance(config_id, int):
            listed = run.read(role, "entitlements/list", {"configId": config_id}, token)
            _remember_identifiers(listed)
    if isinstance(account, int):
        run.read(role, "groups/list", {"accountId": account}, token)
    run.post(
        role, "write-probe", run.endpoints.api(api.PROBE_ENDPOINT), api.write_probe_body(), token
    )
    revoke = {"client_id": api.CLIENT_ID, "token": token.reveal()}
    run.post(role, "revoke", api.revoke_url_for(run.endpoints.auth_url), revoke)
    run.post(role, "after-revoke", run.endpoints.api("programs/list"), {}, token)


def calibrate(http: HttpClient, endpoints: api.Endpoints, users: list[ApiUser]) -> Transcript:
    """Every step for every user, then one login as a user that cannot exist."""
    transcript = Transcript(
        f"flexcheck {__version__}",
        httpx.URL(endpoints.auth_url).host,
        httpx.URL(endpoints.api_url).host,
    )
    run = _Run(http, endpoints, transcript)
    for user in users:
        redact.remember(user.username)
        _one_user(run, user)
    # A made-up user id: learns how a refused login looks without counting against a real user.
    nobody = {
        "username": str(uuid.uuid4()).upper(),
        "password": Secret(uuid.uuid4().hex + "!1Aa").reveal(),
        "client_id": api.CLIENT_ID,
        "grant_type": "password",
    }
    run.post(UNKNOWN_USER, "login", endpoints.auth_url, nobody)
    return transcript
