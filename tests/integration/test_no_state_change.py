"""No run, in any scenario, changes anything in the (emulated) FortiFlex account."""

from __future__ import annotations

import pytest

from flexcheck.emulator import Access, Fault
from tests.integration.support import World

SCENARIOS = ["read-write", "read-only", "admin", "stale-password", "token-refused", "flaky"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_state_digest_is_unchanged(world: World, scenario: str) -> None:
    access = {"read-only": Access.READ_ONLY, "admin": Access.ADMIN}.get(scenario, Access.READ_WRITE)
    world.add_user(access)
    args = [
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--plan",
        str(world.write_plan()),
    ]
    if scenario == "stale-password":
        world.emulator.reset_password(world.api_id)
    if scenario == "token-refused":
        world.emulator.add_fault(Fault(kind="status", path="/ES/", status=401, count=5))
    if scenario == "flaky":
        world.emulator.add_fault(Fault(kind="drop", path="/ES/", count=1))
    before = world.emulator.state_digest()
    run = world.check_json(*args)
    assert run.code in (0, 1, 4)
    assert world.emulator.state_digest() == before
    writes = [
        r
        for r in world.emulator.requests
        if r.path.endswith(
            (
                "/create",
                "/update",
                "/enable",
                "/disable",
                "/stop",
                "/reactivate",
                "/transfer",
                "/token",
            )
        )
    ]
    assert all(r.path.endswith("configs/update") and r.body == {"id": 0} for r in writes)


def test_the_probe_would_not_change_an_existing_config_either(world: World) -> None:
    """Even a server that ignored the id would find nothing to write in the probe's body."""
    world.add_user()
    world.emulator.add_config(0, "id-zero-exists-here")  # a world where id 0 did exist
    before = world.emulator.state_digest()
    run = world.check_json(
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--require",
        "write",
    )
    assert run.code in (0, 1)
    assert world.emulator.state_digest() == before
