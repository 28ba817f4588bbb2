"""Edges of the masking layer: overlaps, text that is not UTF-8, weak secrets, the registry."""

from __future__ import annotations

import pytest

from flexcheck.secrets import redact
from flexcheck.secrets.secret import Secret


@pytest.fixture(autouse=True)
def empty_registry() -> None:
    redact.restore((frozenset(), frozenset()))  # the shared fixture restores it afterwards


def test_overlapping_occurrences_of_a_short_secret_share_one_mask() -> None:
    Secret("aaaa")
    assert redact.scrub("x aaaaa y") == "x *** y"


def test_overlapping_occurrences_of_a_long_secret_share_one_mask() -> None:
    Secret("abcabcabcabcabc")
    assert redact.scrub("<abcabcabcabcabcabc>") == "<***>"


@pytest.mark.parametrize("length", [4, 8, 11, 12, 13, 20, 37])
@pytest.mark.parametrize("at", [0, 1, 5, 8, 9, 17])
def test_a_secret_is_found_at_any_position(length: int, at: int) -> None:
    secret = "".join(chr(ord("A") + (n * 7) % 26) for n in range(length))
    Secret(secret)
    text = "-" * at + secret + "+" * 3
    assert redact.scrub(text) == "-" * at + "***+++"


def test_a_file_name_that_is_not_utf8_is_shown_as_its_bytes() -> None:
    assert redact.scrub("cred\udcff.zip") == "cred\\xff.zip"
    assert redact.scrub("ok.zip") == "ok.zip"


def test_a_lone_surrogate_that_is_no_byte_is_replaced() -> None:
    shown = redact.scrub("cred\ud800.zip")
    assert shown == "cred?.zip"
    shown.encode("utf-8")


def test_one_character_repeated_is_too_common() -> None:
    Secret("zzzzzzzzzzzz")
    assert redact.unreliable() == ("too common",)


def test_two_characters_alternating_are_not_flagged() -> None:
    Secret("xyxyxyxyxyxyx")
    assert redact.unreliable() == ()
    assert redact.unreliable_note() is None


def test_a_snapshot_restores_secrets_and_weaknesses() -> None:
    Secret("Zq8-snapshot-secret-0001")
    Secret("short")
    taken = redact.snapshot()
    redact.restore((frozenset(), frozenset()))
    assert redact.scrub("Zq8-snapshot-secret-0001") == "Zq8-snapshot-secret-0001"
    assert redact.unreliable() == ()
    redact.restore(taken)
    assert redact.scrub("a Zq8-snapshot-secret-0001 b short") == "a *** b ***"
    assert redact.unreliable() == ("too short",)
