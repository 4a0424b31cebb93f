"""`flask backup DIR` under write load, then `flask restore DIR` into an empty instance: the copy is one
consistent moment, every blob its rows name is there with its hash, and the restored site holds exactly it."""
import hashlib
import os
import sqlite3
import threading
import time

import store
from applications import records
from mail.outbox import enqueue
from tests.support import applications as samples
from tests.support.accounts import create_account


def instance(make_app, folder):
    folder.mkdir()
    return make_app(DATABASE=str(folder / "oras.db"), ATTACHMENT_DIR=str(folder / "blobs"))


def rows(database, table):
    conn = sqlite3.connect(database)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    finally:
        conn.close()


def test_backup_under_write_load_then_restore(make_app, tmp_path):
    source = instance(make_app, tmp_path / "a")
    database, blobs = source.config["DATABASE"], source.config["ATTACHMENT_DIR"]
    account = create_account(database, (b"auth-b", b"sign-b"), email="backup.test@example.jp", password=None)
    draft = samples.create_draft(database, account["id"], (3, 6), samples.extension_with_reentry(),
                                 status_code="engineer_specialist", reentry_kind="single")
    stop, written = threading.Event(), []

    def write_load():
        db = store.connect(database)
        number = 0
        while not stop.is_set():
            number += 1
            content = f"made-up scan {number} ".encode() * 200
            with store.transaction(db):
                sha = records.add_blob(db, blobs, content, "application/pdf")
                records.attach(db, draft["id"], sha, "document", f"scan-{number}.pdf")
                enqueue(db, "backup.test@example.jp", f"S{number}", "T", kind="test", language="en")
            written.append(number)
        db.conn.close()

    writer = threading.Thread(target=write_load)
    writer.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        result = source.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup")])
        seen_at_backup = len(written)
        while len(written) < seen_at_backup + 20:
            time.sleep(0.01)
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output

    target = instance(make_app, tmp_path / "b")
    restored = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "backup")])
    assert restored.exit_code == 0, restored.output

    copy = target.config["DATABASE"]
    attachments = rows(copy, "application_attachment")
    assert 20 <= len(attachments) < len(rows(database, "application_attachment"))
    assert attachments == rows(database, "application_attachment")[:len(attachments)]  # one moment: a prefix
    written_with_mail = [a for a in attachments if a[3] == "document"]  # the draft's own photo came before the load
    assert len(rows(copy, "outbox")) == len(written_with_mail)  # written together, copied together
    for blob in rows(copy, "attachment_blob"):
        path = records.blob_path(target.config["ATTACHMENT_DIR"], blob[0])
        assert hashlib.sha256(open(path, "rb").read()).hexdigest() == blob[0]
    assert sqlite3.connect(copy).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the account's revision (the kept pages' key) moves with every write of its application's rows: the copy holds
    # the one of its moment, the rest of the row is the same
    (*copied, copied_revision), = rows(copy, "account")
    (*source, source_revision), = rows(database, "account")
    assert copied == source and copied_revision < source_revision


def test_restore_refuses_a_non_empty_instance_and_a_changed_backup(make_app, tmp_path):
    source = instance(make_app, tmp_path / "a")
    create_account(source.config["DATABASE"], (b"auth-c", b"sign-c"), email="c.test@example.jp", password=None)
    runner = source.test_cli_runner()
    assert runner.invoke(args=["backup", str(tmp_path / "backup")]).exit_code == 0
    refused = runner.invoke(args=["restore", str(tmp_path / "backup")])
    assert refused.exit_code != 0 and "empty instance" in refused.output
    with open(tmp_path / "backup" / "oras.db", "r+b") as handle:
        handle.seek(200)
        handle.write(b"\x00changed")
    target = instance(make_app, tmp_path / "b")
    changed = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "backup")])
    assert changed.exit_code != 0 and "does not match" in changed.output
    assert runner.invoke(args=["backup", str(tmp_path / "backup")]).exit_code != 0  # never over an old backup
    assert os.path.exists(tmp_path / "backup" / "manifest.json")
