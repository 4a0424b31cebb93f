"""Stop what a test run left running (tests/support/supervise.py, as bin/test's run ends).

bin/test marks every process of a run with ORAS_TEST_RUN in its environment, which the workers, the sites, pcscd,
Chromium and Wine inherit. The tests stop what they start, but an interrupted run does not (xdist ends its workers
without their teardown, and each child runs in a session of its own, out of reach of the terminal's Ctrl-C). This
finds the processes carrying this run's mark, by PID, and stops them: SIGTERM, then SIGKILL after `grace` seconds."""
import os
import signal
import sys
import time

MARK = "ORAS_TEST_RUN"


def marked(run, proc="/proc"):
    """PIDs of the processes whose environment carries this run's mark (not this process)."""
    wanted = f"{MARK}={run}".encode()
    found = []
    for name in os.listdir(proc):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open(os.path.join(proc, name, "environ"), "rb") as f:
                if wanted in f.read().split(b"\0"):
                    found.append(int(name))
        except OSError:  # gone already, or not ours to read
            continue
    return found


def command(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()[:120]
    except OSError:
        return "?"


def stop(run, grace=5.0):
    """Stop this run's processes; returns [(pid, command)] of those that were still running."""
    found = [(pid, command(pid)) for pid in marked(run)]
    for pid, _ in found:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(alive(pid) for pid, _ in found):
        time.sleep(0.1)
    for pid, _ in found:
        if alive(pid):
            _signal(pid, signal.SIGKILL)
    return found


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has stopped: its parent reaps it
    except OSError:
        return False


def _signal(pid, number):
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


def stop_and_name(run):
    """stop(), then name on stderr what was still running."""
    found = stop(run)
    if found:
        print(f"bin/test: stopped {len(found)} process{'' if len(found) == 1 else 'es'} this run left running:",
              file=sys.stderr)
        for pid, line in found:
            print(f"  {pid} {line}", file=sys.stderr)
