"""Under `bin/test` (--dist loadgroup) the tests of one xdist group run on one worker (tests/support/xdist_groups.py),
shown on a throwaway project of trivial tests, run the way bin/test runs the suite."""
import re
import subprocess
import sys

from tests.suite.test_real_parts import environment
from tests.support.site import ROOT

PROJECT = '''
import time

import pytest


@pytest.mark.xdist_group("together")
@pytest.mark.parametrize("n", range(6))
def test_grouped(n):
    time.sleep(0.2)


@pytest.mark.parametrize("n", range(6))
def test_free(n):
    time.sleep(0.2)
'''


def test_the_tests_of_a_group_run_on_one_worker_and_the_others_on_both(tmp_path):
    (tmp_path / "test_groups.py").write_text(PROJECT)
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "tests.support.xdist_groups",
                           "-n", "2", "--dist", "loadgroup", "-v", str(tmp_path)], cwd=tmp_path,
                          env={**environment(), "PYTHONPATH": ROOT}, capture_output=True, text=True, timeout=300)
    assert "12 passed" in done.stdout, done.stdout + done.stderr
    ran = re.findall(r"^\[(gw\d)\] .*PASSED .*::(test_grouped|test_free)", done.stdout, re.M)
    assert len({worker for worker, test in ran if test == "test_grouped"}) == 1, done.stdout
    assert len({worker for worker, _ in ran}) == 2, done.stdout
