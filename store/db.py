"""Opening and migrating the database; knows nothing of Flask."""
import contextlib
import sqlite3

import sqlite_utils

from store.schema import MIGRATIONS


def connect(path):
    """A sqlite-utils Database on `path` with the settings every connection needs."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable across application crashes
    db.execute("PRAGMA busy_timeout=10000")
    return db


def migrate(db):
    """Apply the migrations this file has not seen yet, each in its own transaction."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            for sql in statements:
                db.execute(sql)
            db.execute(f"PRAGMA user_version={int(version)}")
    return db


@contextlib.contextmanager
def transaction(db):
    """One write transaction: everything inside commits together or not at all."""
    with db.conn:
        db.execute("BEGIN IMMEDIATE")  # take the write lock now, not at the first write
        yield db
