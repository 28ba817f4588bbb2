"""Mutation testing of flexcheck's core: how many small planted bugs the tests catch, per module.

Run from the repository with the project's virtualenv, one module at a time (a machine with few
cores is busy for minutes per module):

    python bench/mutants.py runner            # one module, by its short name
    python bench/mutants.py runner --show     # ... and list the mutants that survived
    python bench/mutants.py --list            # the modules and the tests that cover each

Why not mutmut or cosmic-ray: both copy the code to a mutants folder or import it in-process,
while a good share of flexcheck's tests run the installed `flexcheck` command in a subprocess
(one helper even replaces PYTHONPATH). Those tests only see a mutant that is in the real file.
So this script plants each mutant in the module's own file (restoring it afterwards, whatever
happens), runs only the test files that cover that module (`-x`, in order, one process, with a
time limit), and counts the mutant as killed when they fail or time out. Byte-code caches go to
a fresh folder per mutant, so a stale `.pyc` can never hide one.

Mutations, one at a time: comparison flipped (`==`/`!=`, `<`/`>=`, `in`/`not in`, `is`/`is not`),
`and`/`or` swapped, `not` dropped, `True`/`False` swapped, a number changed by one, `+`/`-`
swapped, a returned value replaced by None, a call statement removed. Docstrings and type-only
code are left alone.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Short name -> (the module's file, the test files that cover it).
MODULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "runner": (
        "flexcheck/core/runner.py",
        (
            "tests/core/test_runner.py",
            "tests/core/test_runner_failures.py",
            "tests/core/test_dead_route.py",
            "tests/core/test_runner_reporting.py",
        ),
    ),
    "redact": (
        "flexcheck/secrets/redact.py",
        ("tests/secrets", "tests/report/test_masking_structure.py"),
    ),
    "probe": (
        "flexcheck/forticloud/probe.py",
        (
            "tests/forticloud/test_probe_reading.py",
            "tests/forticloud/test_http_and_api.py",
            "tests/checks/test_write_permission.py",
        ),
    ),
    "verdict": ("flexcheck/core/verdict.py", ("tests/core/test_verdict.py",)),
    "archive": (
        "flexcheck/credentials/archive.py",
        (
            "tests/credentials/test_creds_archive.py",
            "tests/credentials/test_creds_reasons.py",
            "tests/credentials/test_creds_translate.py",
        ),
    ),
    "write_permission": (
        "checks/write_permission.py",
        (
            "tests/checks/test_write_permission.py",
            "tests/checks/test_write_permission_emulator.py",
            "tests/terraform/test_terraform_symptoms.py",
            "tests/emulator/test_unknown_worlds.py",
        ),
    ),
    "credentials_match": (
        "checks/credentials_match.py",
        ("tests/checks/test_credentials_match.py",),
    ),
    "sarif": (
        "flexcheck/report/sarif.py",
        (
            "tests/report/test_sarif.py",
            "tests/report/test_sarif_locations.py",
            "tests/report/test_located_findings.py",
        ),
    ),
}

_FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


@dataclass(frozen=True)
class Mutant:
    index: int
    line: int
    what: str


class _Mutator(ast.NodeTransformer):
    """Walks the tree counting mutation sites; applies the one numbered `target` (if any)."""

    def __init__(self, target: int | None = None) -> None:
        self.target = target
        self.sites: list[Mutant] = []

    def _site(self, node: ast.AST, what: str) -> bool:
        index = len(self.sites)
        self.sites.append(Mutant(index, getattr(node, "lineno", 0), what))
        return index == self.target

    def generic_visit(self, node: ast.AST) -> ast.AST:
        # Leave docstrings and `if TYPE_CHECKING:` blocks alone: mutants there mean nothing.
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and _is_docstring(body[0]):
            node.body = [body[0], *(self.visit(n) for n in body[1:])]  # type: ignore[attr-defined]
            for field in ("orelse", "finalbody", "handlers", "decorator_list", "args", "returns"):
                if hasattr(node, field):
                    value = getattr(node, field)
                    if isinstance(value, list):
                        setattr(node, field, [self.visit(n) for n in value])
                    elif isinstance(value, ast.AST):
                        setattr(node, field, self.visit(value))
            return node
        return super().generic_visit(node)

    def visit_If(self, node: ast.If) -> ast.AST:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return node
        return self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for position, op in enumerate(node.ops):
            flipped = _FLIPPED.get(type(op))
            if flipped and self._site(node, f"{type(op).__name__} -> {flipped.__name__}"):
                node.ops[position] = flipped()
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        swapped = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        if self._site(node, f"{type(node.op).__name__} -> {type(swapped).__name__}"):
            node.op = swapped
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._site(node, "not dropped"):
            return node.operand
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        swap = {ast.Add: ast.Sub, ast.Sub: ast.Add}.get(type(node.op))
        if swap and self._site(node, f"{type(node.op).__name__} -> {swap.__name__}"):
            node.op = swap()
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, bool):
            if self._site(node, f"{node.value} -> {not node.value}"):
                return ast.copy_location(ast.Constant(not node.value), node)
        elif isinstance(node.value, int | float) and self._site(node, f"{node.value} + 1"):
            return ast.copy_location(ast.Constant(node.value + 1), node)
        return node

    def visit_Return(self, node: ast.Return) -> ast.AST:
        self.generic_visit(node)
        returns_something = node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None
        )
        if returns_something and self._site(node, "return None"):
            return ast.copy_location(ast.Return(ast.Constant(None)), node)
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.value, ast.Call) and self._site(node, "call removed"):
            return ast.copy_location(ast.Pass(), node)
        return node


def _is_docstring(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def sites(source: str) -> list[Mutant]:
    mutator = _Mutator()
    mutator.visit(ast.parse(source))
    return mutator.sites


def mutated(source: str, index: int) -> str:
    tree = copy.deepcopy(ast.parse(source))
    _Mutator(index).visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def run_tests(tests: tuple[str, ...], timeout: float, cache: str) -> bool:
    """True when the tests pass (the mutant survived)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": cache, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly"]
    command += ["-p", "no:cacheprovider", "-n", "0", *tests]
    try:
        done = subprocess.run(  # noqa: S603  # our own interpreter and tests
            command, cwd=ROOT, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return False  # a mutant that hangs the tests is caught by the time limit
    return done.returncode == 0


def spread(items: list[Mutant], limit: int | None) -> Iterator[Mutant]:
    """All mutants, or `limit` of them spread evenly over the module."""
    if limit is None or limit >= len(items):
        yield from items
        return
    step = len(items) / limit
    for n in range(limit):
        yield items[int(n * step)]


def mutate_module(name: str, *, limit: int | None, timeout: float, show: bool) -> float:
    path_text, tests = MODULES[name]
    path = ROOT / path_text
    original = path.read_bytes()
    source = original.decode("utf-8")
    with tempfile.TemporaryDirectory(prefix="flexcheck-mutants-") as scratch:
        if not run_tests(tests, timeout * 3, f"{scratch}/baseline"):
            sys.exit(f"{name}: the tests fail without any mutant; fix them first")
        chosen = list(spread(sites(source), limit))
        survivors: list[Mutant] = []
        started = time.monotonic()
        try:
            for mutant in chosen:
                path.write_text(mutated(source, mutant.index), encoding="utf-8")
                if run_tests(tests, timeout, f"{scratch}/m{mutant.index}"):
                    survivors.append(mutant)
        finally:
            path.write_bytes(original)  # the real file back, whatever happened
    killed = len(chosen) - len(survivors)
    rate = 100.0 * killed / len(chosen) if chosen else 100.0
    took = time.monotonic() - started
    print(f"{name:<18} {killed:>4}/{len(chosen):<4} killed  {rate:5.1f} %  ({took:.0f} s)")
    if show:
        for mutant in survivors:
            print(f"    survived: {path_text}:{mutant.line}  {mutant.what}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"short names: {', '.join(MODULES)}")
    parser.add_argument("--limit", type=int, help="at most this many mutants per module")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per mutant")
    parser.add_argument("--show", action="store_true", help="list the surviving mutants")
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    args = parser.parse_args()
    if args.list or not args.modules:
        for name, (path, tests) in MODULES.items():
            print(f"{name:<18} {path}  <- {' '.join(tests)}")
        return
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; known: {', '.join(MODULES)}")
    for name in args.modules:
        mutate_module(name, limit=args.limit, timeout=args.timeout, show=args.show)


if __name__ == "__main__":
    main()
