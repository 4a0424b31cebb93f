"""What a test run leaves running is stopped as bin/test ends (tests/support/leftovers.py): the processes carrying
the run's mark, by PID, and no other."""
import os
import subprocess
import textwrap
import uuid

from tests.support import leftovers
from tests.support.processes import wait_until
from tests.support.site import ROOT


def sleeping(run):
    """A process marked as `run`'s, in a session of its own as the tests' children are."""
    return subprocess.Popen(["sleep", "300"], env={**os.environ, leftovers.MARK: run}, start_new_session=True)


def test_the_runs_processes_are_stopped_and_no_others():
    run, other = f"test-{uuid.uuid4().hex}", f"test-{uuid.uuid4().hex}"
    ours, theirs = sleeping(run), sleeping(other)
    try:
        assert leftovers.marked(run) == [ours.pid]
        stopped = leftovers.stop(run, grace=5)
        assert [pid for pid, _ in stopped] == [ours.pid] and "sleep 300" in stopped[0][1]
        assert ours.wait(timeout=5) == -15  # SIGTERM
        assert theirs.poll() is None and leftovers.marked(other) == [theirs.pid]
        assert leftovers.stop(run) == []
    finally:
        for process in (ours, theirs):
            process.kill()
            process.wait()


def bin_test(tmp_path, source, **popen):
    """bin/test on one throwaway test module (`source`) in `tmp_path`, outside the project's own tests."""
    (tmp_path / "test_throwaway.py").write_text(textwrap.dedent(source))
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    env["ORAS_TEST_TMPDIR"] = str(tmp_path)  # its files here, not a directory of its own in memory
    return subprocess.Popen([os.path.join(ROOT, "bin", "test"), "-n", "0", "-p", "no:cacheprovider", "--rootdir",
                             str(tmp_path), "-c", os.devnull, str(tmp_path)], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def test_bin_test_stops_what_its_run_left_running(tmp_path):
    """A run whose test leaves a process behind (as an interrupted run leaves its sites and pcscds) ends with it
    stopped and named."""
    pid_file = tmp_path / "pid"
    run = bin_test(tmp_path, f"""\
        import subprocess
        def test_leaves_a_process_running():
            child = subprocess.Popen(["sleep", "300"], start_new_session=True)
            open({str(pid_file)!r}, "w").write(str(child.pid))
        """)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, out[-2000:] + err[-2000:]
    pid = int(pid_file.read_text())
    assert f"stopped 1 process this run left running:\n  {pid} sleep 300" in err, err
    wait_until(lambda: not leftovers.alive(pid), 5, what="the process the run left")


def test_a_sigterm_to_bin_test_alone_ends_the_run_and_what_it_started(tmp_path):
    """As `timeout` stops a command: the signal reaches pytest (bin/test ends at once, not when the tests are done),
    and what the run started is stopped too."""
    pid_file = tmp_path / "pid"
    run = bin_test(tmp_path, f"""\
        import subprocess, time
        def test_runs_long():
            child = subprocess.Popen(["sleep", "300"], start_new_session=True)
            open({str(pid_file)!r}, "w").write(str(child.pid))
            time.sleep(120)
        """)
    wait_until(lambda: pid_file.exists() and pid_file.read_text(), 60, what="the test's child")
    run.terminate()
    out, err = run.communicate(timeout=30)
    assert run.returncode == 128 + 15, out[-2000:] + err[-2000:]
    pid = int(pid_file.read_text())
    assert f"  {pid} sleep 300" in err, err
    wait_until(lambda: not leftovers.alive(pid), 5, what="the process the run left")
