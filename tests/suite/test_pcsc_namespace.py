"""Each xdist worker's own pcscd (tests/support/pcsc_namespace.py): where the machine allows a mount namespace,
the wrapper gives the command a private, empty /run/pcscd, and xdist's workers are started through it."""
import os
import subprocess

from execnet import XSpec

from simulator import pcscd
from tests.support import pcsc_namespace


def test_the_hook_starts_each_popen_worker_through_the_wrapper_only_where_it_works(monkeypatch):
    for works in (True, False):
        monkeypatch.setattr(pcsc_namespace, "available", lambda: works)
        specs = [XSpec("popen"), XSpec("popen"), XSpec("popen//python=/opt/other/python")]
        pcsc_namespace.pytest_xdist_setupnodes(None, specs)
        wrapped = [bool(s.python and s.python.startswith(pcsc_namespace.WRAPPER)) for s in specs]
        assert wrapped == ([True, True, False] if works else [False, False, False])
    assert specs[2].python == "/opt/other/python"


def test_a_shared_pcscd_is_asked_for_by_the_environment(monkeypatch):
    pcsc_namespace.available.cache_clear()
    monkeypatch.setenv("ORAS_SHARED_PCSCD", "1")
    try:
        assert pcsc_namespace.available() is False
    finally:
        pcsc_namespace.available.cache_clear()


def test_behind_the_wrapper_run_pcscd_is_private_and_empty(tmp_path):
    if not pcsc_namespace.available():  # not root, no unshare, or namespaces refused: the workers share one pcscd
        assert os.geteuid() != 0 or os.environ.get("ORAS_SHARED_PCSCD") == "1" or subprocess.run(
            ["unshare", "--mount", "true"], capture_output=True).returncode != 0
        return
    mark = tmp_path / "seen"
    script = (f'touch /run/pcscd/oras-test-mark && ls /run/pcscd > {mark} && echo "$ORAS_PRIVATE_PCSCD" >> {mark} '
              f'&& python3 -c "import os; print(os.stat(\'/proc/self/ns/mnt\').st_ino)" >> {mark}')
    subprocess.run([pcsc_namespace.WRAPPER, "sh", "-c", script], check=True, timeout=30)
    listing, flag, namespace = mark.read_text().split()
    assert listing == "oras-test-mark" and flag == "1"  # nothing of the machine's pcscd, and the worker knows
    assert not os.path.exists("/run/pcscd/oras-test-mark")  # the mark stayed in the namespace
    assert int(namespace) != os.stat("/proc/self/ns/mnt").st_ino


def test_a_private_pcscd_has_a_lock_of_its_own():
    assert pcscd._lock_path() == ("/tmp/oras-pcscd-ns%d.lock" % os.stat("/proc/self/ns/mnt").st_ino
                                  if pcsc_namespace.private() else "/tmp/oras-pcscd.lock")
