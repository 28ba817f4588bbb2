"""FortiCloud's OAuth login and the FortiFlex v2 API, as far as flexcheck may use them."""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flexcheck.errors import LoginRejected, UnexpectedAnswer
from flexcheck.forticloud import answers
from flexcheck.secrets.secret import Secret

if TYPE_CHECKING:  # httpx loads only when a request is made: --help and --offline stay fast
    import httpx

    from flexcheck.forticloud.http import HttpClient

DEFAULT_AUTH_URL = answers.DEFAULT_AUTH_URL
DEFAULT_API_URL = answers.DEFAULT_API_URL
CLIENT_ID = "flexvm"

READ_ENDPOINTS = frozenset(
    {
        "programs/list",
        "configs/list",
        "entitlements/list",
        "entitlements/points",
        "groups/list",
    }
)
# The write probe's only endpoint; `write_probe_body` is the only body it is ever sent with.
PROBE_ENDPOINT = "configs/update"
# Config ids are positive integers: 0 names a config that cannot exist, and the body carries no
# field to change, so even a server that ignored the id would have nothing to write.
PROBE_CONFIG_ID = 0


def write_probe_body() -> dict[str, Any]:
    return {"id": PROBE_CONFIG_ID}


def host_of(url: str) -> str:
    """The host as the network checks name it (lower case, no brackets), without loading httpx."""
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def revoke_url_for(auth_url: str) -> str:
    """The revoke endpoint sits beside the token endpoint on the auth host."""
    return re.sub(r"token/?$", "revoke_token/", auth_url)


@dataclass(frozen=True)
class Endpoints:
    """The complete list of URLs a run may call; the HTTP layer refuses everything else."""

    auth_url: str
    api_url: str
    allowed: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        base = self.api_url if self.api_url.endswith("/") else self.api_url + "/"
        urls = {self.auth_url, revoke_url_for(self.auth_url)}
        urls |= {base + name for name in (*READ_ENDPOINTS, PROBE_ENDPOINT)}
        object.__setattr__(self, "allowed", frozenset(_normal(u) for u in urls))

    def api(self, endpoint: str) -> str:
        base = self.api_url if self.api_url.endswith("/") else self.api_url + "/"
        return base + endpoint

    def allows(self, url: httpx.URL) -> bool:
        return _normal(str(url)) in self.allowed

    def allows_body(self, url: httpx.URL, body: Mapping[str, Any]) -> bool:
        """The write probe may only name a config that cannot exist, and change nothing."""
        if _normal(str(url)) != _normal(self.api(PROBE_ENDPOINT)):
            return True
        return probe_body_is_harmless(body)


def probe_body_is_harmless(body: Mapping[str, Any]) -> bool:
    config_id = body.get("id")
    return (
        set(body) == {"id"}
        and isinstance(config_id, int)
        and not isinstance(config_id, bool)
        and config_id <= 0  # FortiFlex config ids are positive integers
    )


@functools.lru_cache(maxsize=256)
def _normal(url: str) -> str:
    """A URL compared with the allow-list; a run asks about the same few URLs again and again."""
    import httpx

    parsed = httpx.URL(url)
    return str(parsed.copy_with(query=None, fragment=None)).rstrip("/")


@dataclass(frozen=True)
class Token:
    access: Secret
    expires_in: int | None
    scope: str | None


@dataclass(frozen=True)
class ApiAnswer:
    """A FortiFlex envelope: `status` 0 is success; `message` says why not."""

    http_status: int
    status: int | None
    message: str
    payload: Mapping[str, Any]


def _unexpected(response: httpx.Response, text: str, hint: str = "") -> UnexpectedAnswer:
    host = response.url.host
    return UnexpectedAnswer(text, host=host, status=response.status_code, hint=hint)


def login(http: HttpClient, endpoints: Endpoints, username: str, password: Secret) -> Token:
    """The OAuth password grant. A rejected login is never retried: that risks a lockout.

    LoginRejected only for FortiCloud's own OAuth refusal; anything else that answered is an
    UnexpectedAnswer that names it (see answers.py).
    """
    body = {
        "username": username,
        "password": password.reveal(),
        "client_id": CLIENT_ID,
        "grant_type": "password",
    }
    response = http.post_json(endpoints.auth_url, body, retry=True)
    host = response.url.host
    status = response.status_code
    read = answers.read_body(response)
    foreign = answers.foreign_answer(response, answers.Role.AUTH, read)
    if foreign is not None:
        raise foreign
    answer = read.json or {}
    said = answers.message(answer)
    request_error = answers.oauth_request_error(answer)
    if request_error is not None:
        raise UnexpectedAnswer(
            f"{host} did not accept the form of the login ({request_error}: {said or 'no reason'})"
            f", HTTP {status}: it is not the FortiFlex token endpoint flexcheck expects",
            host=host,
            status=status,
            hint=f"Check --auth-url: the token URL is {DEFAULT_AUTH_URL}. "
            + answers.NOT_CREDENTIALS,
            network=False,
        )
    if 400 <= status < 500 and status != 429:
        raise LoginRejected(said or "no reason given", host=host, status=status)
    if status != 200:
        raise _unexpected(response, f"{host} answered the login with HTTP {status}")
    access = answer.get("access_token")
    if not isinstance(access, str) or not access:
        raise _unexpected(response, f"{host} accepted the login but sent no access token")
    expires = answer.get("expires_in")
    scope = answer.get("scope")
    return Token(
        Secret(access),
        expires if isinstance(expires, int) else None,
        scope if isinstance(scope, str) else None,
    )


def call(
    http: HttpClient,
    endpoints: Endpoints,
    endpoint: str,
    body: Mapping[str, Any],
    token: Token,
    *,
    retry: bool = True,
) -> ApiAnswer:
    """POST one FortiFlex endpoint and unwrap its envelope, whatever HTTP status it came with."""
    headers = {"Authorization": f"Bearer {token.access.reveal()}"}
    response = http.post_json(endpoints.api(endpoint), body, headers=headers, retry=retry)
    read = answers.read_body(response)
    foreign = answers.foreign_answer(response, answers.Role.API, read)
    if foreign is not None:
        raise foreign
    answer = read.json or {}
    status = answer.get("status")
    return ApiAnswer(
        response.status_code,
        status if isinstance(status, int) else None,
        answers.message(answer),
        answer,
    )


def revoke(http: HttpClient, endpoints: Endpoints, token: Token) -> None:
    """Best effort: whether the FortiCloud auth host serves revoke is not documented."""
    body = {"client_id": CLIENT_ID, "token": token.access.reveal()}
    http.post_json(revoke_url_for(endpoints.auth_url), body, retry=False)
