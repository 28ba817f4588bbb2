"""Installs a tiny third-party check pack on a folder that goes on PYTHONPATH."""

from __future__ import annotations

from pathlib import Path

PACK_SOURCE = '''
"""A third-party check pack, as a user would publish one."""
from __future__ import annotations

from checks.zip_decrypt import ZipDecrypt
from flexcheck.core.model import Check, ok


class ExtraHello(Check[None]):
    id = "extra-hello"
    title = "A third-party check runs"
    requires = (ZipDecrypt,)

    def run(self, ctx, deps):
        return ok(f"hello from a plugin; user {deps[ZipDecrypt].shown_user}")


class LeakyCrash(Check[None]):
    id = "leaky-crash"
    title = "A check that crashes with a secret in its message"
    requires = (ZipDecrypt,)

    def run(self, ctx, deps):
        creds = deps[ZipDecrypt]
        raise ValueError(f"boom: password={creds.password.reveal()} "
                         f"zip={ctx.options.zip_password.reveal()}")
'''


def install_pack(folder: Path, entry_points: dict[str, str]) -> Path:
    """Write the module and a dist-info that importlib.metadata finds; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "flexcheck_test_pack.py").write_text(PACK_SOURCE, encoding="utf-8")
    info = folder / "flexcheck_test_pack-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: flexcheck-test-pack\nVersion: 1.0\n", encoding="utf-8"
    )
    lines = "\n".join(f"{name} = {target}" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[flexcheck.checks]\n{lines}\n", encoding="utf-8")
    return folder
