from __future__ import annotations

from pathlib import Path

from flexcheck.support.inspect_view import explain_lines
from flexcheck.support.opening import Bundle


def _bundle(checks: list[dict[str, str]]) -> Bundle:
    report = {"schema_version": 1, "exit_code": 1, "checks": checks}
    return Bundle(Path("b.zip"), 1, "now", "AES-256", "{}", report, [], {}, {}, {})


def test_each_failing_check_links_to_explain_and_an_unknown_one_is_named() -> None:
    bundle = _bundle(
        [
            {"id": "api-login", "status": "fail"},
            {"id": "clock-skew", "status": "warn"},
            {"id": "api-read", "status": "timeout"},
            {"id": "acme-vpn", "status": "error"},
            {"id": "zip-decrypt", "status": "pass"},
        ]
    )
    lines = explain_lines(bundle, {"api-login", "api-read", "clock-skew", "zip-decrypt"})
    assert lines[:2] == [
        "flexcheck explain api-login   (fail)",
        "flexcheck explain api-read   (timeout)",
    ]
    assert lines[2].startswith("acme-vpn (error): not a check this flexcheck has")
    assert len(lines) == 3
