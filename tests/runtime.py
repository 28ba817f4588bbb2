"""The interpreter the tests start `flexcheck` with: flexcheck and its own dependencies only.

scripts/dev builds it beside the test venv, as a user's install has it, with flexcheck installed
editable (an edit, or a mutant that bench/mutants.py plants, is seen at once). The test venv's
own packages change what a flexcheck process does: with cryptography's cffi installed,
pycryptodome parses C declarations at every start (about 30 ms of the 280 a process costs), and
a dependency flexcheck forgot to declare would pass here and fail on a user's machine. Where it
is not set (pytest run by hand), the test venv's interpreter serves.
"""

from __future__ import annotations

import os
import sys

PYTHON = os.environ.get("FLEXCHECK_TEST_PYTHON") or sys.executable
# `python -m flexcheck` is the installed command's own path: launch.console_main.
FLEXCHECK = [PYTHON, "-m", "flexcheck"]
