"""Start Debian's pcscd with the vpcd virtual reader on a chosen port, and find out whether one is serving.

pcscd 1.9.9 ignores PCSCLITE_CSOCK_NAME (only clients honour it), so its socket is always the system one:
runs are serialized with a lock file instead, and a pcscd we did not start is never touched. A test worker in a
mount namespace with a private /run/pcscd has a socket, and so a lock, of its own.
"""
import os
import pathlib
import shutil
import socket

SYSTEM_SOCKET = "/run/pcscd/pcscd.comm"
VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"


def _lock_path():
    """The lock of the socket this process sees: the machine's, or its mount namespace's own (a test worker's,
    tests/support/pcsc_namespace.py)."""
    if os.environ.get("ORAS_PRIVATE_PCSCD") == "1":
        return f"/tmp/oras-pcscd-ns{os.stat('/proc/self/ns/mnt').st_ino}.lock"
    return "/tmp/oras-pcscd.lock"


LOCK_PATH = _lock_path()


def missing_parts():
    """What is not installed, or an empty list."""
    missing = []
    if not shutil.which("pcscd"):
        missing.append("pcscd (Debian package pcscd)")
    if not os.path.exists(VPCD_DRIVER):
        missing.append("vpcd driver (Debian package vsmartcard-vpcd)")
    return missing


def serving():
    """Whether some pcscd answers on the system socket."""
    with socket.socket(socket.AF_UNIX) as s:
        try:
            s.connect(SYSTEM_SOCKET)
            return True
        except OSError:
            return False


def write_reader_config(directory, port):
    """A reader.conf.d with one vpcd entry; vpcd listens on `port` (reader 00 00) and `port`+1 (00 01)."""
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "vpcd").write_text(
        'FRIENDLYNAME "Virtual PCD"\n'
        f"DEVICENAME   /dev/null:0x{port:04X}\n"
        f"LIBPATH      {VPCD_DRIVER}\n"
        f"CHANNELID    0x{port:04X}\n")
    return directory


def command(config_dir):
    """argv of a foreground pcscd reading only `config_dir` (no --auto-exit: we stop it by PID)."""
    return ["pcscd", "-f", "-c", str(config_dir)]


def free_port_pair():
    """A port p with p and p+1 both free on loopback (vpcd opens both)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port < 65535 and _free(port) and _free(port + 1):
            return port
    raise RuntimeError("no free pair of ports")


def _free(port):
    with socket.socket() as s:
        try:
            s.bind(("0.0.0.0", port))
            return True
        except OSError:
            return False
