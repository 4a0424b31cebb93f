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
