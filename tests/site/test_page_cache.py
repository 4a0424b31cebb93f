"""Logged-in pages kept rendered (page_cache): served again only while nothing they show has changed. The account's
revision, which the database's triggers move, is what says so; in test mode every page served from the store is
rendered afresh too and compared, so that every GET of the suite checks the key."""
import io
import re
import sqlite3

import pytest

import store
from console import audit
from page_cache import StalePage, kept_pages
from store.schema import REVISION_EXEMPT, REVISION_REFERENCED, REVISION_REFERENCED_EXEMPT, REVISION_SOURCES
from tests.support.applications import photo_jpeg
from tests.support.page_set import NOW, PageSet
from tests.support.sessions import csrf_token


@pytest.fixture
def pages(make_app):
    return PageSet(None, app=make_app())


def logged_in_paths(pages):
    return [(name, path) for name, path, logged_in in pages.paths() if logged_in]


def database(pages):
    return store.connect(pages.app.config["DATABASE"])


def revision(pages):
    db = database(pages)
    try:
        return db.execute("SELECT revision FROM account WHERE id = ?", [pages.account["id"]]).fetchone()[0]
    finally:
        db.conn.close()


def test_each_logged_in_page_is_kept_and_served_again_the_same(pages):
    paths = logged_in_paths(pages)
    for name, path in paths:
        first = pages.render(path, True, "ja")
        assert pages.render(path, True, "ja") == first, name  # from the store, checked against a fresh render
    assert len(kept_pages(pages.app)) == len(paths)
    pages.get("/my", True, "en")
    assert len(kept_pages(pages.app)) == len(paths) + 1  # each language apart


def test_a_kept_page_hands_out_new_tokens_on_every_view(pages):
    """The form page's editor id (page_cache.fresh_token; the review page's submit key is made the same way)."""
    form = f"/applications/{pages.draft['public_id']}/form/applicant"
    editors = {re.search(r'name="editor" value="([^"]+)"', pages.get(form, True, "ja").text).group(1)
               for _ in range(3)}
    assert len(editors) == 3
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{11}", e) for e in editors)
    page = pages.get(form, True, "ja").text
    assert "-of-this-request" not in page


def test_a_page_with_a_message_or_for_htmx_is_rendered_afresh(pages):
    pages.get("/my", True, "ja")
    kept = len(kept_pages(pages.app))
    with pages.client.session_transaction() as session:
        session["_flashes"] = [("info", "A message made up for this test.")]
    assert "A message made up for this test." in pages.get("/my", True, "ja").text
    pages.get("/applications", True, "ja", headers={"HX-Request": "true"})
    assert len(kept_pages(pages.app)) == kept


def test_the_guard_raises_when_a_trigger_is_missing(pages):
    """The status page lists the application's dated steps: without the trigger on application_event, a new step
    leaves the account's revision where it was, and the kept page is found stale by the fresh render."""
    status = f"/applications/{pages.submitted['public_id']}/status"
    pages.get(status, True, "ja")
    db = database(pages)
    try:
        db.execute("DROP TRIGGER application_event_revision_insert")
        with store.transaction(db):
            db.execute("INSERT INTO application_event (application_id, from_state, to_state, actor, note, at) "
                       "VALUES (?, 'submitted', 'received', 'officer', NULL, ?)", [pages.submitted["id"], NOW])
    finally:
        db.conn.close()
    with pytest.raises(StalePage, match="differs from the page rendered afresh"):
        pages.get(status, True, "ja")


def test_with_the_trigger_the_same_change_is_shown(pages):
    status = f"/applications/{pages.submitted['public_id']}/status"
    before = pages.get(status, True, "ja").text
    db = database(pages)
    try:
        with store.transaction(db):
            db.execute("INSERT INTO application_event (application_id, from_state, to_state, actor, note, at) "
                       "VALUES (?, 'submitted', 'received', 'officer', NULL, ?)", [pages.submitted["id"], NOW])
    finally:
        db.conn.close()
    after = pages.get(status, True, "ja").text
    assert after != before and after.count("2029-12-20 19:30") > before.count("2029-12-20 19:30")


