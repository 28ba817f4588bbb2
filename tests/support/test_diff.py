from __future__ import annotations

from typing import Any

from flexcheck.support.diff import compare
from flexcheck.support.sides import Side


def _check(
    check_id: str, status: str, summary: str = "", path: str | None = None
) -> dict[str, Any]:
    return {
        "id": check_id,
        "title": check_id.title(),
        "status": status,
        "summary": summary or f"{check_id} {status}",
        "location": {"path": path, "line": None} if path else None,
    }


def _side(
    checks: list[dict[str, Any]],
    *,
    variables: tuple[str, ...] = (),
    provider: str = "2.4.1",
    requests: tuple[tuple[str, str, int | None], ...] = (),
    version: str = "0.1.0",
) -> Side:
    report = {
        "schema_version": 1,
        "flexcheck_version": version,
        "exit_code": 0,
        "checks": checks,
        "requests": [
            {"method": m, "url": url, "status": s, "duration_ms": 1, "error": None}
            for m, url, s in requests
        ],
    }
    environment = {
        "inputs": {"credentials": "not a file: the provider's environment variables, if set"},
        "variables": [{"name": n, "from": "process environment"} for n in variables],
    }
    versions = {"python": "3.12.1", "terraform_provider": {"version": provider}}
    return Side("side.zip", "bundle", report, versions, environment)


def test_the_password_moving_to_another_variable_is_a_provenance_change() -> None:
    before = _side(
        [_check("terraform-credentials", "pass", path="main.tf")],
        variables=("FORTIFLEX_ACCESS_PASSWORD", "FORTIFLEX_ACCESS_USERNAME"),
    )
    after = _side(
        [_check("terraform-credentials", "pass", path="infra/main.tf")],
        variables=("FLEXVM_ACCESS_PASSWORD", "FORTIFLEX_ACCESS_USERNAME"),
    )
    changes = compare(before, after)
    shown = {(c.what, c.before, c.after) for c in changes.provenance}
    assert shown == {
        ("variable FLEXVM_ACCESS_PASSWORD", "not set", "set"),
        ("variable FORTIFLEX_ACCESS_PASSWORD", "set", "not set"),
        ("terraform-credentials read", "main.tf", "infra/main.tf"),
    }
    assert not changes.worse


def test_versions_findings_and_requests() -> None:
    token = "https://customerapi.fortinet.com/api/v1/oauth/token/"
    programs = "https://support.fortinet.com/ES/api/fortiflex/v2/programs/list"
    before = _side(
        [_check("clock-skew", "warn", "3 s off"), _check("old-check", "pass")],
        requests=((("POST", token, 200)), ("POST", programs, 200)),
    )
    after = _side(
        [_check("clock-skew", "warn", "40 s off"), _check("new-check", "fail", "broken")],
        provider="2.4.3",
        version="0.2.0",
        requests=(("POST", token + "?x=1", 200), ("POST", token, 429)),
    )
    changes = compare(before, after)
    assert [(f.id, f.summary) for f in changes.new_findings] == [("clock-skew", "40 s off")]
    assert [(f.id, f.summary) for f in changes.gone_findings] == [("clock-skew", "3 s off")]
    assert [f.id for f in changes.checks_added] == ["new-check"]
    assert [f.id for f in changes.checks_gone] == ["old-check"]
    assert {(c.what, c.before, c.after) for c in changes.versions} == {
        ("flexcheck", "0.1.0", "0.2.0"),
        ("fortiflexvm provider", "2.4.1", "2.4.3"),
    }
    assert changes.requests_vanished == (
        "POST support.fortinet.com/ES/api/fortiflex/v2/programs/list",
    )
    assert changes.requests_appeared == ()  # the query string does not make a new request
    [answered] = changes.requests_answered
    assert (answered.before, answered.after) == ("200", "200, 429")
    assert not changes.worse  # a new failing check is listed, but only a status change gates


def test_only_pass_or_warn_to_fail_timeout_or_error_is_worse() -> None:
    pairs = {
        ("pass", "fail"): True,
        ("warn", "error"): True,
        ("pass", "timeout"): True,
        ("skip", "fail"): False,
        ("fail", "error"): False,
        ("pass", "warn"): False,
        ("pass", "skip"): False,
    }
    for (was, now), worse in pairs.items():
        changes = compare(_side([_check("a", was)]), _side([_check("a", now)]))
        assert bool(changes.worse) is worse, (was, now)
    assert compare(_side([_check("a", "pass")]), _side([_check("a", "pass")])).empty
