"""Routes one request to the auth host or a FortiFlex endpoint and decides the answer.

Answers chosen where the real service is undocumented (see fortiflex-api.md):

- Login, success: 200 with the IAMDOC body. Unknown user or wrong password: `reject_status`
  (default 401) `{"error": "invalid_grant", "error_description": "Invalid credentials given.",
  "status": "error"}`.
  Malformed JSON or missing username/password: 400 `invalid_request`; `client_id` other than
  `flexvm`: 400 `invalid_client`; `grant_type` other than `password`: 400 `unsupported_grant_type`.
- Revoke: 200 `{"status": "success", "message": "Token revoked."}`, also for an unknown token
  (as RFC 7009 asks); malformed body or missing token: 400 `invalid_request`; bad client_id: 400.
- FortiFlex API, in this order: bad, revoked or expired token → `bad_token_status` (default 401)
  `{"status": -1, "message": "Invalid security token."}`; a write by a read-only user →
  `denied_status` (default 403; 200 for `--deny-style 200`) `{"status": -1, "message":
  "Authorization denied"}`; body not a JSON object → 400 `"Invalid JSON body."`; then the
  endpoint's own 400/404 (see endpoints/__init__.py).
- With `validate_first`, a strict validator answers before the permission check: ids must be
  positive integers, and every refusal of a write's form (HTTP 400) reaches read-only users
  too. Lookups (404) still come after it. This is the world where the write probe cannot tell.
- Unknown path: 404 `{"status": -1, "message": "Not found"}`. A known path with a method other
  than POST: 405 `{"status": -1, "message": "Method not allowed"}`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flexcheck.emulator.endpoints.fields import Endpoint, Json, Rejected
from flexcheck.emulator.endpoints.routes import READS, V1, WRITES
from flexcheck.emulator.state import State
from flexcheck.emulator.values import Access

LOGIN_PATH = "/api/v1/oauth/token/"
REVOKE_PATH = "/api/v1/oauth/revoke_token/"
API_PREFIX = "/ES/api/fortiflex/v2/"
V1_PREFIX = "/ES/api/flexvm/v1/"
DENIED = "Authorization denied"
# Config, entitlement and account ids are positive: the strict validator refuses anything else.
ID_KEYS = ("id", "configId", "accountId")
CLIENT_ID = "flexvm"
SUCCESS = "Request processed successfully."


@dataclass(frozen=True)
class Answer:
    status: int
    body: Json


@dataclass(frozen=True)
class Policy:
    """The HTTP statuses nobody has documented, so that tests can try each plausible one."""

    bad_token_status: int = 401
    denied_status: int = 403
    reject_status: int = 401  # a refused login (unknown user, wrong password)
    validate_first: bool = False


def parse_json(raw: bytes) -> Any:
    """The decoded body, or None when it is empty or not JSON."""
    try:
        return json.loads(raw) if raw.strip() else None
    except (ValueError, UnicodeDecodeError):
        return None


def bearer(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _endpoint(path: str) -> str | None:
    if path.startswith(V1_PREFIX):
        name = V1 + path[len(V1_PREFIX) :].strip("/")
    elif path.startswith(API_PREFIX):
        name = path[len(API_PREFIX) :].strip("/")
        if name.startswith(V1):
            return None
    else:
        return None
    return name if name in READS or name in WRITES else None


def identify(state: State, path: str, raw: bytes, authorization: str | None) -> str | None:
    """Who a request claims to be: the token's owner, or the username of a login body."""
    owner = state.token_owner(bearer(authorization))
    if owner is None and path.rstrip("/") == LOGIN_PATH.rstrip("/"):
        body = parse_json(raw)
        if isinstance(body, dict) and isinstance(body.get("username"), str):
            return str(body["username"])
    return owner


