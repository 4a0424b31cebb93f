"""Which SQLite errors mean "the database cannot be used just now" (a 503), as opposed to a bug (a 500)."""
import os
import sqlite3

# sqlite3 message fragments → the state /healthz and the logs report.
STATES = (
    ("locked", ("database is locked", "database table is locked", "database schema is locked")),
    ("read_only", ("readonly database", "read-only")),
    ("missing", ("unable to open database", "no such table")),
    ("failing", ("disk i/o error", "database or disk is full", "malformed")),
)


def unavailable_state(error):
    """'locked', 'read_only', 'missing' or 'failing' for an error that says the database is unusable; else None."""
    if not isinstance(error, sqlite3.OperationalError):
        return None
    text = str(error).lower()
    for state, fragments in STATES:
        if any(fragment in text for fragment in fragments):
            return state
    return None


def database_state(db, path=None):
    """'ok' if `db` is migrated, takes a write now (rolled back) and its files at `path` can be written, else its
    unavailable_state. A rolled-back write reaches no file: a connection opened before the file turned read-only
    (chattr +i, a filesystem remounted read-only) takes it, while every write that needs the file fails."""
    from store.schema import MIGRATIONS
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version < MIGRATIONS[-1][0]:
            return "missing"
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(f"PRAGMA user_version={int(version)}")  # a real write to the file, undone below
        finally:
            db.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        return unavailable_state(error) or "failing"
    if path is not None and not writable(path):
        return "read_only"
    return "ok"


def writable(path):
    """What a write needs of the file system: the database, its WAL and shared-memory files, and the folder
    (SQLite makes those files there), all writable now (the kernel answers for the immutable flag and a
    read-only mount alike)."""
    if path == ":memory:":
        return True
    files = [path] + [path + suffix for suffix in ("-wal", "-shm") if os.path.exists(path + suffix)]
    return all(os.access(f, os.W_OK) for f in files + [os.path.dirname(os.path.abspath(path))])
