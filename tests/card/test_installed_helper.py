"""The card helper as an applicant gets it: bin/build-helper's .deb, unpacked as dpkg would install it, started
with nothing typed (the site's origin built in), then a login in the browser against that installed program.

The PyInstaller build takes about a minute: it runs once, and again only when its inputs change (--if-stale)."""
import shutil
import subprocess
import sys

import pytest
import requests

from tests.support import journey as j
from tests.support.card_prompt import log_in
from tests.support.processes import Child, free_port, port_open, wait_until
from tests.support.real_parts import missing
from tests.support.site import ROOT

pytestmark = [pytest.mark.pcsc, pytest.mark.e2e]

BUILT_FOR = "https://oras-install-test.example"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """(unpacked root, .deb path) of a build for BUILT_FOR."""
    for tool in ("dpkg-deb", "dpkg"):
        if not shutil.which(tool):
            missing(tool)
    out = f"{ROOT}/build/helper-test"
    done = subprocess.run([f"{ROOT}/bin/build-helper", "--origin", BUILT_FOR, "--out", out, "--if-stale"],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    deb = next(p for p in __import__("pathlib").Path(out).glob("oras-card-helper_*_amd64.deb"))
    root = tmp_path_factory.mktemp("installed")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root, deb


def test_package_installs_the_executable_autostart_and_origin(package):
    root, deb = package
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Depends"], capture_output=True, text=True,
                            check=True).stdout
    assert "Package: oras-card-helper" in fields and "Depends: pcscd" in fields
    # dpkg itself agrees that it installs here (its dependencies are met), without changing the system.
    dry = subprocess.run(["dpkg", "--dry-run", "-i", str(deb)], capture_output=True, text=True)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert (root / "usr/bin/oras-card-helper").stat().st_mode & 0o111
    for entry in ("etc/xdg/autostart/oras-card-helper.desktop", "usr/share/applications/oras-card-helper.desktop"):
        text = (root / entry).read_text()
        assert "Exec=/usr/bin/oras-card-helper" in text and "Name[ja]=カードヘルパー" in text
    assert BUILT_FOR in (root / "etc/oras-card-helper/origins").read_text()


def test_checksums_match_the_files(package):
    _, deb = package
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=deb.parent, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == 3, check.stdout + check.stderr


def _start_unpacked(root, port, origins_file, log_path):
    """The unpacked executable as the session's autostart entry starts it (its Exec line; the port differs), reading
    the origins file given (the unpacked package's own), never the machine's /etc/oras-card-helper."""
    entry = (root / "etc/xdg/autostart/oras-card-helper.desktop").read_text()
    argv = next(line for line in entry.splitlines() if line.startswith("Exec=")).removeprefix("Exec=").split()
    child = Child([str(root) + argv[0], *argv[1:], "--port", str(port)],
                  env={"PATH": "/usr/bin:/bin", "CARD_HELPER_ORIGINS_FILE": str(origins_file)}, log_path=log_path)
    wait_until(lambda: port_open(port) or not child.alive(), 30, what="the installed helper")
    assert child.alive(), child.log_tail()
    return child


def _served(port, origin):
    response = requests.get(f"http://127.0.0.1:{port}/v1/status", headers={"Origin": origin}, timeout=10)
    return response.status_code == 200 and response.headers.get("Access-Control-Allow-Origin") == origin


def test_started_with_nothing_typed_it_serves_only_its_site(package, tmp_path):
    root, _ = package
    port = free_port()
    child = _start_unpacked(root, port, root / "etc/oras-card-helper/origins", str(tmp_path / "helper.log"))
    try:
        assert _served(port, BUILT_FOR) and not _served(port, "https://evil.example")
    finally:
        child.stop()
    # the origins file is what it reads (not the origin built in as well): another site listed there is served
    other = tmp_path / "origins"
    other.write_text("https://another-site.example\n")
    child = _start_unpacked(root, port, other, str(tmp_path / "helper-other.log"))
    try:
        assert _served(port, "https://another-site.example") and not _served(port, BUILT_FOR)
    finally:
        child.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stack = j.JourneyStack(tmp_path_factory.mktemp("installed-journey"))
    try:
        yield stack.start()
    finally:
        stack.stop()


def test_login_through_the_installed_helper(package, stack, browser, tmp_path):
    """The site's page, the installed executable and the virtual card: a login, in Chinese (its catalogs ship)."""
    from tests.support import agents
    from tests.support.accounts import PASSWORD

    root, _ = package
    site = stack.site()
    stack.helper_child.stop()  # the checkout's helper makes way for the installed one on the same port
    stack.pcsc.children.remove(stack.helper_child)
    installed = Child([str(root / "usr/bin/oras-card-helper"), "--port", str(stack.helper_port), "--quiet"],
                      env={"PATH": "/usr/bin:/bin", "CARD_HELPER_ORIGINS": site.url},
                      log_path=str(tmp_path / "installed.log"))
    stack.pcsc.children.append(installed)
    stack.helper_child = installed
    wait_until(lambda: port_open(stack.helper_port) or not installed.alive(), 30, what="the installed helper")
    card, account = stack.member(site, "試験\u3000六郎", "rokuro.shiken@example.jp", "PQ66778899RS",
                                 "installed.json")
    stack.insert(card)
    context = browser.new_context(user_agent=agents.E2E, locale="zh-CN")
    try:
        page = context.new_page()
        log_in(page, site, account["user_id"], PASSWORD, j.AUTH_PIN, language="zh")
        assert page.url.endswith("/my")
    finally:
        context.close()
    assert installed.alive() and sys.executable not in installed.argv[0]


def test_download_page_shows_what_the_build_made(package, make_app):
    """Sizes and SHA-256 on /helper are those of bin/build-helper's files, and the files download intact."""
    import hashlib

    from tests.conftest import chrome_client

    _, deb = package
    client = chrome_client(make_app(CARD_HELPER_DOWNLOADS=str(deb.parent)))
    page = client.get("/helper").text
    names = [line.split("  ", 1)[1] for line in (deb.parent / "SHA256SUMS").read_text().splitlines()]
    assert len(names) == 3 and any(n.endswith(".whl") for n in names)
    for name in names:
        digest = hashlib.sha256((deb.parent / name).read_bytes()).hexdigest()
        assert digest in page and f'href="/helper/files/{name}"' in page
    download = client.get(f"/helper/files/{deb.name}")
    assert hashlib.sha256(download.data).hexdigest() == hashlib.sha256(deb.read_bytes()).hexdigest()


def test_wheel_carries_catalogs_and_origin(package):
    import zipfile

    _, deb = package
    wheel = next(deb.parent.glob("oras_card_helper-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("card_helper/origin.txt").decode().strip() == BUILT_FOR
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "oras-card-helper = card_helper.__main__:main" in archive.read(entry_points).decode()
    assert {"card_helper/translations/zh/LC_MESSAGES/card_helper.mo", "card_helper/templates/prompt.html",
            "jpki/protocol.py", "jpki/binding.py"} <= names
