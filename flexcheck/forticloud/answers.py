"""Who answered a FortiCloud request and what they meant: the one reading every check shares.

Only FortiCloud's own JSON may be read as a verdict on the credentials or the permission
profile: an OAuth-shaped refusal from the auth host, or a FortiFlex envelope (`status`,
`message`) from the API host. Anything else that answers over HTTP (a web server at a wrong path,
a captive portal, a proxy's or firewall's block page, a gateway error) is named as what it is,
with its own fix, and never advice that would make things worse (a new credential download
resets the API password for every other pipeline that uses it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from flexcheck.errors import UnexpectedAnswer

if TYPE_CHECKING:
    import httpx

# FortiCloud's own URLs: the only places where its answers are expected (api.py uses them too).
DEFAULT_AUTH_URL = "https://customerapiauth.fortinet.com/api/v1/oauth/token/"
DEFAULT_API_URL = "https://support.fortinet.com/ES/api/fortiflex/v2/"
NOT_CREDENTIALS = "This is not a verdict on the API user or password: do not download them again."
# OAuth errors that say FortiCloud did not understand the request, not that it refused the user.
_REQUEST_ERRORS = frozenset({"invalid_client", "unsupported_grant_type", "invalid_scope"})
_GENERIC_NOT_FOUND = re.compile(
    r"^\s*(404\s*)?((page|resource|url|path)\s+)?not\s*found[.!]?\s*$", re.IGNORECASE
)
_DENIED = re.compile(
    r"authori[sz]ation denied|not authori[sz]ed|permission|forbidden|access denied|"
    r"not allowed|read[- ]?only",
    re.IGNORECASE,
)
_BLOCK_WORDS = re.compile(
    r"block|denied|forbidden|policy|filter|restricted|not allowed|firewall|security", re.IGNORECASE
)


class Role(StrEnum):
    """Which FortiCloud URL was asked: each has its own option and its own right answer."""

    AUTH = "auth"
    API = "api"

    @property
    def option(self) -> str:
        return "--auth-url" if self is Role.AUTH else "--api-url"

    @property
    def expected(self) -> str:
        return DEFAULT_AUTH_URL if self is Role.AUTH else DEFAULT_API_URL


@dataclass(frozen=True)
class Body:
    """The answer's body as far as it can be read, whatever it is."""

    json: Mapping[str, Any] | None
    html_title: str | None
    is_html: bool
    empty: bool
    problem: str = ""  # why a body that looks like JSON is not an object


def read_body(response: httpx.Response) -> Body:
    text = response.text
    content_type = response.headers.get("Content-Type", "").lower()
    is_html = "html" in content_type or text.lstrip().startswith("<")
    parsed: Any = None
    problem = ""
    if not is_html and text.strip():
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError:
            looks_json = text.lstrip()[:1] in ("{", "[")
            problem = "JSON that is cut off or malformed" if looks_json else "text, not JSON"
        else:
            problem = "" if isinstance(parsed, dict) else "JSON that is not an object"
    return Body(
        parsed if isinstance(parsed, dict) else None,
        _html_title(text) if is_html else None,
        is_html,
        not text.strip(),
        problem,
    )


def _html_title(text: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    return " ".join(match.group(1).split())[:120] if match else None


def message(body: Mapping[str, Any]) -> str:
    for key in ("error_description", "message", "error", "detail"):
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:200]
    return ""


def is_oauth_answer(body: Mapping[str, Any]) -> bool:
    """The shape of FortiCloud's OAuth endpoint: a token, or an OAuth `error`."""
    if isinstance(body.get("access_token"), str):
        return True
    return isinstance(body.get("error"), str) or isinstance(body.get("error_description"), str)


def is_envelope(body: Mapping[str, Any]) -> bool:
    """The shape of every FortiFlex v2 answer: an integer `status` (0 is success)."""
    status = body.get("status")
    return isinstance(status, int) and not isinstance(status, bool)


def says_denied(said: str) -> bool:
    """FortiFlex's own words for "this API user may not": the permission profile's fault."""
    return bool(_DENIED.search(said))


def oauth_request_error(body: Mapping[str, Any]) -> str | None:
    """The OAuth error code when FortiCloud refused the request's form, not the user."""
    error = body.get("error")
    return error if isinstance(error, str) and error in _REQUEST_ERRORS else None


def foreign_answer(response: httpx.Response, role: Role, body: Body) -> UnexpectedAnswer | None:
    """What answered, when it was not FortiCloud's own JSON for `role`; None when it was."""
    status = response.status_code
    if body.json is not None:
        if role is Role.AUTH and is_oauth_answer(body.json):
            return None
        # A web server at a wrong path may answer in the envelope's shape ("Not found").
        generic_404 = status == 404 and _GENERIC_NOT_FOUND.match(message(body.json))
        if role is Role.API and is_envelope(body.json) and not generic_404:
            return None
    return _who_else(response, role, body)


def _who_else(response: httpx.Response, role: Role, body: Body) -> UnexpectedAnswer:
    host = response.url.host
    status = response.status_code
    path = response.url.path
    said = _said(body)

    def answer(text: str, hint: str, *, network: bool = True) -> UnexpectedAnswer:
        return UnexpectedAnswer(text, host=host, status=status, hint=hint, network=network)

    if 300 <= status < 400:
        where = response.headers.get("Location", "somewhere else")[:120]
        return answer(
            f"{host} redirected to {where} instead of answering (HTTP {status}): a captive "
            "portal or a proxy's login page is in the way",
            f"Open {where} in a browser on this machine and log in (hotel, guest or corporate "
            f"portal), or ask IT to let this machine reach {host} directly. {NOT_CREDENTIALS}",
        )
    if status in (404, 405, 410):
        return answer(
            f"{host} has no FortiCloud {role} endpoint at {path} (HTTP {status}{said}): the URL "
            "is mistyped",
            f"Check {role.option} for a typo in the path: the {role} URL is {role.expected}. "
            + NOT_CREDENTIALS,
            network=False,
        )
    if body.is_html:
        title = f' titled "{body.html_title}"' if body.html_title else ""
        blocked = status in (401, 403) or _BLOCK_WORDS.search(body.html_title or "")
        kind = ", a block page," if blocked else ""
        return answer(
            f"{host} sent an HTML page{title}{kind} instead of FortiCloud's JSON (HTTP {status}): "
            "a proxy, web filter, firewall or captive portal answers in FortiCloud's place",
            f"Open {response.url} in a browser on this machine to read the page; ask IT to "
            f"allow HTTPS to {host} (or log in to the portal). {NOT_CREDENTIALS}",
        )
    if status >= 500 or status == 429:
        what = "is limiting requests" if status == 429 else "reports a server error"
        return answer(
            f"{host} {what} (HTTP {status}{said})",
            "Run again in a few minutes; if it persists, check Fortinet's status page. "
            + NOT_CREDENTIALS,
        )
    shown = "an empty answer" if body.empty else body.problem or "JSON that is not FortiCloud's"
    return answer(
        f"{host} sent {shown} (HTTP {status}{said}): something other than FortiCloud answers at "
        f"this URL",
        f"Check {role.option} (the {role} URL is {role.expected}) and whether a proxy or "
        f"firewall answers for {host}. {NOT_CREDENTIALS}",
    )


def _said(body: Body) -> str:
    said = message(body.json) if body.json is not None else ""
    return f', "{said[:80]}"' if said else ""
