"""Which certificate authorities a run trusts, and which ones the Terraform provider would."""

from __future__ import annotations

import os
import re
import ssl
from collections.abc import Mapping
from pathlib import Path

from flexcheck.errors import UsageError

# Go's crypto/x509 on Linux (root_linux.go): the first bundle file that reads, then the folders.
_SYSTEM_CERT_FILES = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/tls/cacert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
)
_SYSTEM_CERT_DIRS = ("/etc/ssl/certs", "/etc/pki/tls/certs")
_PEM = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.S)


def build_ssl_context(ca_bundle: str | None, env: Mapping[str, str]) -> ssl.SSLContext:
    """flexcheck's own trust: `--ca-bundle` when given, else what the provider trusts.

    `--ca-bundle` replaces the store for flexcheck only: the provider never reads it (see
    provider_ssl_context for what it does read). The variables are read from `env`, not from
    the process, so the result does not hang on how truststore's Linux backend reads them.
    """
    if ca_bundle:
        try:
            return ssl.create_default_context(cafile=ca_bundle)
        except (OSError, ssl.SSLError) as error:
            raise _unusable(f"--ca-bundle {ca_bundle}", error) from None
    return provider_ssl_context(env)


def provider_ssl_context(env: Mapping[str, str]) -> ssl.SSLContext:
    """What the fortiflexvm provider (Go, on Linux) trusts, given the environment it runs in.

    `SSL_CERT_FILE` replaces the system bundle file; `SSL_CERT_DIR` (colon-separated) replaces
    the system folders, and Go reads every file in them, not only OpenSSL's hash-named links.
    """
    cert_file, cert_dir = env.get("SSL_CERT_FILE"), env.get("SSL_CERT_DIR")
    if not cert_file and not cert_dir:
        import truststore  # deferred: only runs that reach a network need it

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        if cert_file:
            context.load_verify_locations(cafile=cert_file)
        else:
            bundle = next((f for f in _SYSTEM_CERT_FILES if os.path.isfile(f)), None)
            if bundle:
                context.load_verify_locations(cafile=bundle)
    except (OSError, ssl.SSLError) as error:
        raise _unusable(f"SSL_CERT_FILE={cert_file}", error) from None
    if cert_dir:
        for folder in filter(None, cert_dir.split(os.pathsep)):
            _load_every_file(context, Path(folder))
    else:
        # The system folders are OpenSSL's hash-linked copies of the bundle: capath reads them.
        for folder in _SYSTEM_CERT_DIRS:
            if os.path.isdir(folder):
                context.load_verify_locations(capath=folder)
    return context


def _load_every_file(context: ssl.SSLContext, folder: Path) -> None:
    # Go's loadSystemRoots: every file's PEM certificates count; unreadable files are skipped.
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if not entry.is_file():
                continue
            blocks = _PEM.findall(entry.read_text(encoding="ascii", errors="replace"))
            if blocks:
                context.load_verify_locations(cadata="\n".join(blocks))
        except (OSError, ssl.SSLError, ValueError):
            continue


def _unusable(where: str, error: Exception) -> UsageError:
    reason = getattr(error, "strerror", None) or error
    return UsageError(
        f"{where} cannot be used as CA certificates: {reason}. Point it at a PEM file of "
        "CA certificates."
    )
