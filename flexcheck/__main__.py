"""`python -m flexcheck`, the same as the `flexcheck` command."""

import sys
from pathlib import Path

# `python -m` puts the working directory first on sys.path, so a user's own `checks/` folder
# (a common name in infrastructure repositories) would shadow the built-in checks package.
# Keep that entry only when it is where flexcheck itself lies (running from a checkout).
_HOME = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0] or ".").resolve() != _HOME:
    del sys.path[0]

from flexcheck.launch import console_main  # noqa: E402

console_main()
