"""pyzipper (AES zip files), loaded without the program pycryptodome starts to learn the platform.

Without cffi, pycryptodome (pyzipper's AES) loads its C code through ctypes, and before the
first library it calls `platform.architecture()`, which runs `file` on the Python executable:
a process of its own in every flexcheck run that opens a zip (about 10 ms of CPU), whose answer
serves only to tell a Windows linkage apart. On POSIX that answer is known, so it is given to
pycryptodome's own cache first. Where the cache is not what this expects (another backend, a
newer pycryptodome), nothing is changed and pycryptodome asks as before.

Import pyzipper from here (`from flexcheck.credentials.aes_zip import pyzipper`): the cache
only helps if it is filled before pyzipper's first import in the process.
"""

from __future__ import annotations

import os
import struct

from Cryptodome.Util import _raw_api


def _fill_architecture_cache() -> None:
    cache = getattr(_raw_api, "cached_architecture", None)
    ctypes_backend = getattr(_raw_api, "backend", None) == "ctypes"
    if os.name == "posix" and ctypes_backend and isinstance(cache, list) and not cache:
        # (bits, linkage) as platform.architecture() gives them; pycryptodome only looks
        # whether the linkage starts with "Win".
        cache[:] = [f"{struct.calcsize('P') * 8}bit", ""]


_fill_architecture_cache()

import pyzipper  # noqa: E402  (after the cache is filled: its import loads the C code)

__all__ = ["pyzipper"]
