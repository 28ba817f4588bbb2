"""The TLS hop: the handshake with the run's trust, and what a refused certificate says."""

from __future__ import annotations

import contextlib
import socket
import ssl
from collections.abc import Callable, Mapping
from typing import Any

from flexcheck.network.hop import Hop, HopFailed, HopResult, Target, seconds
from flexcheck.network.meanings import explain_handshake
from flexcheck.network.tls_verdict import explain
from flexcheck.network.x509 import CertificateFacts, CertificateUnreadable, read_certificate


def _unverified_certificate(
    open_path: contextlib.AbstractContextManager[socket.socket], host: str
) -> CertificateFacts | None:
    """The certificate the host presents, read without trusting it: only to name its issuer."""
    peek = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    peek.check_hostname = False
    peek.verify_mode = ssl.CERT_NONE  # never used to send anything: it only reads a name
    try:
        with open_path as sock, peek.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
        return read_certificate(der) if der else None
    except (OSError, CertificateUnreadable, HopFailed):
        return None


def handshake(
    sock: socket.socket,
    target: Target,
    context: ssl.SSLContext,
    timeout: float,
    reopen: Callable[[], contextlib.AbstractContextManager[socket.socket]],
) -> HopResult:
    """The TLS handshake on an open stream; `reopen` opens another to read a refused certificate."""
    host = target.host
    sock.settimeout(timeout)
    try:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            cert = tls.getpeercert() or {}
            version = tls.version() or "TLS"
    except ssl.SSLCertVerificationError as error:
        facts = _unverified_certificate(reopen(), host)
        evidence, hint = explain(host, error, facts)
        raise HopFailed(HopResult(Hop.TLS, False, evidence, hint)) from None
    except TimeoutError:
        raise HopFailed(
            HopResult(
                Hop.TLS,
                False,
                f"{target} accepted the connection but gave no "
                f"TLS answer within {seconds(timeout)}",
                "Something holds the connection without answering: a firewall, or a "
                "service that is not HTTPS on this port.",
            )
        ) from None
    except (ssl.SSLError, OSError) as error:
        evidence, hint = explain_handshake(str(target), error)
        raise HopFailed(HopResult(Hop.TLS, False, evidence, hint)) from None
    issuer = _issuer(cert)
    return HopResult(Hop.TLS, True, f"{version} certificate for {host} issued by {issuer}, trusted")


def _issuer(cert: Mapping[str, Any]) -> str:
    names: dict[str, str] = {}
    for rdn in cert.get("issuer", ()):
        for key, value in rdn:
            names.setdefault(key, value)
    return repr(names.get("commonName") or names.get("organizationName") or "an unnamed CA")
