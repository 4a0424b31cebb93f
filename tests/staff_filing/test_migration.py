"""Migration 16: applications of an organisation's staff hold no account; the drop of account_id's NOT NULL
changes nothing stored and nothing else of the table."""
import sqlite3

import pytest

import store
from store.schema import MIGRATIONS


def migrated_to(path, last):
    db = store.connect(path)
    for version, statements in MIGRATIONS:
        if version > last:
            break
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            for step in statements:
                step(db) if callable(step) else db.execute(step)
            db.execute(f"PRAGMA user_version={version}")
    return db


def columns(db):
    return [(c[1], c[2], c[3], c[4], c[5]) for c in db.execute("PRAGMA table_info(application)").fetchall()]


def test_the_rows_stay_and_only_account_id_may_be_null(tmp_path):
    before = [v for v, _ in MIGRATIONS if v < 16][-1]
    db = migrated_to(tmp_path / "site.db", before)
    db.execute("INSERT INTO account (id, user_id, name, birth_date, email, residence_card_number, nationality, phone, "
               "language, auth_certificate, auth_fingerprint, sign_certificate, sign_fingerprint, created_at) "
               "VALUES (1, 'U1', '山田 花子', '1990-01-01', 'a@example.jp', 'AB12345678CD', 'CN', '0312345678', 'ja', "
               "x'00', 'f1', x'00', 'f2', 0)")
    db.execute("INSERT INTO application (public_id, account_id, procedures, data, created_at, updated_at) "
               "VALUES ('P1', 1, '3', '{}', 0, 0)")
    old = columns(db)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO application (public_id, account_id, procedures, created_at, updated_at) "
                   "VALUES ('P0', NULL, '3', 0, 0)")
    db.conn.close()
    db = store.migrate(store.connect(tmp_path / "site.db"))
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT public_id, account_id FROM application").fetchall() == [("P1", 1)]
    new = {c[0]: c for c in columns(db)}
    assert all(new[name] == (name, kind, 0 if name == "account_id" else notnull, default, pk)
               for name, kind, notnull, default, pk in old)
    assert {"organisation_id", "filed_by_staff", "person_id"} <= set(new)
    db.execute("INSERT INTO application (public_id, account_id, procedures, created_at, updated_at) "
               "VALUES ('P2', NULL, '3', 0, 0)")
    # Another connection reads the new declaration too, and the foreign key still holds.
    other = store.connect(tmp_path / "site.db")
    other.execute("INSERT INTO application (public_id, account_id, procedures, created_at, updated_at) "
                  "VALUES ('P3', NULL, '3', 0, 0)")
    with pytest.raises(sqlite3.IntegrityError):
        other.execute("INSERT INTO application (public_id, account_id, procedures, created_at, updated_at) "
                      "VALUES ('P4', 99, '3', 0, 0)")
