"""Mutation run over verification/ and applications/canonical.py with their fast tests (issue 9, point 11).

A small AST mutator of our own: each mutant changes one thing (a comparison, and/or, a `not`, a raise
deleted, an element dropped from a tuple of checks, a constant, a return value) and runs the module's fast
tests in a forked child with the mutated module loaded in place of the original. A mutant that passes
every test survived; EQUIVALENT names the survivors that cannot be told apart by behaviour, with why.

    .venv/bin/python bench/mutation.py                 # all mutants (about 15 s each here)
    .venv/bin/python bench/mutation.py --sample 40     # a fixed sample, for a quick figure
    .venv/bin/python bench/mutation.py --file verification/checks.py
Prints each survivor and the score (killed / non-equivalent mutants).
"""
import argparse
import ast
import copy
import os
import pathlib
import random
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {
    "verification/checks.py": "verification.checks",
    "verification/verify.py": "verification.verify",
    "verification/trust.py": "verification.trust",
    "verification/revocation.py": "verification.revocation",
    "verification/nonces.py": "verification.nonces",
    "applications/canonical.py": "applications.canonical",
}
VERIFICATION_TESTS = ["tests/card/test_verification.py", "tests/card/test_verification_survivors.py",
                      "tests/card/test_cold_start.py", "tests/card/test_nested_json.py"]
TESTS = {path: VERIFICATION_TESTS for path in TARGETS if path.startswith("verification/")}
TESTS["applications/canonical.py"] = ["tests/submission/test_canonical.py",
                                      "tests/submission/test_canonical_survivors.py"]
# (file, function, description[, line]) → why no test can tell the mutant from the original.
EQUIVALENT = {
    ("applications/canonical.py", "Normalised", "True -> False"): "dataclass(frozen) flag only",
    ("applications/canonical.py", "document", "drop element 3/3 of tuple"): "same sha256 implies same size",
    ("applications/canonical.py", "serialise", "False -> True"): "allow_nan: no float reaches serialise",
    ("verification/checks.py", "load_certificate", "4096 -> 4097"): "lru_cache size only",
    ("verification/checks.py", "load_certificate", "4096 -> 0"): "lru_cache size only",
    ("verification/checks.py", "Subject", "True -> False"): "dataclass flag only",
    ("verification/verify.py", "verify_authentication_token", "1024 -> 1025"): "the signature must be 256 bytes",
    ("verification/verify.py", "verify_document_signature", "1024 -> 1025"): "the signature must be 256 bytes",
    ("verification/trust.py", "<module>", "10000 -> 10001"): "cache size only",
    ("verification/trust.py", "<module>", "1.0 -> 2.0"): "reload interval only",
    ("verification/revocation.py", "<module>", "1.0 -> 2.0"): "reload interval only",
    ("verification/revocation.py", "_for_issuer", "Gt -> GtE"): "two CRLs of one moment: either is the CA's word",
    ("verification/revocation.py", "_for_issuer", "drop element 1/2 of tuple", 57):
        "the cache entry's issuer: a miss recomputes the same answer",
}
COMPARE_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                 ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


class Mutant:
    def __init__(self, path, function, line, description, tree):
        self.path, self.function, self.line, self.description, self.tree = path, function, line, description, tree

    def equivalent(self):
        return EQUIVALENT.get((self.path, self.function, self.description, self.line)) or \
            EQUIVALENT.get((self.path, self.function, self.description))


def _parents(tree):
    owner = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            owner[child] = node
    return owner