def test_a_save_through_the_form_page_shows_on_every_kept_page(pages):
    draft = pages.draft["public_id"]
    form, listing = f"/applications/{draft}/form/applicant", "/applications"
    kept = {path: pages.get(path, True, "ja").text for path in (form, listing, "/my")}
    version = re.search(r'name="version" id="draft-version" value="(\d+)"', kept[form]).group(1)
    saved = pages.client.post(f"/applications/{draft}/save", data={
        "page": "applicant", "version": version, "editor": "test", "seq": "1", "telephone": "090-1111-2222",
        "csrf_token": csrf_token(pages.client, "/my")})
    assert saved.status_code == 200
    assert "090-1111-2222" in pages.get(form, True, "ja").text
    assert pages.get(listing, True, "ja").text != kept[listing]  # the draft's time of change


def test_an_upload_through_the_attachments_page_shows_there(pages):
    draft = pages.draft["public_id"]
    path = f"/applications/{draft}/attachments"
    before = revision(pages)
    assert "face.jpg" not in pages.get(path, True, "ja").text
    uploaded = pages.client.post(path, data={"kind": "photo", "file": (io.BytesIO(photo_jpeg()), "face.jpg"),
                                                   "csrf_token": csrf_token(pages.client, "/my")},
                                 content_type="multipart/form-data")
    assert uploaded.status_code in (200, 303), uploaded.text[:300]
    assert revision(pages) > before
    assert "face.jpg" in pages.get(path, True, "ja").text


