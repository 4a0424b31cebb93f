"""A logged-in page reads the session and its account in one query, and writes last_seen only when it is
older than TOUCH_EVERY (a page that only reads writes nothing between)."""
import time

import store
from blueprints.auth.session import TOUCH_EVERY
from tests.support.logged_in import logged_in_client


def last_seen(app, value=None):
    db = store.connect(app.config["DATABASE"])
    try:
        if value is not None:
            with store.transaction(db):
                db.execute("UPDATE user_session SET last_seen = ?", [value])
        return db.execute("SELECT last_seen FROM user_session").fetchone()[0]
    finally:
        db.conn.close()


def test_a_recent_session_is_not_written_again(app):
    member, account = logged_in_client(app)
    recent = last_seen(app, time.time() - TOUCH_EVERY / 3)
    page = member.get("/my")
    assert page.status_code == 200 and account["user_id"] in page.text
    assert last_seen(app) == recent


def test_an_older_one_is_written(app):
    member, _ = logged_in_client(app)
    last_seen(app, time.time() - TOUCH_EVERY - 5)
    before = time.time()
    assert member.get("/applications").status_code == 200
    assert last_seen(app) >= before


def test_an_idle_session_ends_and_says_so(app):
    member, _ = logged_in_client(app)
    last_seen(app, time.time() - app.config["SESSION_IDLE_SECONDS"] - 1)
    refused = member.get("/my")
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    assert member.get(refused.headers["Location"]).status_code == 200


def test_an_ended_session_is_no_login(app):
    member, _ = logged_in_client(app)
    db = store.connect(app.config["DATABASE"])
    try:
        with store.transaction(db):
            db.execute("UPDATE user_session SET ended_at = ?", [time.time()])
    finally:
        db.conn.close()
    assert member.get("/my").status_code == 302
