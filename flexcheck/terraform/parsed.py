"""Each Terraform file is parsed once, however many readers (checks, module tree) ask for it."""

from __future__ import annotations

import threading
from pathlib import Path

from flexcheck.terraform import hcl

# Parsing is most of an offline run's time (about 1.5 ms per resource), so the folder reader and
# the resource reader share the result. Keyed by the file's identity and state: an edited file is
# parsed again. Bounded, so a long-lived process (a fleet, the test suite) cannot grow unbounded.
_MAX_ENTRIES = 1024
_lock = threading.Lock()
_cache: dict[tuple[str, int, int, str], hcl.Document | hcl.HclSyntaxError] = {}
_key_locks: dict[tuple[str, int, int, str], threading.Lock] = {}


def parse_file(path: Path, syntax: hcl.Syntax) -> hcl.Document:
    """The parsed file. Raises HclSyntaxError, or OSError when it cannot be read."""
    state = path.stat()
    key = (str(path.resolve()), state.st_mtime_ns, state.st_size, syntax)
    with _lock:
        key_lock = _key_locks.setdefault(key, threading.Lock())
    # One lock per file: two checks asking at once wait for one parse instead of doing two.
    with key_lock:
        with _lock:
            known = _cache.get(key)
        if known is None:
            try:
                known = hcl.parse(path.read_bytes(), syntax)
            except hcl.HclSyntaxError as error:
                known = error
            with _lock:
                if len(_cache) >= _MAX_ENTRIES:
                    _cache.clear()
                    _key_locks.clear()
                _cache[key] = known
    if isinstance(known, hcl.HclSyntaxError):
        raise known
    return known
