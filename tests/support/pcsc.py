"""The real PC/SC stack for tests: our own pcscd (by PID), virtual cards in its vpcd reader, the card helper."""
import fcntl
import os
import pathlib
import sys
import time

from smartcard import scard

from simulator import pcscd
from tests.support.processes import Child, port_open, wait_until
from tests.support.real_parts import PCSCD, claim, missing

REPO = pathlib.Path(__file__).resolve().parents[2]
LOCK_WAIT = 180  # another test run may hold pcscd; wait for it rather than fight over the one socket


class PcscStack:
    """pcscd with vpcd on a free port pair; `with_reader=False` gives a pcscd with no reader at all."""

    def __init__(self, workdir, with_reader=True):
        self.workdir = pathlib.Path(workdir)
        self.with_reader = with_reader
        self.children = []
        self._lock = None

    def start(self):
        claim(PCSCD)
        if pcscd.missing_parts():
            missing(", ".join(pcscd.missing_parts()))
        self._lock = open(pcscd.LOCK_PATH, "w")
        wait_until(lambda: _try_lock(self._lock), LOCK_WAIT, interval=0.2, what="the pcscd lock")
        try:
            if pcscd.serving():
                missing("a pcscd this test did not start is running; stop it to run the PC/SC tests")
            self.port = pcscd.free_port_pair()
            config = self.workdir / "reader.conf.d"
            if self.with_reader:
                pcscd.write_reader_config(config, self.port)
            else:
                config.mkdir(parents=True, exist_ok=True)
            self.pcscd = self._child(pcscd.command(config), "pcscd")
            wait_until(pcscd.serving, 10, what="pcscd's socket")
            if self.with_reader:
                wait_until(lambda: port_open(self.port), 10, what="vpcd's port")
        except BaseException:
            self.stop()  # a pcscd left behind would hold the one socket (every later PC/SC run refuses to start)
            raise
        return self

    def _child(self, argv, name, env=None):
        child = Child(argv, cwd=REPO, env=env, log_path=self.workdir / f"{name}-{len(self.children)}.log")
        self.children.append(child)
        return child

    def insert(self, card_path, *extra):
        """Serve the card file in reader 00 00 and wait until pcscd reports it present."""
        child = self._child([sys.executable, "-m", "simulator", "insert", str(card_path),
                             "--port", str(self.port), *extra], "card")
        wait_until(lambda: card_present() or not child.alive(), 10, what="the card in the reader")
        assert child.alive(), child.log_tail()
        return child

    def remove(self, card_child):
        card_child.stop()
        wait_until(lambda: not card_present(), 10, what="the card to leave the reader")

    def helper(self, origins, port, card_timeout=1.0):
        argv = [sys.executable, "-m", "card_helper", "--port", str(port), "--card-timeout", str(card_timeout),
                "--quiet"]
        for origin in origins:
            argv += ["--origin", origin]
        child = self._child(argv, "helper")
        wait_until(lambda: port_open(port) or not child.alive(), 15, what="the card helper")
        assert child.alive(), child.log_tail()
        return child

    def stop(self):
        for child in reversed(self.children):
            child.stop()
        self.children.clear()
        if self._lock:
            self._lock.close()  # releases the flock
            self._lock = None


def _try_lock(handle):
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def card_present():
    """Whether pcscd reports a card in any reader right now."""
    hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return False
    try:
        hresult, readers = scard.SCardListReaders(ctx, [])
        if hresult != scard.SCARD_S_SUCCESS or not readers:
            return False
        hresult, states = scard.SCardGetStatusChange(ctx, 0, [(r, scard.SCARD_STATE_UNAWARE) for r in readers])
        return any(event & scard.SCARD_STATE_PRESENT for _, event, _ in states)
    finally:
        scard.SCardReleaseContext(ctx)


def started_stack(tmp_path_factory, with_reader=True):
    """Generator body for fixtures: yields a started PcscStack and always stops it."""
    stack = PcscStack(tmp_path_factory.mktemp("pcsc"), with_reader)
    try:
        yield stack.start()
    finally:
        stack.stop()


os.environ.pop("PCSCLITE_CSOCK_NAME", None)  # pcscd itself ignores it; clients must use the same socket