def _function_of(node, owner):
    while node in owner:
        node = owner[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return node.name
    return "<module>"


def mutants(path):
    """Every single-change mutant of the file at `path` (relative to the repo)."""
    source = (ROOT / path).read_text()
    original = ast.parse(source)
    nodes = list(ast.walk(original))
    owner = _parents(original)
    found = []
    for index, node in enumerate(nodes):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue  # docstrings
        for description, change in _changes(node):
            tree = copy.deepcopy(original)
            target = list(ast.walk(tree))[index]
            if change(target, _parents(tree)) is False:
                continue
            found.append(Mutant(path, _function_of(node, owner), getattr(node, "lineno", 0), description, tree))
    return found


def _changes(node):
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARE_SWAPS:
        swapped = COMPARE_SWAPS[type(node.ops[0])]
        yield (f"{type(node.ops[0]).__name__} -> {swapped.__name__}",
               lambda t, _o, s=swapped: setattr(t, "ops", [s()]))
    if isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield f"{type(node.op).__name__.lower()} -> {other.__name__.lower()}", lambda t, _o, o=other: setattr(t, "op", o())
        for i in range(len(node.values)):
            yield f"drop operand {i + 1} of {type(node.op).__name__.lower()}", \
                lambda t, _o, i=i: setattr(t, "values", [v for j, v in enumerate(t.values) if j != i]) \
                if len(t.values) > 2 else _replace(t, _o, t.values[1 - i])
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "drop not", lambda t, o: _replace(t, o, t.operand)
    if isinstance(node, ast.Raise):
        yield "delete raise", lambda t, o: _replace(t, o, ast.Pass())
    if isinstance(node, ast.Return) and node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None):
        yield "return None", lambda t, _o: setattr(t, "value", ast.Constant(None))
    if isinstance(node, ast.Constant) and type(node.value) is bool:
        yield f"{node.value} -> {not node.value}", lambda t, _o: setattr(t, "value", not t.value)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float) and not isinstance(node.value, bool):
        new = node.value + 1 if node.value else 1
        yield f"{node.value} -> {new}", lambda t, _o, n=new: setattr(t, "value", n)
    if isinstance(node, ast.Tuple) and len(node.elts) > 1:
        for i in range(len(node.elts)):
            yield f"drop element {i + 1}/{len(node.elts)} of tuple", \
                lambda t, _o, i=i: setattr(t, "elts", [e for j, e in enumerate(t.elts) if j != i])


def _replace(target, owner, new):
    parent = owner.get(target)
    if parent is None:
        return False
    for field, value in ast.iter_fields(parent):
        if value is target:
            setattr(parent, field, new)
            return None
        if isinstance(value, list) and target in value:
            value[value.index(target)] = new
            return None
    return False


def run(mutant):
    """True when the mutant survived (every test passed), in a forked child that loads the mutated module."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            _install(mutant)
            import pytest
            code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *TESTS[mutant.path]])
        finally:
            os._exit(int(code))
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _install(mutant):
    """Make `import <module>` load the mutated tree: a finder in front of the normal ones."""
    import importlib.abc
    import importlib.util

    name = TARGETS[mutant.path]
    code = compile(ast.fix_missing_locations(mutant.tree), str(ROOT / mutant.path), "exec")

    class Loader(importlib.abc.Loader):
        def create_module(self, spec):
            return None

        def exec_module(self, module):
            exec(code, module.__dict__)

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname == name:
                return importlib.util.spec_from_loader(name, Loader(), origin=str(ROOT / mutant.path))
            return None

    sys.meta_path.insert(0, Finder())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", action="append", choices=sorted(TARGETS))
    parser.add_argument("--sample", type=int, default=0, help="run this many mutants, chosen with a fixed seed")
    args = parser.parse_args()
    os.chdir(ROOT)
    every = [m for path in (args.file or sorted(TARGETS)) for m in mutants(path)]
    chosen = sorted(random.Random(9).sample(every, args.sample), key=lambda m: (m.path, m.line)) \
        if args.sample and args.sample < len(every) else every
    start, killed, survived, equivalent = time.monotonic(), 0, [], []
    for number, mutant in enumerate(chosen, 1):
        if mutant.equivalent():
            equivalent.append(mutant)
            continue
        if run(mutant):
            survived.append(mutant)
            print(f"SURVIVED {mutant.path}:{mutant.line} {mutant.function}: {mutant.description}", flush=True)
        else:
            killed += 1
        print(f"  {number}/{len(chosen)} done", file=sys.stderr, flush=True)
    scored = killed + len(survived)
    print(f"mutants: {len(every)} in all, {len(chosen)} run, {len(equivalent)} named equivalent, "
          f"{killed} killed, {len(survived)} survived; score {100 * killed / max(scored, 1):.1f} % "
          f"in {time.monotonic() - start:.0f} s")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