def test_every_table_with_an_account_or_application_row_moves_the_revision(pages):
    """A guard for the kind: a table added later that holds an account's or an application's rows gets its triggers,
    or a reason in REVISION_EXEMPT."""
    db = database(pages)
    try:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
        concerned = {t for t in tables if {c[1] for c in db.execute(f"PRAGMA table_info({t})")}
                     & {"account_id", "application_id", "applicant_account_id"}} | {"application", "account"}
        triggers = {name for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'")}
    finally:
        db.conn.close()
    sourced = {table for table, _ in REVISION_SOURCES}
    assert concerned - {"account"} - set(REVISION_EXEMPT) <= sourced
    for table in sourced:
        assert {f"{table}_revision_{e}" for e in ("insert", "update", "delete")} <= triggers, table
    assert "account_revision_update" in triggers


def test_every_table_a_shown_row_refers_to_moves_the_revision_or_says_why_not(pages):
    """A guard for the kind: the pages show rows that an application's rows refer to (its filer's account, the
    organisation and its staff member); a write to such a row moves the revision of the accounts shown it, or
    REVISION_REFERENCED_EXEMPT says why no page shows it (a filer's new name was shown stale before)."""
    db = database(pages)
    try:
        sourced = {table for table, _ in REVISION_SOURCES}
        referred = {fk[2] for table in sourced for fk in db.execute(f"PRAGMA foreign_key_list({table})")}
        triggers = {name for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'")}
        account_trigger = db.execute("SELECT sql FROM sqlite_schema WHERE name = 'account_revision_update'").fetchone()[0]
    finally:
        db.conn.close()
    watched = {table for table, _ in REVISION_REFERENCED}
    assert referred - sourced - {"account"} - set(REVISION_REFERENCED_EXEMPT) <= watched
    for table in watched:
        assert {f"{table}_revision_update", f"{table}_revision_delete"} <= triggers, table
    assert "applicant_account_id = NEW.id" in account_trigger and "account_id = NEW.id" in account_trigger


def _value(table_sql, column, kind, number):
    """A value the column accepts: the first one a CHECK (column IN (...)) lists, else one of its type."""
    listed = re.search(rf"\b{column}\b[^,]*?CHECK \({column} IN \('([^']+)'", table_sql) or \
        re.search(rf"CHECK \({column} IN \('([^']+)'", table_sql)
    if listed:
        return listed.group(1)
    kind = (kind or "").upper()
    if "INT" in kind:
        return number
    if "REAL" in kind:
        return float(number)
    if "BLOB" in kind:
        return b"x"
    return f"made-up-{column}-{number}"


@pytest.mark.parametrize("table", [table for table, _ in REVISION_SOURCES if table != "application"])
def test_a_write_of_each_kind_moves_the_revision(pages, table):
    """INSERT, UPDATE and DELETE of a row of `table` that concerns the page set's account (its draft, or itself)
    each move its revision; the application's own rows are written by the routes above."""
    db = database(pages)
    try:
        db.execute("PRAGMA foreign_keys=OFF")  # made-up rows: their officers and blobs need not exist
        sql = db.execute("SELECT sql FROM sqlite_schema WHERE name = ?", [table]).fetchone()[0]
        columns = list(db.execute(f"PRAGMA table_info({table})"))
        row = {}
        for number, (_cid, name, kind, not_null, default, primary) in enumerate(columns, 1):
            if name == "application_id":
                row[name] = pages.draft["id"]
            elif name == "account_id":
                row[name] = pages.account["id"]
            elif name == "sha256":
                row[name] = "made-up-blob"
            elif (not_null and default is None) or (primary and "INT" not in (kind or "").upper()):
                row[name] = _value(sql, name, kind, number)
        if table == "attachment_blob":  # a blob concerns the accounts whose attachments use it
            db.execute("INSERT INTO application_attachment (application_id, sha256, kind, file_name, added_at) "
                       "VALUES (?, 'made-up-blob', 'document', 'made-up.pdf', 0)", [pages.draft["id"]])
        key, where = next(iter(row)), " AND ".join(f"{name} IS ?" for name in row)
        writes = [(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())),
                  (f"UPDATE {table} SET {key} = {key} WHERE {where}", list(row.values())),
                  (f"DELETE FROM {table} WHERE {where}", list(row.values()))]
        if table == "audit_log":  # append-only (its own triggers refuse the rest), and chained: its own writer
            writes = [(lambda: audit.append(db, "case_opened", application_id=pages.draft["id"], office="tokyo"), None)]
        for statement, params in writes:
            before = db.execute("SELECT revision FROM account WHERE id = ?", [pages.account["id"]]).fetchone()[0]
            with store.transaction(db):
                if callable(statement):
                    statement()
                else:
                    assert db.execute(statement, params).rowcount == 1, statement
            after = db.execute("SELECT revision FROM account WHERE id = ?", [pages.account["id"]]).fetchone()[0]
            assert after > before, statement
    finally:
        db.conn.close()


def test_a_change_of_the_account_itself_moves_its_revision_once(pages):
    before = revision(pages)
    db = database(pages)
    try:
        with store.transaction(db):
            db.execute("UPDATE account SET phone = '090-0000-0001' WHERE id = ?", [pages.account["id"]])
    finally:
        db.conn.close()
    assert revision(pages) == before + 1


def test_another_filer_for_the_same_applicant_moves_the_revision(pages):
    """The review page refuses a second pending application for one person, whoever filed the first: a new
    application for the same applicant, by another account, moves this account's revision too."""
    db = database(pages)
    try:
        key = "made-up-applicant-key"
        with store.transaction(db):
            db.execute("UPDATE application SET applicant_key = ? WHERE id = ?", [key, pages.draft["id"]])
        other = db.execute("INSERT INTO account (user_id, name, birth_date, email, residence_card_number, "
                           "nationality, phone, language, auth_certificate, auth_fingerprint, sign_certificate, "
                           "sign_fingerprint, created_at) VALUES ('OTHER', 'Made Up', '1990-01-01', "
                           "'other@example.jp', 'ZZ99999999ZZ', 'USA', '0', 'ja', x'00', 'a', x'00', 'b', 0)"
                           ).lastrowid
    finally:
        db.conn.close()
    before = revision(pages)
    db = database(pages)
    try:
        with store.transaction(db):
            db.execute("INSERT INTO application (public_id, account_id, procedures, created_at, updated_at, "
                       "applicant_key, filer_kind) VALUES ('made-up', ?, '6', 0, 0, ?, 'agent')", [other, key])
    finally:
        db.conn.close()
    assert revision(pages) > before
