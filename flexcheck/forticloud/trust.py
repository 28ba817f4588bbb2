"""Which certificate authorities a run trusts: the same ones the Terraform provider would."""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping

from flexcheck.errors import UsageError

# Where Go (and so the Terraform provider) looks for CA directories on Linux.
_SYSTEM_CERT_DIRS = ("/etc/ssl/certs", "/etc/pki/tls/certs")


def build_ssl_context(ca_bundle: str | None, env: Mapping[str, str]) -> ssl.SSLContext:
    """Trust what Terraform's provider trusts (the OS store) unless told otherwise.

    `--ca-bundle` replaces the store. `SSL_CERT_FILE` and `SSL_CERT_DIR` act as in Go on Linux:
    the file replaces the system bundle file, the system certificate folders still count unless
    `SSL_CERT_DIR` names others. The variables are read from `env`, not from the process, so
    the result does not hang on how truststore's Linux backend reads them.
    """
    try:
        if ca_bundle:
            return ssl.create_default_context(cafile=ca_bundle)
        cert_file, cert_dir = env.get("SSL_CERT_FILE"), env.get("SSL_CERT_DIR")
        if cert_file or cert_dir:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            if cert_file:
                context.load_verify_locations(cafile=cert_file)
            folders = cert_dir.split(os.pathsep) if cert_dir else _SYSTEM_CERT_DIRS
            for folder in folders:
                if folder and os.path.isdir(folder):
                    context.load_verify_locations(capath=folder)
            return context
    except (OSError, ssl.SSLError) as error:
        where = (
            f"--ca-bundle {ca_bundle}"
            if ca_bundle
            else (
                f"SSL_CERT_FILE={env.get('SSL_CERT_FILE')}"
                if env.get("SSL_CERT_FILE")
                else f"SSL_CERT_DIR={env.get('SSL_CERT_DIR')}"
            )
        )
        reason = getattr(error, "strerror", None) or error
        raise UsageError(
            f"{where} cannot be used as CA certificates: {reason}. Point it at a PEM file of "
            "CA certificates."
        ) from None
    import truststore  # deferred: only runs that reach a network need it

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
