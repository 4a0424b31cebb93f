"""How the suite sorts tests by the real parts they start (tests/support/real_parts.py, tests/conftest.py):
`--quick` leaves them out, the pcscd ones share one xdist group whatever their source says, and a starter
refuses a test that was not sorted for its part; bin/test passes arguments on and fails when no test ran."""
import json
import os
import subprocess
import sys

import pytest

from simulator import pcscd
from tests.suite import listing
from tests.support import browser, pcsc
from tests.support.pcsc import PcscStack
from tests.support.site import ROOT

SAMPLE = {
    "tests/card/test_no_reader.py": {"pcsc"},  # marked pcsc in its source; one of its tests uses the browser
    "tests/e2e/test_page_guards.py": {"e2e"},  # uses the browser fixture, no marker in its source
    "tests/e2e/test_application_form.py": {"e2e", "pcsc"},  # marked e2e only; its journey test starts pcscd, its
    # rules test only the site (live_site)
    "tests/rules/test_bureaus.py": set(),  # no real part
    "tests/site/test_catalogs.py": set(),  # no real part; some of its tests share a module-scoped fixture
}


def environment():
    """This process's environment without what marks it as a test (or an xdist worker) in progress, and without a
    number of hostile cases asked for."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT", "HOSTILE_", "ORAS_PRIVATE_PCSCD"))}


def collected(*options):
    """({node id: {"markers": [...], "groups": [...]}} kept, the same of those left out) of SAMPLE's files as
    pytest collects them with `options`."""
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "tests.suite.listing",
                           "--collect-only", "-q", *options, *SAMPLE], cwd=ROOT, env=environment(),
                          capture_output=True, text=True, timeout=300)
    line = next((l for l in done.stdout.splitlines() if l.startswith(listing.PREFIX)), None)
    assert line, done.stdout[-3000:] + done.stderr[-3000:]
    found = json.loads(line.removeprefix(listing.PREFIX))
    return found["kept"], found["left_out"], found["hostile_examples"]


@pytest.fixture(scope="module")
def quick():
    """What --quick keeps and leaves out (one collection: the suite's own tests pay for each)."""
    return collected("--quick")


@pytest.fixture(scope="module")
def full(quick):
    kept, left_out, _ = quick
    return {**kept, **left_out}


def test_each_test_is_marked_for_the_real_parts_it_starts(full):
    by_file = {}
    for nodeid, found in full.items():
        by_file.setdefault(nodeid.split("::")[0], []).append(set(found["markers"]) & {"e2e", "pcsc"})
    assert by_file.keys() == SAMPLE.keys()
    assert by_file["tests/rules/test_bureaus.py"] and not any(by_file["tests/rules/test_bureaus.py"])
    assert all(marks == {"e2e"} for marks in by_file["tests/e2e/test_page_guards.py"])
    form = {nodeid.split("::")[1].split("[")[0]: set(found["markers"]) & {"e2e", "pcsc"}
            for nodeid, found in full.items() if nodeid.startswith("tests/e2e/test_application_form.py")}
    assert form["test_extension_with_reentry_autosaves_resumes_and_uploads"] == {"e2e", "pcsc"}
    assert form["test_the_form_follows_the_agencys_rules"] == {"e2e"}
    assert sorted(map(sorted, by_file["tests/card/test_no_reader.py"])) == [["e2e", "pcsc"], ["pcsc"]]


def test_every_test_that_needs_pcscd_and_no_other_is_in_the_one_pcscd_group(full):
    for nodeid, found in full.items():
        if "pcsc" in found["markers"]:
            assert found["groups"] == ["pcscd"], nodeid
        else:
            assert "pcscd" not in found["groups"], nodeid


def test_tests_sharing_a_module_fixture_run_on_one_worker(full):
    catalogs = {n: found["groups"] for n, found in full.items() if n.startswith("tests/site/test_catalogs.py")}
    shared = "tests/site/test_catalogs.py::test_words_with_two_meanings_always_say_which"  # source_messages
    alone = "tests/site/test_catalogs.py::test_catalog_keywords_are_the_ones_bin_catalogs_uses"
    assert catalogs[shared] == ["tests/site/test_catalogs.py"] and catalogs[alone] == []
    assert all(found["groups"] == [] for n, found in full.items() if n.startswith("tests/rules/test_bureaus.py"))


def test_quick_leaves_out_every_test_that_starts_chromium_or_pcscd(quick):
    kept, left_out, _ = quick
    assert kept and left_out and all({"e2e", "pcsc"} & set(found["markers"]) for found in left_out.values())
    assert not any({"e2e", "pcsc"} & set(found["markers"]) for found in kept.values())
    assert {n.split("::")[0] for n in kept} == {"tests/rules/test_bureaus.py", "tests/site/test_catalogs.py"}


def test_quick_runs_a_shorter_hostile_battery(quick):
    assert quick[2] == "200"


def test_pcscd_does_not_start_for_a_test_not_sorted_for_it(tmp_path):
    stack = PcscStack(tmp_path)
    with pytest.raises(pytest.fail.Exception, match="starts pcscd but was not classified"):
        stack.start()
    assert stack.children == [] and stack._lock is None


@pytest.mark.pcsc  # takes the pcscd lock; the daemon itself is a stand-in that never serves
def test_a_pcscd_that_does_not_come_up_is_stopped_and_the_lock_released(tmp_path, monkeypatch):
    real_wait = pcsc.wait_until

    def impatient(predicate, timeout, **kwargs):
        if kwargs.get("what") == "pcscd's socket":
            raise TimeoutError("timed out waiting for pcscd's socket")
        return real_wait(predicate, timeout, **kwargs)

    monkeypatch.setattr(pcsc, "wait_until", impatient)
    monkeypatch.setattr(pcscd, "serving", lambda: False)
    monkeypatch.setattr(pcscd, "command", lambda config: ["sleep", "600"])
    stack = PcscStack(tmp_path)
    with pytest.raises(TimeoutError):
        stack.start()
    assert not stack.pcscd.alive() and stack.children == [] and stack._lock is None
    with open(pcscd.LOCK_PATH, "w") as other:
        assert pcsc._try_lock(other)


def test_chromium_does_not_start_for_a_test_not_sorted_for_it():
    class Playwright:
        asked = False

        @property
        def chromium(self):
            Playwright.asked = True
            raise AssertionError("Chromium asked for")

    with pytest.raises(pytest.fail.Exception, match="starts browser but was not classified"):
        browser.launch(Playwright())
    assert not Playwright.asked


def test_bin_test_passes_arguments_on_prints_the_slowest_and_fails_when_no_test_ran():
    def run(*args):
        return subprocess.run([os.path.join(ROOT, "bin", "test"), "-n", "0", "-p", "no:cacheprovider", *args],
                              cwd=ROOT, env=environment(), capture_output=True, text=True, timeout=300)

    one = run("tests/rules/test_bureaus.py::test_postal_address_comes_only_from_configuration")
    assert one.returncode == 0 and "1 passed" in one.stdout and "slowest 10 durations" in one.stdout, one.stdout
    assert "workers" not in one.stdout  # the later -n 0 won over bin/test's -n 2
    none = run("tests/rules/test_bureaus.py", "-k", "no_test_is_called_this")
    assert none.returncode == 5, none.stdout  # pytest's "no tests ran": .ci/run fails with it
