"""bin/test's last step: `python -m tests.support.supervise RUN_TMP PYTEST_ARGS...`.

Runs pytest as a child in the same process group (the terminal's Ctrl-C reaches it, and pdb reads the terminal),
passes it a SIGTERM sent to bin/test alone (as `timeout` sends it), and when it has ended stops whatever the run
left running (tests/support/leftovers.py) and removes RUN_TMP, the run's in-memory files, unless a test failed or
the run was interrupted. Exits with pytest's status."""
import os
import shutil
import signal
import subprocess
import sys

from tests.support import leftovers


def keeps_files(status):
    """pytest's "tests failed" and "interrupted", or ended by a signal: the files tell what happened."""
    return status in (1, 2) or status > 128


def main(argv):
    run_tmp, arguments = argv[1], argv[2:]
    run = os.environ.get(leftovers.MARK)
    pytest = subprocess.Popen([sys.executable, "-m", "pytest", *arguments])
    signal.signal(signal.SIGTERM, lambda number, frame: pytest.send_signal(signal.SIGTERM))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal sends it to pytest too: pytest decides
    status = pytest.wait()
    if status < 0:  # ended by a signal: as a shell reports it
        status = 128 - status
    if run:
        leftovers.stop_and_name(run)
    if run_tmp:
        if keeps_files(status):
            print(f"The tests' files are kept in {run_tmp} (in memory: remove it when done).", file=sys.stderr)
        else:
            shutil.rmtree(run_tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
