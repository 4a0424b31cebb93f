"""Each xdist worker's own pcscd: pcscd 1.9.9 serves only the fixed socket /run/pcscd/pcscd.comm, so one machine
has one, and a test run waited for another's (or refused a pcscd it had not started, bin/demo's). Where this
machine lets a process have a mount namespace of its own (root, `unshare`), every worker is started through
`tests/support/pcsc_namespace`, which mounts a private /run/pcscd for it: its pcscd, card helper and pyscard
clients see only each other. Elsewhere, or with ORAS_SHARED_PCSCD=1, the workers share the machine's one socket.
"""
import functools
import os
import shutil
import shlex
import subprocess
import sys

import pytest

WRAPPER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pcsc_namespace")
PRIVATE = "ORAS_PRIVATE_PCSCD"  # set by the wrapper inside a worker's namespace


def private():
    """Whether this process runs in a namespace with its own /run/pcscd."""
    return os.environ.get(PRIVATE) == "1"


@functools.cache
def available():
    """Whether a worker can be given a private /run/pcscd here (tried once, in a throwaway namespace)."""
    if os.environ.get("ORAS_SHARED_PCSCD") == "1" or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    try:
        done = subprocess.run([WRAPPER, "sh", "-c", 'test "$ORAS_PRIVATE_PCSCD" = 1 && ! test -e /run/pcscd/pcscd.comm'],
                              capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs):
    """Before xdist starts its workers: each one's Python behind the wrapper, when the machine allows it."""
    if not available():
        return
    for spec in specs:
        if spec.popen and not spec.python:
            spec.python = f"{shlex.quote(WRAPPER)} {shlex.quote(sys.executable)}"
