"""How the write probe's answer is read, and the evidence the report quotes for it.

Pure classification of an answer already parsed: no transport at all (the probe's requests are
tested against the emulator in tests/checks and tests/integration).
"""

from __future__ import annotations

import pytest

from flexcheck.forticloud.api import ApiAnswer
from flexcheck.forticloud.probe import Access, classify


@pytest.mark.parametrize("code", [-10, -11, -12, -30])
def test_a_rate_limit_says_nothing_about_access(code: int) -> None:
    # "required" would otherwise read as a validation error, so as read-write.
    reading = classify(ApiAnswer(200, code, "Too many requests: wait, a pause is required", {}))
    assert reading.access is Access.UNKNOWN
    assert "limited the request" in reading.evidence


def test_an_accepted_probe_is_unknown_and_says_so() -> None:
    reading = classify(ApiAnswer(200, 0, "Request processed successfully.", {}))
    assert reading.access is Access.UNKNOWN
    assert "accepted a request naming a config that cannot exist" in reading.evidence


@pytest.mark.parametrize("http_status", [400, 404, 422])
def test_a_validation_status_without_words_is_read_write(http_status: int) -> None:
    reading = classify(ApiAnswer(http_status, -1, "", {}))
    assert reading.access is Access.READ_WRITE
    assert reading.evidence == f"HTTP {http_status}, 'status -1'"  # quotes what came instead


def test_evidence_quotes_the_message_and_the_http_status() -> None:
    reading = classify(ApiAnswer(403, -1, "Authorization denied", {}))
    assert reading == classify(ApiAnswer(403, -1, "Authorization denied", {"x": 1}))
    assert reading.evidence == "HTTP 403, 'Authorization denied'"


def test_an_unknown_status_number_is_not_a_rate_limit() -> None:
    reading = classify(ApiAnswer(500, -9, "Internal error", {}))
    assert reading.access is Access.UNKNOWN
    assert "limited" not in reading.evidence
