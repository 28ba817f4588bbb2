"""Zip bombs are refused in well under a second, with memory bounded while flexcheck does it."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from flexcheck.credentials import Reason, UnreadableCredentials, read_credential_file
from flexcheck.credentials.archive import MAX_INPUT_BYTES
from flexcheck.secrets.secret import Secret

GIB = 1 << 30
MEMORY_LIMIT = 50 * 1024 * 1024  # bytes above the baseline at the start of the read
TIME_LIMIT = 1.0


def deflate_zeros(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of `size` zero bytes, and their CRC-32.

    One 16 MiB chunk is compressed once, ending in a full flush: that resets the compressor, so
    every later chunk of zeros would compress to the very same bytes, which are repeated
    (compressing the whole gibibyte took 6 s of the suite's time).
    """
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    chunk = bytes(16 << 20)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc, count = 0, size // len(chunk)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    return block * count + compressor.flush(), crc


def test_the_repeated_block_inflates_to_the_zeros_it_claims() -> None:
    data, crc = deflate_zeros(64 << 20)
    inflated = zlib.decompress(data, -15)
    assert inflated == bytes(64 << 20)
    assert zlib.crc32(inflated) == crc


def local_header(name: bytes, data: bytes, crc: int, size: int) -> bytes:
    return (
        struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0)
        + name
    )


def central_entry(name: bytes, data: bytes, crc: int, size: int, offset: int) -> bytes:
    return (
        struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(data),
            size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + name
    )


def end_record(entries: int, directory: bytes, directory_offset: int) -> bytes:
    count = min(entries, 0xFFFF)
    return struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), directory_offset, 0
    )


def overlapping_zip(entries: int, data: bytes, crc: int, size: int) -> bytes:
    """Many central-directory entries all pointing at one local entry (Fifield's overlap)."""
    name = b"creds.txt"
    head = local_header(name, data, crc, size) + data
    directory = central_entry(name, data, crc, size, 0) * entries
    return head + directory + end_record(entries, directory, len(head))


def many_members_zip(entries: int) -> bytes:
    body, directory = bytearray(), bytearray()
    empty_crc = zlib.crc32(b"")
    stored = zlib.compressobj(6, zlib.DEFLATED, -15)
    empty = stored.compress(b"") + stored.flush()
    for index in range(entries):
        name = f"{index:06}.txt".encode()
        directory += central_entry(name, empty, empty_crc, 0, len(body))
        body += local_header(name, empty, empty_crc, 0) + empty
    return bytes(body + directory + end_record(entries, bytes(directory), len(body)))


def _reason(data: bytes) -> Reason:
    try:
        read_credential_file(data, "bomb.zip", Secret("any-zip-password"))
    except UnreadableCredentials as error:
        return error.reason
    raise AssertionError("a zip bomb was read as credentials")


def refuse(data: bytes) -> tuple[Reason, float, int]:
    """Read `data` as a credential download; return the reason, seconds taken, peak bytes.

    Timed without tracemalloc (which slows every allocation), then measured with it.
    """
    started = time.perf_counter()
    reason = _reason(data)
    took = time.perf_counter() - started
    tracemalloc.start()
    try:
        assert _reason(data) is reason
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return reason, took, peak


@pytest.fixture(scope="module")
def gib_of_zeros() -> tuple[bytes, int]:
    return deflate_zeros(GIB)  # about 1 MB; built once, in half a second


def test_member_inflating_to_a_gibibyte(gib_of_zeros: tuple[bytes, int]) -> None:
    data, crc = gib_of_zeros
    bomb = overlapping_zip(1, data, crc, GIB)
    assert len(bomb) <= MAX_INPUT_BYTES  # small enough to be opened, not refused by size
    reason, took, peak = refuse(bomb)
    assert reason is Reason.MEMBER_TOO_LARGE
    assert took < TIME_LIMIT
    assert peak < MEMORY_LIMIT


def test_member_lying_about_its_size(gib_of_zeros: tuple[bytes, int]) -> None:
    data, crc = gib_of_zeros
    reason, took, peak = refuse(overlapping_zip(1, data, crc, 100))  # claims 100 bytes
    assert reason in (Reason.MEMBER_TOO_LARGE, Reason.TRUNCATED)
    assert took < TIME_LIMIT
    assert peak < MEMORY_LIMIT


@pytest.mark.parametrize(
    ("entries", "expected"),
    [(16, {Reason.MEMBER_TOO_LARGE}), (15_000, {Reason.TOO_MANY_MEMBERS})],
    ids=["16-overlapping", "15000-overlapping"],
)
def test_overlapping_entries(entries: int, expected: set[Reason]) -> None:
    data, crc = deflate_zeros(64 << 20)  # each entry would inflate the same 64 MiB
    bomb = overlapping_zip(entries, data, crc, 64 << 20)
    assert len(bomb) <= MAX_INPUT_BYTES
    reason, took, peak = refuse(bomb)
    assert reason in expected
    assert took < TIME_LIMIT, f"{took:.2f} s"
    assert peak < MEMORY_LIMIT
    print(f"{entries} overlapping entries: refused in {took:.3f} s, peak {peak / 1e6:.1f} MB")


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: many_members_zip(100_000), Reason.TOO_LARGE),
        (lambda: many_members_zip(10_000), Reason.TOO_MANY_MEMBERS),
    ],
    ids=["100000-members", "10000-members-under-the-size-limit"],
)
def test_many_members(build: Callable[[], bytes], expected: Reason) -> None:
    bomb = build()
    assert (len(bomb) <= MAX_INPUT_BYTES) is (expected is not Reason.TOO_LARGE)
    reason, took, peak = refuse(bomb)
    assert reason is expected
    assert took < TIME_LIMIT
    assert peak < MEMORY_LIMIT
