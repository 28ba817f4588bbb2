"""Why a certificate was not trusted, in words that point at the likely culprit and the fix."""

from __future__ import annotations

import ssl

from flexcheck.network.x509 import CertificateFacts

# Issuers the public trust stores carry. A FortiCloud host presenting anything else has almost
# certainly had its TLS replaced on the way: by a TLS-inspecting proxy or firewall.
PUBLIC_CA_NAMES = (
    "digicert", "sectigo", "comodo", "globalsign", "let's encrypt", "isrg", "entrust", "godaddy",
    "go daddy", "starfield", "amazon", "google trust services", "microsoft", "baltimore",
    "thawte", "geotrust", "rapidssl", "identrust", "quovadis", "certum", "buypass", "ssl.com",
    "actalis", "harica", "trustwave", "network solutions", "symantec", "verisign", "zerossl",
    "usertrust", "cloudflare",
)  # fmt: skip

CA_HINT = (
    "Ask your IT team for the corporate root CA certificate (PEM) and pass it: "
    "`flexcheck --ca-bundle corp-ca.pem`, or `export SSL_CERT_FILE=corp-ca.pem` (the Terraform "
    "provider on Linux reads SSL_CERT_FILE too; on macOS and Windows add the CA to the system "
    "trust store, which both flexcheck and Terraform use)."
)


def is_public_ca(facts: CertificateFacts) -> bool:
    issuer = f"{facts.issuer} {facts.issuer_organization}".lower()
    return any(name in issuer for name in PUBLIC_CA_NAMES)


def explain(
    host: str, error: ssl.SSLCertVerificationError, facts: CertificateFacts | None
) -> tuple[str, str]:
    """(evidence, hint) for a certificate that failed verification."""
    reason = error.verify_message or str(error)
    if facts is None:
        return f"the certificate of {host} is not trusted: {reason}", CA_HINT
    issued = f"issued by {facts.issuer!r}"
    if "mismatch" in reason.lower() or error.verify_code == 62:  # hostname or IP address
        names = ", ".join(facts.names[:5]) or facts.subject
        return (
            f"the certificate presented is for {names}, not {host} ({issued})",
            "Something other than FortiCloud answers for this name: check --auth-url and "
            "--api-url, your hosts file and DNS; a proxy or firewall may be intercepting it. "
            + CA_HINT,
        )
    if "expired" in reason.lower() or "not yet valid" in reason.lower():
        return (
            f"the certificate of {host} ({issued}, valid until {facts.not_after}) is "
            f"rejected: {reason}",
            "Check this machine's date and time (see clock-skew): a clock far off makes valid "
            "certificates look expired.",
        )
    if is_public_ca(facts):
        return (
            f"the certificate of {host} is {issued}, a public CA, but is not trusted here: "
            f"{reason}",
            "The system trust store seems incomplete or out of date: update the OS CA "
            "certificates (ca-certificates), or pass a bundle with --ca-bundle.",
        )
    kind = (
        f"a self-signed certificate ({issued})" if facts.self_issued else f"a certificate {issued}"
    )
    return (
        f"{host} presented {kind}, which is not a public CA for that host: a TLS-inspecting "
        f"proxy or firewall is likely ({reason})",
        CA_HINT,
    )
