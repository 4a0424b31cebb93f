"""The mutation tool itself (bench/mutation.py) on a tiny module: a change its tests see is killed, one they do not
see survives, a line no test runs survives without a run, and each mutant runs only the tests that reach it."""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

TINY = '''
LIMIT = 18


def grant(age):
    if age >= LIMIT:
        return "adult"
    return "minor"


def untested(x):
    return x + 1
'''
TESTS = '''
from tiny import grant


def test_adult():
    assert grant(30) == "adult"


def test_minor():
    assert grant(3) == "minor"
'''


def test_the_mutation_tool_kills_what_the_tests_see_and_reports_what_they_miss(tmp_path):
    (tmp_path / "tiny.py").write_text(TINY)
    (tmp_path / "test_tiny.py").write_text(TESTS)
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "mutation.py"), "--root", str(tmp_path),
                           "--target", "tiny.py:tiny:test_tiny.py", "--report", str(report),
                           "--verify-selection", "2"], capture_output=True, text=True, timeout=120)
    verdicts = {(m["function"], m["description"], m["line"]): (m["verdict"], m["tests"])
                for m in json.loads(report.read_text())}
    assert verdicts[("grant", "GtE -> Gt", 6)] == ("survived", 2)  # no test at exactly 18
    assert verdicts[("<module>", "18 -> 19", 2)] == ("survived", "all")  # run at import: every test judges it
    assert verdicts[("untested", "return None", 12)] == ("no test executes it", None)
    # each return is reached by one test only
    assert verdicts[("grant", "return None", 7)] == verdicts[("grant", "return None", 8)] == ("killed", 1)
    assert done.returncode == 1, done.stdout + done.stderr  # survivors: the run fails
    assert "SURVIVED tiny.py:6 grant: GtE -> Gt (its tests pass)" in done.stdout
    assert "verify-selection: 2 mutants killed by a selection re-run against every test, 0 survived" in done.stdout


PACKAGE = '''
LIMIT = 5


def double(x):
    return 2 * x
'''
SUBMODULE = '''
from pkg import double


def quadruple(x):
    return double(double(x))
'''
PACKAGE_TESTS = '''
from pkg.sub import quadruple


def test_quadruple():
    assert quadruple(1) == 4
'''


def _project(tmp_path):
    (tmp_path / "tiny.py").write_text(TINY)
    (tmp_path / "test_tiny.py").write_text(TESTS)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text(PACKAGE)
    (tmp_path / "pkg" / "sub.py").write_text(SUBMODULE)
    (tmp_path / "test_pkg.py").write_text(PACKAGE_TESTS)


def _run(tmp_path, *args):
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "mutation.py"), "--root", str(tmp_path),
                           "--report", str(report), *args], capture_output=True, text=True, timeout=180)
    return done, json.loads(report.read_text())


def test_a_package_is_mutated_as_a_package_and_scored_on_its_own_line(tmp_path):
    """A mutant of a package's __init__ still lets its submodules import: only what the tests see is killed."""
    _project(tmp_path)
    done, report = _run(tmp_path, "--target", "pkg/__init__.py:pkg:test_pkg.py")
    verdicts = {(m["function"], m["description"]): m["verdict"] for m in report}
    assert verdicts == {("<module>", "5 -> 6"): "survived", ("double", "return None"): "killed",
                        ("double", "2 -> 3"): "killed"}, done.stdout + done.stderr
    assert ("pkg/__init__.py: 2 killed / 3 non-equivalent, score 66.7 % (3 of 3 mutants judged, 1 survived, "
            "0 named equivalent)\n  SURVIVED pkg/__init__.py:2 <module>: 5 -> 6 (its tests pass)\n") in done.stdout


