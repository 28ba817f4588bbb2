"""Which auth and API URLs a run may use: well-formed, HTTPS, and carrying no credentials."""

from __future__ import annotations

import ipaddress

import httpx

from flexcheck.errors import UsageError
from flexcheck.secrets import redact

INSECURE_OPTION = "--allow-insecure-url"


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: plain HTTP there never leaves this machine."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(value: str, option: str, *, allow_insecure: bool) -> str | None:
    """Raise UsageError for a URL the run must not use; return a warning to print, or None."""
    shown = redact.scrub_url(value)
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError, ValueError) as error:
        raise UsageError(f"{option} {shown!r} is not a valid URL ({error})") from None
    if url.port is not None and not 0 < url.port < 65536:
        raise UsageError(f"{option} {shown!r} is not a valid URL (port {url.port} is out of range)")
    if url.scheme not in ("http", "https") or not url.host or "%" in url.host:
        raise UsageError(
            f"{option} {shown!r} is not an http(s) URL with a host: give the full address, "
            "for example https://customerapiauth.fortinet.com/api/v1/oauth/token/"
        )
    if url.userinfo:
        # A password in a URL lands in shell history, `ps` and CI logs: never accept one.
        raise UsageError(
            f"{option} must not carry user:password@ ({shown}): flexcheck takes no secret on the "
            "command line. Remove it; the API user comes from the credential file."
        )
    if url.scheme == "https" or is_loopback(url.host):
        return None
    if not allow_insecure:
        raise UsageError(
            f"{option} {shown} uses plain HTTP outside this machine: the API password and token "
            f"would cross the network unencrypted. Use https://, or pass {INSECURE_OPTION} "
            "if a test endpoint really has no TLS."
        )
    return (
        f"warning: {option} {shown} uses plain HTTP ({INSECURE_OPTION}): the API password and "
        "token cross the network unencrypted."
    )