def handle(
    state: State, policy: Policy, method: str, path: str, raw: bytes, authorization: str | None
) -> Answer:
    route = path.rstrip("/")
    endpoint = _endpoint(path)
    if route not in (LOGIN_PATH.rstrip("/"), REVOKE_PATH.rstrip("/")) and endpoint is None:
        return Answer(404, {"status": -1, "message": "Not found"})
    if method != "POST":
        return Answer(405, {"status": -1, "message": "Method not allowed"})
    if route == LOGIN_PATH.rstrip("/"):
        return _login(state, policy, raw)
    if route == REVOKE_PATH.rstrip("/"):
        return _revoke(state, raw)
    assert endpoint is not None  # noqa: S101  # the 404 above
    return _api(state, policy, endpoint, raw, authorization)


def _oauth_error(status: int, error: str, description: str) -> Answer:
    return Answer(status, {"error": error, "error_description": description, "status": "error"})


def _login(state: State, policy: Policy, raw: bytes) -> Answer:
    body = parse_json(raw)
    if not isinstance(body, dict):
        return _oauth_error(400, "invalid_request", "The request body must be a JSON object.")
    if body.get("client_id") != CLIENT_ID:
        return _oauth_error(400, "invalid_client", "Invalid client_id parameter value.")
    if body.get("grant_type") != "password":
        return _oauth_error(400, "unsupported_grant_type", "Invalid grant_type parameter value.")
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or not username:
        return _oauth_error(400, "invalid_request", "Request is missing username parameter.")
    user = state.check_password(username, password)
    if user is None:
        return _oauth_error(policy.reject_status, "invalid_grant", "Invalid credentials given.")
    access, refresh = state.issue_token(user.username)
    return Answer(
        200,
        {
            "access_token": access,
            "expires_in": state.token_lifetime,
            "message": "successfully authenticated",
            "refresh_token": refresh,
            "scope": "read write",
            "status": "success",
            "token_type": "Bearer",
        },
    )


def _revoke(state: State, raw: bytes) -> Answer:
    body = parse_json(raw)
    if not isinstance(body, dict):
        return _oauth_error(400, "invalid_request", "The request body must be a JSON object.")
    if body.get("client_id") != CLIENT_ID:
        return _oauth_error(400, "invalid_client", "Invalid client_id parameter value.")
    token = body.get("token")
    if not isinstance(token, str) or not token:
        return _oauth_error(400, "invalid_request", "Request is missing token parameter.")
    state.revoke(token)
    return Answer(200, {"status": "success", "message": "Token revoked."})


def _api(
    state: State, policy: Policy, endpoint: str, raw: bytes, authorization: str | None
) -> Answer:
    user = state.valid_user(bearer(authorization))
    if user is None:
        return Answer(policy.bad_token_status, {"status": -1, "message": "Invalid security token."})
    denied = endpoint in WRITES and user.access == Access.READ_ONLY
    if denied and not policy.validate_first:
        return Answer(policy.denied_status, {"status": -1, "message": DENIED})
    body = {} if not raw.strip() else parse_json(raw)
    if not isinstance(body, dict):
        return Answer(400, {"status": -1, "message": "Invalid JSON body."})
    run = WRITES.get(endpoint) or READS[endpoint]
    try:
        if policy.validate_first and endpoint in WRITES:
            _strict_ids(body)
        with state.lock:
            if denied:
                return _rehearse(state, policy, run, body)
            payload = run(state, body)
    except Rejected as refusal:
        return _refused(refusal)
    return Answer(200, {"status": 0, "message": SUCCESS, **payload})


def _refused(refusal: Rejected) -> Answer:
    return Answer(refusal.http_status, {"status": -1, "message": refusal.message})


def _strict_ids(body: Json) -> None:
    for key in ID_KEYS:
        value = body.get(key)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise Rejected(400, f"{key} is invalid.")
        if isinstance(value, int) and value <= 0:
            raise Rejected(400, f"{key} is invalid.")


def _rehearse(state: State, policy: Policy, run: Endpoint, body: Json) -> Answer:
    """A read-only write in the validate-first world: its form refusal, else the denial."""
    snapshot = state.snapshot()
    try:
        run(state, body)
    except Rejected as refusal:
        if refusal.http_status == 400:
            return _refused(refusal)
    finally:
        state.restore(snapshot)
    return Answer(policy.denied_status, {"status": -1, "message": DENIED})
