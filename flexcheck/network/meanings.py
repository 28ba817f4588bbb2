"""What a proxy's answer and a failed TLS handshake mean, each with its own fix.

Shared by the hop walk and the HTTP client, so the network checks and the login name a failure
the same way. Proxies differ: tinyproxy answers a wrong proxy password with 401, not 407; squid
and tinyproxy answer 500/502/503 when the host behind them is down or unresolvable.
"""

from __future__ import annotations

import re
import ssl
from enum import StrEnum

# Placeholders the scrubber leaves alone (redact.py): the user must see the format.
PROXY_URL_FORMAT = "http://USER:PASSWORD@proxy.example:3128"
PROXY_CREDENTIALS_HINT = (
    f"Put the proxy's user and password in the proxy variable ({PROXY_URL_FORMAT}; "
    "percent-encode @ : / in them), or ask IT to allow this host without proxy authentication."
)


def proxy_answer(status: int, said: str, target: str, credentials_given: bool) -> tuple[str, str]:
    """(what the proxy meant, the fix) for a CONNECT answer that is not 2xx."""
    host = target.rsplit(":", 1)[0] if target.count(":") == 1 else target
    if status in (401, 407):
        given = "refused the user and password given" if credentials_given else "wants credentials"
        quirk = " (tinyproxy, among others, answers 401 for this)" if status == 401 else ""
        return f"it {given}{quirk}", PROXY_CREDENTIALS_HINT
    if status == 403:
        return (
            f"its policy forbids tunnels to {target}",
            f"Ask IT to allow HTTPS (CONNECT) to {target} through the proxy.",
        )
    if status >= 500:
        return (
            f"the proxy works, but could not reach {target} itself (the host is down, its name "
            "does not resolve at the proxy, or the proxy's own firewall blocks it)",
            f"Check the host name in the URL; if it is right, {host} or the proxy's route to it "
            "is down: run again later, or ask IT whether the proxy can reach it.",
        )
    return (
        f"it refused the tunnel to {target}",
        f"Ask IT why the proxy refuses CONNECT to {host} ({said}).",
    )


class TlsFailure(StrEnum):
    CERTIFICATE = "certificate"  # a TLS server answered; its certificate is not trusted
    PROTOCOL = "protocol"  # a TLS server answered, but no TLS version or cipher in common
    NOT_TLS = "not-tls"  # what answered does not speak TLS at all
    CLOSED = "closed"  # the peer closed or reset the connection during the handshake
    OTHER = "other"


_NOT_TLS = ("WRONG_VERSION_NUMBER", "HTTP_REQUEST", "HTTPS_PROXY_REQUEST", "PACKET_LENGTH_TOO_LONG")
_PROTOCOL = (
    "TLSV1_ALERT_PROTOCOL_VERSION",
    "UNSUPPORTED_PROTOCOL",
    "NO_PROTOCOLS_AVAILABLE",
    "VERSION_TOO_LOW",
    "SSLV3_ALERT_HANDSHAKE_FAILURE",
    "NO_SHARED_CIPHER",
    "NO_CIPHERS_AVAILABLE",
    # OpenSSL 3 gives this one no reason code, only the text: a server left with SHA-1 or MD5
    # signatures, as TLS 1.0 and 1.1 use.
    "LEGACY SIGALG DISALLOWED",
)
# "[SSL] legacy sigalg disallowed or unsupported (_ssl.c:992)": the words, without the wrapping.
_OPENSSL_TEXT = re.compile(r"^(?:\[[A-Z_: ]+\]\s*)?(.*?)\s*(?:\(_ssl\.c:\d+\))?$")


def tls_failure(error: BaseException) -> TlsFailure:
    if isinstance(error, ssl.SSLCertVerificationError):
        return TlsFailure.CERTIFICATE
    reason = str(getattr(error, "reason", "") or error).upper()
    if any(code in reason for code in _NOT_TLS):
        return TlsFailure.NOT_TLS
    if any(code in reason for code in _PROTOCOL):
        return TlsFailure.PROTOCOL
    if isinstance(error, ssl.SSLEOFError | ConnectionResetError | BrokenPipeError):
        return TlsFailure.CLOSED
    return TlsFailure.OTHER


def openssl_code(error: BaseException) -> str:
    """OpenSSL's reason code, else its words (some errors carry no code), else the error type."""
    reason = getattr(error, "reason", None)
    if reason:
        return str(reason)
    if isinstance(error, ssl.SSLError) and len(error.args) > 1 and isinstance(error.args[1], str):
        match = _OPENSSL_TEXT.match(error.args[1])
        if match and match.group(1):
            return match.group(1)
    return type(error).__name__


def explain_handshake(target: str, error: BaseException) -> tuple[str, str]:
    """(evidence, hint) for a handshake that failed for a reason other than the certificate."""
    kind = tls_failure(error)
    code = openssl_code(error)
    if kind is TlsFailure.NOT_TLS:
        return (
            f"{target} answered, but not with TLS (OpenSSL: {code}): plain HTTP is serving on "
            "a port the URL says is HTTPS",
            "Check the port and scheme of the URL (https:// on an HTTP port), and a proxy "
            "variable that names an https:// proxy which in fact speaks plain HTTP "
            "(write http://proxy:port).",
        )
    if kind is TlsFailure.PROTOCOL:
        return (
            f"{target} speaks TLS, but no version or cipher this machine accepts (OpenSSL: "
            f"{code}): it offers only an outdated protocol such as TLS 1.0",
            "FortiCloud supports TLS 1.2 and newer, so something else answers: an old "
            "TLS-inspecting proxy or firewall, or a mistyped host in the URL. Ask IT to update "
            "or bypass it; flexcheck and the Terraform provider both require TLS 1.2.",
        )
    if kind is TlsFailure.CLOSED:
        return (
            f"{target} closed the connection during the TLS handshake ({code})",
            "A firewall that filters by server name, or a service that is not HTTPS on this "
            "port, ends the handshake: ask IT whether HTTPS to this host is allowed.",
        )
    return (
        f"the TLS handshake with {target} failed: {code}",
        "Run again; if it persists, compare with `openssl s_client -connect "
        f"{target}` from this machine and ask IT about TLS inspection on the way.",
    )
