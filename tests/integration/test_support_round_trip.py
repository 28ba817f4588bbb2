"""The README's support round trip, line by line, as a customer and a support engineer run it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.integration.support import World, canary

ROOT = Path(__file__).resolve().parents[2]


def _readme_commands() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- support-round-trip[^>]*-->\s*```sh\n(.*?)```", readme, re.S)
    assert block is not None, "the README's support round trip is marked for this test"
    lines = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    return [shlex.split(line) for line in lines if line]


def test_the_readme_round_trip_from_customer_to_support(world: World) -> None:
    commands = _readme_commands()
    assert [c[:2] for c in commands] == [
        ["flexcheck", "bundle"],
        ["flexcheck", "inspect"],
        ["flexcheck", "diff"],
        ["flexcheck", "explain"],
    ]
    world.add_user()
    world.write_zip(name="API_Credential_XXXX.zip")
    world.write_plan()
    bundle_password = canary("bundle")
    world.extra_env.update(
        {"FLEXCHECK_ZIP_PASSWORD": world.zip_password, "FLEXCHECK_BUNDLE_PASSWORD": bundle_password}
    )
    options = ["--credentials", "API_Credential_XXXX.zip", "--plan", "plan.json"]
    green = world.flexcheck("check", *options, "--output", "json=last-green.json")
    assert green.code == 0, green.stdout + green.stderr
    world.emulator.reset_password(world.api_id)  # downloaded again elsewhere: this zip is stale

    bundle, inspect, diff, explain = (world.flexcheck(*command[1:]) for command in commands)
    assert bundle.code == 1, bundle.stderr  # bundle exits with the verdict it bundled
    assert (world.folder / "support.zip").exists()
    assert inspect.code == 0, inspect.stderr
    assert "flexcheck explain api-login   (fail)" in inspect.stdout
    assert diff.code == 1, diff.stderr
    assert "api-login: pass -> fail  (worse)" in diff.stdout
    assert explain.code == 0
    assert explain.stdout.startswith("api-login: ")
    for run in (bundle, inspect, diff, explain):
        for secret in (*world.secrets(), bundle_password):
            assert secret not in run.stdout + run.stderr
