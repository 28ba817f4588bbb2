"""Work done once per test session and shared by every pytest-xdist worker.

A module-scoped fixture runs again in each worker that runs one of its module's tests, and with
`--dist worksteal` a module's tests may land on both workers (the order is shuffled, and an idle
worker takes tests from the other's queue). An expensive fixture (a build, an install, a matrix
of subprocess runs) then ran twice. These helpers let the first worker do it and the second
read what it left.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")


@contextmanager
def _session_folder(factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """A folder every process of this test session shares, used by one process at a time.

    Work done there once (a build, an install) serves every pytest-xdist worker, where a
    module-scoped fixture runs again in each worker that runs one of its tests. The lock is a
    file lock: if the process holding it dies, the kernel releases it. The caller tells a
    finished piece of work from one a dead process left behind (see `_finished`).
    """
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # xdist gives each worker a folder inside the session's own
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield base / name


def _finished(folder: Path, done: str) -> bool:
    """Whether `folder/done`, created last, exists; if not, the folder starts over empty."""
    if (folder / done).exists():
        return True
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return False


def once_per_session(factory: pytest.TempPathFactory, name: str, compute: Callable[[Path], T]) -> T:
    """`compute(folder)` run by one process of the session; every process gets its value.

    The value crosses processes pickled, so it must be made of importable types (the test
    module's own dataclasses are). `folder` is the shared folder, for files the value names.
    """
    with _session_folder(factory, name) as folder:
        pickled = folder / "value.pickle"
        if not _finished(folder, pickled.name):
            partial = folder / "value.partial"
            partial.write_bytes(pickle.dumps(compute(folder)))
            partial.rename(pickled)  # whole or absent: a dead process leaves no half value
        # Written just above by a process of this session, in its own temporary folder.
        value: T = pickle.loads(pickled.read_bytes())  # noqa: S301
        return value
