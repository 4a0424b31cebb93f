"""Which SQLite errors mean "the database cannot be used just now" (a 503), as opposed to a bug (a 500)."""
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


def database_state(db):
    """'ok' if `db` is migrated and takes a write now (rolled back), else its unavailable_state."""
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
    return "ok"
