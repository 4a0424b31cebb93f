"""The card helper's Windows installer (bin/build-helper --windows), installed and started under Wine as Windows
would: msiexec installs it per user with its Start-menu entry and its log-in autostart (the HKCU Run key), and
the installed helper, started as that key starts it, answers GET /v1/status for the site built in.

Wine 8.0's winscard.dll is a stub (SCardEstablishContext answers SCARD_F_INTERNAL_ERROR without reaching
pcscd), so the card itself is not read here: /v1/status says pcsc_error, the helper's answer to a PC/SC
failure. The build takes about a minute and a half: it runs once, and again only when its inputs change."""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
import requests

from card_helper import VERSION, WINDOWS_MENU_NAME, WINDOWS_PRODUCT_NAME
from tests.support.processes import Child, free_port, port_open, wait_until
from tests.support.real_parts import WINE, claim, missing
from tests.support.site import ROOT

pytestmark = pytest.mark.wine  # slow (a build and Wine): --quick leaves it out

BUILT_FOR = "https://oras-windows-test.example"
RUN_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"


@pytest.fixture(scope="module")
def build():
    claim(WINE)
    for tool in ("wixl", "osslsigncode", "wine", "wineserver", "dpkg-deb"):
        if not shutil.which(tool):
            missing(tool)
    out = pathlib.Path(ROOT) / "build" / "helper-test-windows"
    done = subprocess.run([f"{ROOT}/bin/build-helper", "--windows", "--origin", BUILT_FOR, "--out", str(out),
                           "--if-stale"], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def _prefix(path):
    return {**os.environ, "WINEPREFIX": str(path), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}


def _wine(env, *argv, timeout=600):
    done = subprocess.run(["wine", *argv], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def wine(tmp_path_factory, build):
    """A fresh Wine prefix with the MSI installed by msiexec, quietly, as the user; its wineserver stopped after."""
    claim(WINE)
    prefix = tmp_path_factory.mktemp("wine")
    env = _prefix(prefix)
    try:
        _wine(env, "msiexec", "/i", str(next(build.glob("oras-card-helper-*-windows-x64.msi"))), "/qn")
        yield prefix, env
    finally:
        subprocess.run(["wineserver", "-k"], env=env, timeout=60)  # this prefix's server and its programs only
        shutil.rmtree(prefix, ignore_errors=True)  # some 700 MB, in memory where bin/test puts the tests' files


def _run_key(env):
    return _wine(env, "reg", "query", RUN_KEY, "/v", "OrasCardHelper", timeout=120).split("REG_SZ", 1)[1].strip()


# First: its own prefix is gone before the module's is made (in memory, some 700 MB each).
def test_a_newer_version_replaces_the_installed_one(build, tmp_path):
    """The same product in every version (its UpgradeCode): installing a newer one leaves one entry in the
    installed programs, the newer; an older one does not install over it."""
    claim(WINE)
    wheel = next(build.glob("oras_card_helper-*.whl"))
    newer = tmp_path / wheel.name.replace(f"-{VERSION}-", "-99.0.0-")  # the MSI takes its version from the name
    shutil.copy(wheel, newer)
    subprocess.run([sys.executable, f"{ROOT}/bin/helper-windows-msi", str(newer), str(tmp_path), str(tmp_path / "work")],
                   check=True, capture_output=True, timeout=600)
    env = _prefix(tmp_path / "wine")
    try:
        _wine(env, "msiexec", "/i", str(next(build.glob("*-windows-x64.msi"))), "/qn")
        first = _wine(env, "uninstaller", "--list", timeout=120).splitlines()
        _wine(env, "msiexec", "/i", str(tmp_path / "oras-card-helper-99.0.0-windows-x64.msi"), "/qn")
        upgraded = _wine(env, "uninstaller", "--list", timeout=120).splitlines()
        subprocess.run(["wine", "msiexec", "/i", str(next(build.glob("*-windows-x64.msi"))), "/qn"], env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=600)  # refused: an older version
        after_older = _wine(env, "uninstaller", "--list", timeout=120).splitlines()
    finally:
        subprocess.run(["wineserver", "-k"], env=env, timeout=60)
        shutil.rmtree(tmp_path / "wine", ignore_errors=True)
    assert len(first) == len(upgraded) == 1 and first != upgraded and WINDOWS_PRODUCT_NAME in upgraded[0]
    assert after_older == upgraded


def test_installs_per_user_with_menu_entry_and_autostart(wine):
    prefix, env = wine
    home = next((prefix / "drive_c" / "users").glob(f"{os.environ.get('USER', 'root')}*"))
    installed = home / "AppData" / "Local" / "OrasCardHelper"
    assert (installed / "pythonw.exe").is_file()
    assert (installed / "Lib" / "site-packages" / "card_helper" / "origin.txt").read_text().strip() == BUILT_FOR
    menu = home / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    assert (menu / f"{WINDOWS_MENU_NAME}.lnk").is_file()
    command = _run_key(env)
    assert command.endswith(r'\OrasCardHelper\pythonw.exe" -m card_helper --quiet'), command


def test_installed_helper_answers_status_as_its_autostart_starts_it(wine, tmp_path):
    _, env = wine
    port = free_port()
    # The Run key's command with a free port; through a pipe (Wine gives a program whose output is a plain
    # file an invalid standard handle, and Python then stops before it starts).
    command = f"{_run_key(env)} --port {port} </dev/null 2>&1 | cat"
    helper = Child(["sh", "-c", f"wine {command}"], env=env,
                   log_path=str(tmp_path / "helper.log"))
    try:
        wait_until(lambda: port_open(port) or not helper.alive(), 120, what="the helper under Wine")
        assert helper.alive(), helper.log_tail()
        answer = requests.get(f"http://127.0.0.1:{port}/v1/status", headers={"Origin": BUILT_FOR}, timeout=30)
        assert answer.status_code == 200, answer.text
        assert answer.headers["Access-Control-Allow-Origin"] == BUILT_FOR  # the origin built in, nothing typed
        assert answer.json()["helper_version"] == VERSION
        # Wine's winscard stub: the helper answers a PC/SC failure as such, not as "no reader" (see the docstring).
        assert answer.json()["error"]["code"] == "pcsc_error", answer.json()
        refused = requests.get(f"http://127.0.0.1:{port}/v1/status", headers={"Origin": "https://other.example"},
                               timeout=30)
        assert "Access-Control-Allow-Origin" not in refused.headers
    finally:
        helper.stop()


def test_checksums_list_the_installer(build):
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=build, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == 4, check.stdout + check.stderr
    assert "-windows-x64.msi: OK" in check.stdout