def test_sample_draws_that_many_of_each_module_the_same_whatever_runs_beside_it(tmp_path):
    sys.path.insert(0, str(ROOT))
    from bench import mutation

    _project(tmp_path)
    done, report = _run(tmp_path, "--sample", "2", "--target", "tiny.py:tiny:test_tiny.py",
                        "--target", "pkg/__init__.py:pkg:test_pkg.py")
    by_module = {}
    for m in report:
        by_module.setdefault(m["path"], set()).add((m["line"], m["description"]))
    assert {path: len(found) for path, found in by_module.items()} == {"tiny.py": 2, "pkg/__init__.py": 2}
    alone = {(m.line, m.description) for m in mutation.sample(mutation.mutants("pkg/__init__.py", tmp_path), 2)}
    assert by_module["pkg/__init__.py"] == alone
    assert len(mutation.mutants("tiny.py", tmp_path)) > 2  # a sample, not every mutant
    for path in by_module:  # a score line per module, then the whole run's
        killed = sum(m["verdict"] == "killed" for m in report if m["path"] == path)
        assert f"{path}: {killed} killed / 2 non-equivalent, score {50 * killed:.1f} %" in done.stdout
    assert "mutants: " in done.stdout.splitlines()[-1] and "4 judged in 2 modules" in done.stdout.splitlines()[-1]


def test_the_default_set_is_the_domain_each_area_judged_by_its_own_tests():
    sys.path.insert(0, str(ROOT))
    from bench import mutation

    for folder in ("rules", "console", "applications"):
        for file in (ROOT / folder).rglob("*.py"):
            path = file.relative_to(ROOT).as_posix()
            assert path in mutation.TARGETS, path
            assert all(test.startswith("tests/" + folder) or folder == "applications" and
                       test.startswith("tests/submission/") for test in mutation.TESTS[path]), path
    assert mutation.TARGETS["rules/forms/__init__.py"] == "rules.forms"
    assert mutation.TARGETS["rules/forms/fields.py"] == "rules.forms.fields"
    assert set(mutation.VERIFICATION) < set(mutation.TARGETS)
    assert mutation.TESTS["applications/canonical.py"] == ["tests/submission/test_canonical.py",
                                                           "tests/submission/test_canonical_survivors.py"]
    for tests in mutation.TESTS.values():
        assert all((ROOT / test).exists() for test in tests), tests


def test_the_pre_import_check_allows_the_tool_itself_but_no_other_project_module():
    """Imported as bench.mutation (a test, or `python -m`), the tool is a project file that holds no project
    module; any other project module loaded before forking would hide the mutants from the children."""
    check = "from bench import mutation; {}mutation.preimport([], mutation.Project(mutation.ROOT, {{}}, {{}}))"
    alone = subprocess.run([sys.executable, "-c", check.format("")], cwd=ROOT, capture_output=True, text=True)
    assert alone.returncode == 0, alone.stderr
    rule = subprocess.run([sys.executable, "-c", check.format("import rules.casework; ")], cwd=ROOT,
                          capture_output=True, text=True)
    assert rule.returncode == 1 and "pre-importing loaded project modules ['rules', " in rule.stderr
    assert "rules.casework" in rule.stderr and "bench.mutation" not in rule.stderr


def test_a_time_budget_stops_starting_mutants_and_scores_only_those_run(tmp_path):
    """Past the budget no mutant starts (the first one always does); the others, those no test executes among
    them, are listed as not run and not scored."""
    _project(tmp_path)
    done, report = _run(tmp_path, "--budget", "0.01", "--target", "tiny.py:tiny:test_tiny.py",
                        "--target", "pkg/__init__.py:pkg:test_pkg.py")
    verdicts = [m["verdict"] for m in report]
    executed = [v for v in verdicts if v not in ("not run (time budget)", "no test executes it")]
    assert len(executed) == 1 and verdicts.count("not run (time budget)") == len(report) - 1
    [first] = [m for m in report if m["verdict"] in executed]
    assert first["path"] == "pkg/__init__.py"  # one module after the other, in path order: pkg/ before tiny.py
    assert "not run within the time budget" in done.stdout.splitlines()[-1]


def test_every_named_equivalent_names_a_mutant_of_the_code_as_it_is():
    """A moved line or removed code leaves an entry naming nothing (a mutation run then fails): caught here first."""
    sys.path.insert(0, str(ROOT))
    from bench import mutation

    files = {key[0] for key in mutation.EQUIVALENT}
    assert files <= set(mutation.TARGETS)
    every = [m for path in sorted(files) for m in mutation.mutants(path)]
    assert mutation.stale_equivalents(every, files) == []
    assert all(why.strip() and "\n" not in why for why in mutation.EQUIVALENT.values())  # one line each
