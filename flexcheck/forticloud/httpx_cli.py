"""httpx without its command-line client, which flexcheck never runs.

`import httpx` ends with `from ._main import main`, httpx's own command-line client; wherever
click is installed (many CI images, and the test environment) that imports click, pygments,
rich.progress and rich.syntax: about 45 ms of CPU on its own, 25-30 ms of a `flexcheck check`.
`install()` puts a stand-in at `httpx._main` before httpx is first imported. httpx takes the
stand-in's `main`, a function that imports the real client only when it is called, and the
stand-in leaves `sys.modules` at that moment, so a later `import httpx._main` gets the real module.
"""

from __future__ import annotations

import sys
from types import ModuleType

_NAME = "httpx._main"


class _StandIn(ModuleType):
    """`httpx._main` until httpx has taken `main` from it."""

    def __getattr__(self, name: str) -> object:
        # Called for what the module does not hold: `main` is not stored but handed out here,
        # so that httpx's `from ._main import main` is seen, and is the stand-in's last use.
        if name != "main":
            # The import system asks for __path__ and the like; the stand-in has none of them.
            raise AttributeError(f"module {_NAME!r} has no attribute {name!r}")
        _leave()
        import importlib.util

        if importlib.util.find_spec("click") is None:
            # The real module would fail on `import click`; httpx then defines its own `main`,
            # which says which extra to install, as it does without flexcheck.
            raise ImportError("httpx's command-line client needs click", name=_NAME)
        return main


def install() -> None:
    """Put the stand-in in place, unless httpx (and so its client, if any) is already imported."""
    if "httpx" not in sys.modules and _NAME not in sys.modules:
        sys.modules[_NAME] = _StandIn(_NAME)


def _leave() -> None:
    if isinstance(sys.modules.get(_NAME), _StandIn):
        del sys.modules[_NAME]


def main(*args: object, **kwargs: object) -> object:
    """`httpx.main`: httpx's command-line client, imported now that it is called."""
    _leave()
    from httpx._main import main as client

    return client(*args, **kwargs)
