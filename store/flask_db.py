"""The request's database connection: one per server thread, opened at its first use and kept for the
thread's next requests (opening a connection and setting its pragmas cost more than a page's queries)."""
import os
import threading

from flask import current_app, g

from store.db import connect, migrate

_local = threading.local()


def database_path(app):
    return app.config.get("DATABASE") or os.path.join(app.instance_path, "oras.db")


def init_app(app):
    os.makedirs(app.instance_path, exist_ok=True)
    db = connect(database_path(app))
    migrate(db)
    db.conn.close()
    app.teardown_appcontext(_release)
    from store import cli
    cli.init_app(app)  # flask backup / restore


def get_db():
    if "db" not in g:
        g.db = _thread_connection(database_path(current_app), current_app.config.get("DATABASE_BUSY_SECONDS", 10))
        g.db.committed = False  # per request: whether this request's own transactions saved something
    return g.db


def saved_this_request():
    """Whether a transaction of this request has committed (so an error page cannot say nothing was saved)."""
    db = g.get("db")
    return bool(db is not None and db.committed)


def _thread_connection(path, busy_seconds):
    # Per thread and per process, as ratelimit.sqlite_storage does: a connection must not cross a fork or a
    # thread. One cached connection per thread: another database (tests build many apps) replaces it, and so
    # does a file that went missing (a new connection then refuses to create an empty one).
    key = (os.getpid(), path, busy_seconds)
    if getattr(_local, "key", None) != key or not os.path.exists(path):
        old = getattr(_local, "db", None)
        if old is not None and getattr(_local, "key", (None,))[0] == os.getpid():
            old.conn.close()
        _local.db, _local.key = None, None
        _local.db, _local.key = connect(path, busy_seconds=busy_seconds, create=False), key
    return _local.db


def note_fault():
    """A database fault (locked, read-only, missing) met in this request: the thread's kept connection is not
    kept past it (a connection opened while the file was read-only stays read-only)."""
    g.db_fault = True


def _discard_connection():
    old, _local.db, _local.key = getattr(_local, "db", None), None, None
    if old is not None:
        try:
            old.conn.close()
        except Exception:  # noqa: BLE001 - closing a broken connection may fail too; it is forgotten all the same
            pass


def _release(_exc):
    db = g.pop("db", None)
    if g.pop("db_fault", False):
        _discard_connection()
        return
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()  # nothing half-done outlives its request
