from __future__ import annotations

import pytest

from checks.api_login import ApiLogin
from flexcheck.core.context import Context
from flexcheck.core.explain import explain
from flexcheck.core.guide import step_label
from flexcheck.core.model import Check, Deps, Result, ok
from flexcheck.core.registry import load_checks
from tests.commands.cli_support import run_cli


class Bare(Check[None]):
    id = "bare-pack-check"
    title = "A third-party check that says nothing more"
    requires = (ApiLogin,)
    guide_step = 2
    network = True

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        return ok("fine")


def test_every_registered_check_explains_each_failure_with_its_fix() -> None:
    """A check added later cannot forget its `flexcheck explain` text."""
    checks, broken = load_checks()
    assert not broken
    assert {"terraform-secrets", "clock-skew", "plan-references"} <= {c.id for c in checks}
    for check in checks:
        text = explain(check)
        assert check.explanation.strip(), f"{check.id} has no explanation"
        assert check.explanation in text
        assert check.failure_modes, f"{check.id} lists no failure mode"
        for mode in check.failure_modes:
            assert mode.when.strip(), f"{check.id}: a failure mode says not when it happens"
            assert mode.fix.strip(), f"{check.id}: a failure mode has no fix"
            assert f"- {mode.status}: {mode.when}" in text
            assert f"Fix: {mode.fix}" in text
            if mode.guide_step is not None:
                assert step_label(mode.guide_step) in text


def test_a_check_that_provides_nothing_extra_is_still_explained() -> None:
    text = explain(Bare)
    assert text.startswith("bare-pack-check: A third-party check that says nothing more")
    assert step_label(2) in text
    assert "Needs: api-login" in text
    assert "- skip: api-login (FortiFlex API login succeeds) did not pass" in text
    assert "- timeout: FortiCloud gave no answer within 20 s" in text
    assert "lists no failure modes of its own" in text


def test_explain_command(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["explain", "write-permission"], capsys)
    assert result.code == 0
    assert "read-only" in result.out
    assert "Step 1" in result.out
    wrong = run_cli(["explain", "write-permision"], capsys)
    assert wrong.code == 2
    assert "did you mean write-permission" in wrong.err
