"""Third-party checks come in through the same entry-point group as the built-in ones."""

from __future__ import annotations

import os

from tests.integration.plugins import install_pack
from tests.integration.support import World


def with_pack(world: World, entry_points: dict[str, str]) -> None:
    folder = install_pack(world.folder / "site", entry_points)
    existing = os.environ.get("PYTHONPATH", "")
    world.extra_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(folder), existing) if p)


def test_installed_pack_is_listed_and_run(world: World) -> None:
    with_pack(world, {"extra-hello": "flexcheck_test_pack:ExtraHello"})
    assert "extra-hello" in world.flexcheck("list").stdout
    world.add_user()
    run = world.check_json(
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--require",
        "read",
    )
    assert run.code == 0
    assert run.status("extra-hello") == "pass"
    assert "hello from a plugin" in run.check("extra-hello")["summary"]


def test_crashing_check_is_error_exit_3_and_redacted(world: World) -> None:
    with_pack(world, {"leaky-crash": "flexcheck_test_pack:LeakyCrash"})
    world.add_user()
    run = world.flexcheck(
        "--format",
        "json",
        "--debug",
        "--credentials",
        str(world.write_zip()),
        "--zip-password-file",
        str(world.write_zip_password()),
        "--require",
        "read",
    )
    assert run.code == 3
    crash = run.check("leaky-crash")
    assert crash["status"] == "error"
    assert "ValueError" in crash["summary"]
    assert "bug in flexcheck" in crash["hint"]
    for secret in world.secrets():
        assert secret not in run.stdout + run.stderr


def test_broken_pack_is_one_clear_line(world: World) -> None:
    with_pack(world, {"ghost": "flexcheck_test_pack:DoesNotExist"})
    run = world.flexcheck("--offline")
    assert run.code == 3
    assert "ghost" in run.stderr
    assert "Traceback" not in run.stderr
