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


def get_db():
    if "db" not in g:
        g.db = _thread_connection(database_path(current_app))
    return g.db


def _thread_connection(path):
    # Per thread and per process, as ratelimit.sqlite_storage does: a connection must not cross a fork or a
    # thread. One cached connection per thread: another database (tests build many apps) replaces it.
    key = (os.getpid(), path)
    if getattr(_local, "key", None) != key:
        old = getattr(_local, "db", None)
        if old is not None and getattr(_local, "key", (None,))[0] == os.getpid():
            old.conn.close()
        _local.db, _local.key = connect(path), key
    return _local.db


def _release(_exc):
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()  # nothing half-done outlives its request
