"""Which certificate authorities a run trusts, and which ones the Terraform provider would."""

from __future__ import annotations

import contextlib
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

# Go's TLS client (the provider's) refuses any server older than TLS 1.2. Python's own floor
# depends on how it was built: Debian's and Ubuntu's python3 take OpenSSL's, which still offers
# TLS 1.0 and 1.1, so there a server speaking only those could pass here and fail in terraform.
PROVIDER_MINIMUM_TLS = ssl.TLSVersion.TLSv1_2


def build_ssl_context(ca_bundle: str | None, env: Mapping[str, str]) -> ssl.SSLContext:
    """flexcheck's own trust: `--ca-bundle` when given, else what the provider trusts.

    `--ca-bundle` replaces the store for flexcheck only: the provider never reads it (see
    provider_ssl_context for what it does read). The variables are read from `env`, not from
    the process, so the result does not hang on how truststore's Linux backend reads them.
    """
    if ca_bundle:
        try:
            context = ssl.create_default_context(cafile=ca_bundle)
        except (OSError, ssl.SSLError) as error:
            raise _unusable(f"--ca-bundle {ca_bundle}", error) from None
        context.minimum_version = PROVIDER_MINIMUM_TLS
        return context
    return provider_ssl_context(env)


def provider_ssl_context(env: Mapping[str, str]) -> ssl.SSLContext:
    """What the fortiflexvm provider (Go, on Linux) trusts, given the environment it runs in.

    `SSL_CERT_FILE` replaces the system bundle file; `SSL_CERT_DIR` (colon-separated) replaces
    the system folders, and Go reads every file in them, not only OpenSSL's hash-named links.
    """
    cert_file, cert_dir = env.get("SSL_CERT_FILE"), env.get("SSL_CERT_DIR")
    if not cert_file and not cert_dir:
        import truststore  # deferred: only runs that reach a network need it

        system = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        system.minimum_version = PROVIDER_MINIMUM_TLS
        return system
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = PROVIDER_MINIMUM_TLS
    bundle = cert_file or next((f for f in _SYSTEM_CERT_FILES if os.path.isfile(f)), None)
    try:
        if bundle:
            context.load_verify_locations(cafile=bundle)
    except (OSError, ssl.SSLError) as error:
        raise _unusable(f"SSL_CERT_FILE={cert_file}" if cert_file else str(bundle), error) from None
    if cert_dir:
        folders = [Path(f) for f in cert_dir.split(os.pathsep) if f]
        _load_folders(context, folders, Path(bundle) if bundle else None)
    else:
        # The system folders are OpenSSL's hash-linked copies of the bundle: capath reads them.
        for folder in _SYSTEM_CERT_DIRS:
            if os.path.isdir(folder):
                context.load_verify_locations(capath=folder)
    return context


# Go's loadSystemRoots reads every file of every SSL_CERT_DIR folder. /etc/ssl/certs holds a
# link per CA beside the bundle itself, so loading file by file parsed each CA about three
# times (0.3 s per context, several contexts per run). The distinct certificates the bundle
# lacks are found once per process and per state of the folders, and loaded in one call.
_EXTRA_CERTIFICATES: dict[tuple[object, ...], tuple[str, ...]] = {}


def _load_folders(context: ssl.SSLContext, folders: list[Path], bundle: Path | None) -> None:
    files = [f for folder in folders for f in _files_in(folder)]
    signature = (bundle, *(_stamp(f) for f in (*([bundle] if bundle else []), *files)))
    extra = _EXTRA_CERTIFICATES.get(signature)
    if extra is None:
        known = set(_pem_blocks(bundle)) if bundle else set()
        extra = tuple(dict.fromkeys(b for f in files for b in _pem_blocks(f) if b not in known))
        _EXTRA_CERTIFICATES[signature] = extra
    if not extra:
        return
    try:
        context.load_verify_locations(cadata="\n".join(extra))
    except (ssl.SSLError, ValueError):
        # One block OpenSSL refuses must not cost the others: as Go does, skip only it.
        for block in extra:
            with contextlib.suppress(ssl.SSLError, ValueError):
                context.load_verify_locations(cadata=block)


def _files_in(folder: Path) -> list[Path]:
    try:
        return sorted(entry for entry in folder.iterdir() if entry.is_file())
    except OSError:  # a folder that is missing or unreadable is skipped, as Go skips it
        return []


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _pem_blocks(path: Path) -> list[str]:
    try:
        return _PEM.findall(path.read_text(encoding="ascii", errors="replace"))
    except OSError:  # unreadable files are skipped, as Go skips them
        return []


def _unusable(where: str, error: Exception) -> UsageError:
    reason = getattr(error, "strerror", None) or error
    return UsageError(
        f"{where} cannot be used as CA certificates: {reason}. Point it at a PEM file of "
        "CA certificates."
    )
