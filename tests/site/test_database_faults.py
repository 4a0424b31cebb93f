"""A database that is locked, read-only or missing: 503 with Retry-After and words that say only what is known;
/healthz says which; a page that only reads still opens (issue 9, defects 6 and 7)."""
import contextlib
import os
import pathlib
import subprocess

import pytest

import store
from tests.applications.conftest import expiry_in
from tests.conftest import chrome_client
from tests.support.logged_in import logged_in_client

NOTHING_SAVED = "Nothing you sent was saved"
MAYBE_SAVED = "may already have been saved"
NEW_APPLICATION = {"main": "3", "status": "engineer_specialist", "current_period": "1y", "expiry_date": expiry_in(30)}


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(WTF_CSRF_ENABLED=False, DATABASE_BUSY_SECONDS=0.2, PROPAGATE_EXCEPTIONS=False,
                    SESSION_IDLE_SECONDS=3600, ATTACHMENT_DIR=str(tmp_path / "blobs"))


@pytest.fixture
def applicant(app):
    client, _ = logged_in_client(app, 1)
    client.set_cookie("lang", "en")
    return client


def count_drafts(app):
    db = store.connect(app.config["DATABASE"])
    try:
        return db.execute("SELECT count(*) FROM application").fetchone()[0]
    finally:
        db.conn.close()


def age_sessions(app):
    """As if the last request was a while ago: the next one writes last_seen (bookkeeping)."""
    db = store.connect(app.config["DATABASE"])
    db.execute("UPDATE user_session SET last_seen = last_seen - 600")
    db.conn.close()


@contextlib.contextmanager
def locked(app):
    db = store.connect(app.config["DATABASE"])
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        db.execute("ROLLBACK")
        db.conn.close()


@contextlib.contextmanager
def read_only(app):
    """The file made immutable (root ignores permission bits; the immutable flag binds root too)."""
    path = app.config["DATABASE"]
    subprocess.run(["chattr", "+i", path], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", path], check=True)


def assert_busy(response, saved=False):
    assert response.status_code == 503 and response.headers["Retry-After"].isdigit()
    assert (MAYBE_SAVED if saved else NOTHING_SAVED) in response.text


@pytest.mark.parametrize("fault", [locked, read_only])
def test_a_write_is_a_503_that_saved_nothing_and_reading_pages_still_open(app, applicant, fault):
    before = count_drafts(app)
    age_sessions(app)
    with fault(app):
        assert applicant.get("/applications").status_code == 200  # last_seen could not be written
        assert_busy(applicant.post("/applications/new", data=NEW_APPLICATION))
        health = applicant.get("/healthz")
        assert health.status_code == 503 and health.json == {
            "status": "unavailable", "database": "locked" if fault is locked else "read_only"}
    assert count_drafts(app) == before
    assert applicant.post("/applications/new", data=NEW_APPLICATION).status_code == 303


def test_the_busy_page_is_translated(app, applicant):
    applicant.set_cookie("lang", "ja")
    with locked(app):
        response = applicant.post("/applications/new", data=NEW_APPLICATION)
    assert response.status_code == 503 and "送信された内容は保存されていません" in response.text


def test_a_missing_database_is_a_503_and_is_not_recreated_empty(app, applicant):
    path = pathlib.Path(app.config["DATABASE"])
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
    assert_busy(applicant.get("/applications"))
    health = chrome_client(app).get("/healthz")
    assert health.status_code == 503 and health.json["database"] == "missing"
    assert not path.exists()


def test_health_when_all_is_well(client):
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}


def test_an_error_after_a_commit_does_not_claim_nothing_was_saved(make_app):
    from store import transaction
    from store.flask_db import get_db

    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def fail(after_commit):
        db = get_db()
        if after_commit:
            with transaction(db):
                db.execute("UPDATE outbox SET attempts = attempts WHERE 0")
        raise RuntimeError("a bug after the save")

    app.add_url_rule("/test-fail-after-commit", "fail_after", lambda: fail(True))
    app.add_url_rule("/test-fail-before-commit", "fail_before", lambda: fail(False))
    client = chrome_client(app)
    client.set_cookie("lang", "en")
    after = client.get("/test-fail-after-commit")
    assert after.status_code == 500 and MAYBE_SAVED in after.text and "Nothing you sent" not in after.text
    before = client.get("/test-fail-before-commit")
    assert before.status_code == 500 and "Nothing you sent was saved" in before.text


def test_health_reports_a_read_only_file_to_a_connection_opened_before(app, applicant):
    """The running site's kept connection takes a rolled-back write (it reaches no file) after the file turned
    read-only: the check must look at what a write needs, not at what that connection allows."""
    assert applicant.get("/healthz").json["database"] == "ok"  # this thread's connection is open now
    with read_only(app):
        health = applicant.get("/healthz")
    assert health.status_code == 503 and health.json == {"status": "unavailable", "database": "read_only"}
    assert applicant.get("/healthz").status_code == 200


def test_health_reports_a_folder_where_sqlite_cannot_make_its_files(app, applicant):
    assert applicant.get("/healthz").status_code == 200
    folder = os.path.dirname(app.config["DATABASE"])
    subprocess.run(["chattr", "+i", folder], check=True)
    try:
        health = applicant.get("/healthz")
    finally:
        subprocess.run(["chattr", "-i", folder], check=True)
    assert health.status_code == 503 and health.json["database"] == "read_only"
