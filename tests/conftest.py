"""Fixtures shared by every test: an app on its own database file and a client that looks like Chrome; and
how tests are sorted by the real parts they start (Chromium, pcscd): `--quick` leaves those out, a parallel run
keeps the pcscd ones on one worker (docs/testing.md)."""
import os
import shutil

import jinja2
import pytest
from argon2 import PasswordHasher, Type

from accounts import passwords
from app import create_app
from console import audit
from store.db import connect, migrate
from tests.support import agents, real_parts

pytest_plugins = [
    "tests.support.xdist_groups",  # the xdist groups below reach the scheduler under pytest 9
    "tests.support.pcsc_namespace",  # each worker its own pcscd where the machine allows it
    "tests.support.route_builders",  # werkzeug's routes compiled once per process, not per test's app
]

PARTS = pytest.StashKey[frozenset]()


QUICK_HOSTILE_EXAMPLES = "200"  # the hostile battery's generated cases under --quick (800 otherwise)


def pytest_addoption(parser):
    parser.addoption("--quick", action="store_true",
                     help="the inner loop: leave out every test that starts Chromium, pcscd or Wine, and run the "
                          f"hostile battery with {QUICK_HOSTILE_EXAMPLES} cases (docs/testing.md)")


def pytest_configure(config):
    if config.getoption("quick"):
        os.environ.setdefault("HOSTILE_EXAMPLES", QUICK_HOSTILE_EXAMPLES)  # read when tests/hostile is imported


@pytest.hookimpl(tryfirst=True)  # before -m and xdist read the marks added here
def pytest_collection_modifyitems(config, items):
    quick = config.getoption("quick")
    kept, left_out = [], []
    for item in items:
        parts = frozenset(real_parts.needed({m.name for m in item.iter_markers()},
                                            getattr(item, "fixturenames", ())))
        item.stash[PARTS] = parts
        for part in sorted(parts):
            item.add_marker(real_parts.MARKER[part])
        group = xdist_group(item, parts)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
        (left_out if quick and parts else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def xdist_group(item, parts):
    """Where a parallel run (--dist loadgroup) runs a test: every test that needs pcscd in one group, on one worker
    (one pcscd per machine; where each worker has its own, tests/support/pcsc_namespace.py, the journey stack is
    still built once: spread by module, each worker built it again for each module, and the CPU-bound suite took
    longer: 11 min 19 s against 10 min 36 s); the tests of a module that share a module- or class-scoped fixture
    together, so it is built once; None: on any worker, test by test."""
    if real_parts.PCSCD in parts:
        return real_parts.PCSCD_GROUP
    fixtures = getattr(item, "_fixtureinfo", None)
    if fixtures and any(defs[-1].scope in ("module", "class") for defs in fixtures.name2fixturedefs.values()):
        return item.nodeid.split("::")[0]
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    real_parts.allow(item.stash.get(PARTS, frozenset()))


class CompiledTemplates(jinja2.BytecodeCache):
    """Each template compiled once per test process instead of once per test's app (most of a fresh app's first
    page): every app comes from create_app with the same Jinja settings, and Jinja keys each entry by the
    template's file and checks it against the checksum of the template's source."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        bucket.code = self.code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket):
        self.code[(bucket.key, bucket.checksum)] = bucket.code


COMPILED_TEMPLATES = CompiledTemplates()


# Argon2id at the lowest cost it allows, for tests in this process: at the real cost (64 MiB, t=3, p=4) hashing
# was a third of the suite's time. The live sites the browser tests start hash at the real cost; so do the tests
# marked standard_password_hash (the parameters themselves, the rehash after a login).
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, hash_len=passwords.HASH_LENGTH,
                              salt_len=passwords.SALT_LENGTH, type=Type.ID)


@pytest.fixture(autouse=True)
def cheap_password_hashing(request, monkeypatch):
    if request.node.get_closest_marker("standard_password_hash") is None:
        monkeypatch.setattr(passwords, "_hasher", CHEAP_HASHER)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """A database file migrated once per test process: a test's new database starts as a copy of it instead of
    running every migration again (a quarter of a test app's start; the migrations' own tests migrate)."""
    path = str(tmp_path_factory.mktemp("migrated") / "oras.db")
    db = migrate(connect(path))
    db.conn.close()  # the last connection checkpoints the WAL into the file and removes it
    return path


@pytest.fixture
def make_app(tmp_path, migrated_database):
    built = []

    def build(**overrides):
        config = {"MODE": "test", "DATABASE": str(tmp_path / "oras.db"), **overrides}
        built.append(config["DATABASE"])
        if not os.path.exists(config["DATABASE"]):
            shutil.copyfile(migrated_database, config["DATABASE"])
        app = create_app(config)
        app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
        return app
    yield build
    # Every test database's audit log still verifies (a test that tampers on purpose uses its own copy).
    for path in set(built):
        if os.path.exists(path):
            db = connect(path)
            try:
                assert audit.verify(db)[1] is None, f"audit log of {path} does not verify"
            finally:
                db.conn.close()


@pytest.fixture
def app(make_app):
    return make_app()


def chrome_client(app, remote_addr="127.0.0.1"):
    client = app.test_client()
    client.environ_base.update({"HTTP_USER_AGENT": agents.CHROME_WINDOWS, "REMOTE_ADDR": remote_addr})
    return client


@pytest.fixture
def client(app):
    return chrome_client(app)


@pytest.fixture(scope="session")
def playwright_session():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        from tests.support.real_parts import missing
        missing("the playwright package")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session):
    """Chromium's headless shell, one per test session (the e2e tests and the card tests' page checks share it)."""
    from tests.support.browser import launch
    chromium = launch(playwright_session)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def full_browser(playwright_session):
    """Debian's full Chromium, for the tests marked full_chromium: what the headless shell lacks (the PDF viewer)."""
    from tests.support.browser import FULL_CHROMIUM, launch
    chromium = launch(playwright_session, FULL_CHROMIUM)
    yield chromium
    chromium.close()
