"""Reads who issued a certificate and for which names, from its DER bytes, without trusting it.

Python's ssl module decodes only certificates it has verified; a certificate that failed
verification is exactly the one whose issuer the user needs to see, so a small DER reader it is.
"""

from __future__ import annotations

from dataclasses import dataclass

_SEQUENCE, _SET, _OID, _OCTETS = 0x30, 0x31, 0x06, 0x04
_CONTEXT_0, _CONTEXT_3, _DNS_NAME = 0xA0, 0xA3, 0x82
_COMMON_NAME = bytes.fromhex("550403")
_ORGANIZATION = bytes.fromhex("55040a")
_SUBJECT_ALT_NAME = bytes.fromhex("551d11")
_TEXT_TAGS = {0x0C, 0x13, 0x14, 0x16, 0x1E}  # UTF8, Printable, T61, IA5, BMP strings


class CertificateUnreadable(ValueError):
    pass


@dataclass(frozen=True)
class CertificateFacts:
    subject: str
    issuer: str
    issuer_organization: str
    names: tuple[str, ...]
    not_after: str  # YYYY-MM-DD
    self_issued: bool  # issuer and subject are the same name: a self-signed certificate


def _date(tag: int, raw: str) -> str:
    if tag == 0x17 and len(raw) >= 6:  # UTCTime: YYMMDD..., years 50-99 are 19xx
        year = int(raw[:2])
        raw = f"{1900 + year if year >= 50 else 2000 + year}{raw[2:]}"
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) >= 8 else raw


def _element(data: bytes, at: int) -> tuple[int, int, int]:
    """(tag, content start, content end) of the DER element starting at `at`."""
    if at + 2 > len(data):
        raise CertificateUnreadable("truncated certificate")
    tag, length = data[at], data[at + 1]
    start = at + 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or start + count > len(data):
            raise CertificateUnreadable("bad length")
        length = int.from_bytes(data[start : start + count], "big")
        start += count
    if start + length > len(data):
        raise CertificateUnreadable("truncated certificate")
    return tag, start, start + length


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    found = []
    while start < end:
        element = _element(data, start)
        found.append(element)
        start = element[2]
    return found


def _text(data: bytes, tag: int, start: int, end: int) -> str:
    raw = data[start:end]
    return raw.decode("utf-16-be" if tag == 0x1E else "utf-8", errors="replace")


def _name(data: bytes, start: int, end: int) -> dict[bytes, str]:
    """The attributes of an X.509 Name, keyed by their OID bytes."""
    attributes: dict[bytes, str] = {}
    for tag, set_start, set_end in _children(data, start, end):
        if tag != _SET:
            continue
        for _, pair_start, pair_end in _children(data, set_start, set_end):
            parts = _children(data, pair_start, pair_end)
            if len(parts) == 2 and parts[0][0] == _OID and parts[1][0] in _TEXT_TAGS:
                oid = data[parts[0][1] : parts[0][2]]
                attributes.setdefault(oid, _text(data, *parts[1]))
    return attributes


def _shown(attributes: dict[bytes, str]) -> str:
    return attributes.get(_COMMON_NAME) or attributes.get(_ORGANIZATION) or "(no name)"


def _alt_names(data: bytes, start: int, end: int) -> tuple[str, ...]:
    names: list[str] = []
    for _, ext_start, ext_end in _children(data, start, end):
        parts = _children(data, ext_start, ext_end)
        if not parts or data[parts[0][1] : parts[0][2]] != _SUBJECT_ALT_NAME:
            continue
        _, value_start, value_end = parts[-1]
        _, seq_start, seq_end = _element(data, value_start)
        for tag, name_start, name_end in _children(data, seq_start, min(seq_end, value_end)):
            if tag == _DNS_NAME:
                names.append(data[name_start:name_end].decode("ascii", errors="replace"))
    return tuple(names)


def read_certificate(der: bytes) -> CertificateFacts:
    """Subject, issuer, DNS names and expiry of a DER certificate; CertificateUnreadable if not."""
    try:
        _, cert_start, cert_end = _element(der, 0)
        _, tbs_start, tbs_end = _children(der, cert_start, cert_end)[0]
        fields = _children(der, tbs_start, tbs_end)
        if fields and fields[0][0] == _CONTEXT_0:
            fields = fields[1:]  # the explicit version
        # serial, signature algorithm, issuer, validity, subject, key, then optional parts
        issuer = _name(der, fields[2][1], fields[2][2])
        validity = _children(der, fields[3][1], fields[3][2])
        subject = _name(der, fields[4][1], fields[4][2])
        names: tuple[str, ...] = ()
        for tag, start, end in fields[6:]:
            if tag == _CONTEXT_3:
                _, seq_start, seq_end = _element(der, start)
                names = _alt_names(der, seq_start, min(seq_end, end))
        tag, start, end = validity[1]
        not_after = _date(tag, der[start:end].decode("ascii", errors="replace"))
        self_issued = der[fields[2][1] : fields[2][2]] == der[fields[4][1] : fields[4][2]]
    except (IndexError, ValueError) as error:
        raise CertificateUnreadable(f"the certificate could not be read: {error}") from None
    return CertificateFacts(
        subject=_shown(subject),
        issuer=_shown(issuer),
        issuer_organization=issuer.get(_ORGANIZATION, ""),
        names=names,
        not_after=not_after,
        self_issued=self_issued,
    )
