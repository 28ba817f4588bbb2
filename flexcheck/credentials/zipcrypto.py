"""Write legacy ZipCrypto (PKWARE traditional) zips, which pyzipper and zipfile can only read."""

from __future__ import annotations

import secrets
import struct
import zlib
from collections.abc import Mapping


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xEDB88320 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _crc_table()
_DEFLATED = 8
_VERSION = 20  # 2.0: deflate and traditional encryption
_FLAG_ENCRYPTED = 0x0001
_FLAG_UTF8 = 0x0800


class _Keys:
    """The three-key stream cipher of APPNOTE 6.1."""

    def __init__(self, password: bytes) -> None:
        self.k0, self.k1, self.k2 = 0x12345678, 0x23456789, 0x34567890
        for byte in password:
            self._update(byte)

    def _update(self, byte: int) -> None:
        self.k0 = (self.k0 >> 8) ^ _TABLE[(self.k0 ^ byte) & 0xFF]
        self.k1 = ((self.k1 + (self.k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        self.k2 = (self.k2 >> 8) ^ _TABLE[(self.k2 ^ (self.k1 >> 24)) & 0xFF]

    def encrypt(self, plain: bytes) -> bytes:
        out = bytearray()
        for byte in plain:
            k = self.k2 | 2
            out.append(byte ^ (((k * (k ^ 1)) >> 8) & 0xFF))
            self._update(byte)
        return bytes(out)


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


def write_zipcrypto(
    members: Mapping[str, bytes],
    password: bytes,
    *,
    date_time: tuple[int, int, int, int, int, int] = (2025, 1, 1, 12, 0, 0),
) -> bytes:
    """A zip whose entries are deflated, then encrypted with ZipCrypto under `password`."""
    out = bytearray()
    central = bytearray()
    dos_time, dos_date = _dos_time(date_time)
    for name, data in members.items():
        encoded = name.encode("utf-8")
        flags = _FLAG_ENCRYPTED | (0 if encoded.isascii() else _FLAG_UTF8)
        crc = zlib.crc32(data)
        deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
        compressed = deflater.compress(data) + deflater.flush()
        # 11 random bytes, then the CRC's high byte: the reader's one-byte password check.
        header = secrets.token_bytes(11) + bytes([crc >> 24])
        payload = _Keys(password).encrypt(header + compressed)
        fields = (_VERSION, flags, _DEFLATED, dos_time, dos_date, crc, len(payload), len(data))
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, len(encoded), 0)
        out += encoded + payload
        central += struct.pack(
            "<4s6H3L5HLL", b"PK\x01\x02", _VERSION, *fields, len(encoded), 0, 0, 0, 0, 0, offset
        )
        central += encoded
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return bytes(out + central + end)
