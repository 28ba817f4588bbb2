"""The atheris target's property holds on its seeds and their mutations, without atheris."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

TARGET = Path(__file__).parents[2] / "fuzz" / "credential_reader.py"


@pytest.fixture(scope="module")
def target() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_credential_reader", TARGET)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seeds_read_back(target: ModuleType) -> None:
    for seed in target.seeds():
        target.check_one(b"\x00" + seed)  # the right password: a readout, no secret in repr


def test_mutated_seeds_keep_the_property(target: ModuleType) -> None:
    rng = random.Random(6)  # noqa: S311  # reproducible mutations, not cryptography
    for seed in target.seeds():
        for _ in range(40):
            data = bytearray(seed)
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            target.check_one(bytes([rng.randrange(3)]) + bytes(data[: rng.randint(0, len(data))]))


def test_a_foreign_exception_escapes_the_target(
    target: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    def leaky(data: bytes, name: str, password: object) -> object:
        raise ValueError(target.API_PASSWORD)

    monkeypatch.setattr("flexcheck.credentials.archive.read_credential_file", leaky)
    with pytest.raises(ValueError, match="!1Aa"):
        target.check_one(b"\x00PK")
