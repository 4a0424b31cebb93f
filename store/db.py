"""Opening and migrating the database; knows nothing of Flask."""
import contextlib
import pathlib
import sqlite3
import time
import urllib.parse

import sqlite_utils

from store.schema import FOREIGN_KEYS_OFF, MIGRATIONS


def connect(path, *, busy_seconds=10, create=True):
    """A sqlite-utils Database on `path` with the settings every connection needs.

    create=False opens an existing file only: a database that went missing is an error, not a new empty file.
    """
    if create:
        conn = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None, check_same_thread=False)
    else:
        uri = "file:" + urllib.parse.quote(pathlib.Path(path).resolve().as_posix()) + "?mode=rw"
        conn = sqlite3.connect(uri, uri=True, timeout=busy_seconds, isolation_level=None, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    _switch_to_wal(db, busy_seconds)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable across application crashes
    db.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
    db.committed = False  # set once a transaction() on this connection commits (error pages say what is known)
    return db


def _switch_to_wal(db, busy_seconds):
    """WAL mode (kept in the file). Switching takes an exclusive lock without waiting on the busy timeout, so
    workers opening a new database at once retry for as long as a busy wait would last."""
    deadline = time.monotonic() + busy_seconds
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def migrate(db):
    """Apply the migrations this file has not seen yet, each in its own transaction."""
    for version, statements in MIGRATIONS:
        if version <= db.execute("PRAGMA user_version").fetchone()[0]:
            continue
        rebuilds = statements[:1] == [FOREIGN_KEYS_OFF]
        if rebuilds:
            db.execute("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction: set before BEGIN
        try:
            with db.conn:
                db.execute("BEGIN IMMEDIATE")
                # Read again under the write lock: several server workers start (and migrate) at once.
                if version <= db.execute("PRAGMA user_version").fetchone()[0]:
                    continue
                for step in statements[1:] if rebuilds else statements:  # SQL, or a function for what SQL cannot say
                    step(db) if callable(step) else db.execute(step)
                if rebuilds and db.execute("PRAGMA foreign_key_check").fetchone():
                    raise sqlite3.IntegrityError(f"migration {version} left rows whose references are broken")
                db.execute(f"PRAGMA user_version={int(version)}")
        finally:
            if rebuilds:
                db.execute("PRAGMA foreign_keys=ON")
    return db


@contextlib.contextmanager
def transaction(db):
    """One write transaction: everything inside commits together or not at all."""
    with db.conn:
        db.execute("BEGIN IMMEDIATE")  # take the write lock now, not at the first write
        yield db
    db.committed = True


def row_dict(cursor):
    """The cursor's next row as {column: value}, or None."""
    row = cursor.fetchone()
    return None if row is None else dict(zip([c[0] for c in cursor.description], row))


def row_dicts(cursor):
    """The cursor's remaining rows, each as {column: value}."""
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
