"""The request's database connection, opened lazily and closed at teardown."""
import os

from flask import current_app, g

from store.db import connect, migrate


def database_path(app):
    return app.config.get("DATABASE") or os.path.join(app.instance_path, "oras.db")


def init_app(app):
    os.makedirs(app.instance_path, exist_ok=True)
    db = connect(database_path(app))
    migrate(db)
    db.conn.close()
    app.teardown_appcontext(_close)
    from store import cli
    cli.init_app(app)  # flask backup / restore


def get_db():
    if "db" not in g:
        g.db = connect(database_path(current_app), busy_seconds=current_app.config.get("DATABASE_BUSY_SECONDS", 10),
                       create=False)
    return g.db


def saved_this_request():
    """Whether a transaction of this request has committed (so an error page cannot say nothing was saved)."""
    db = g.get("db")
    return bool(db is not None and db.committed)


def _close(_exc):
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()
