"""A `limits` storage on the site's SQLite file, so every server process counts against the same limits.

URI: ``oras-sqlite:///absolute/path/to/oras.db``. Each operation is one SQLite write transaction,
which SQLite serialises across processes; no extra service is needed.
"""
import os
import random
import sqlite3
import threading
import time
import urllib.parse

from limits.storage import MovingWindowSupport, Storage

from store.db import connect, migrate

SCHEME = "oras-sqlite"


def storage_uri(database_path):
    return f"{SCHEME}://{os.path.abspath(database_path)}"


class SQLiteStorage(Storage, MovingWindowSupport):
    STORAGE_SCHEME = [SCHEME]
    # One cleanup sweep per this many writes keeps expired rows from piling up, at no fixed cost per hit.
    SWEEP_EVERY = 200

    def __init__(self, uri, wrap_exceptions=False, **options):
        path = urllib.parse.unquote(urllib.parse.urlparse(uri).path)
        if not path:
            raise ValueError(f"{SCHEME} needs a database path: {SCHEME}:///path/to/oras.db")
        self.path = path
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _db(self):
        # One connection per thread and per process: a connection must not cross a fork or a thread.
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.db = migrate(connect(self.path))
            local.pid = os.getpid()
        return local.db

    def _write(self, work):
        db = self._db()
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            result = work(db, time.time())
            if random.randrange(self.SWEEP_EVERY) == 0:
                self._sweep(db, time.time())
        return result

    @staticmethod
    def _sweep(db, now):
        db.execute("DELETE FROM rate_limit_counter WHERE expires_at <= ?", [now])
        # Entries older than a day serve no window the site uses (the longest is minutes to hours).
        db.execute("DELETE FROM rate_limit_entry WHERE at <= ?", [now - 86400])

    # Fixed window: one counter per key that starts again when its window has passed.
    def incr(self, key, expiry, amount=1):
        def work(db, now):
            return db.execute(
                """INSERT INTO rate_limit_counter (key, count, expires_at) VALUES (?, ?, ?)
                   ON CONFLICT(key) DO UPDATE SET
                     count = CASE WHEN expires_at <= ? THEN excluded.count ELSE count + excluded.count END,
                     expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END
                   RETURNING count""", [key, amount, now + expiry, now, now]).fetchone()[0]
        return self._write(work)

    def get(self, key):
        row = self._db().execute("SELECT count FROM rate_limit_counter WHERE key = ? AND expires_at > ?",
                                 [key, time.time()]).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key):
        row = self._db().execute("SELECT expires_at FROM rate_limit_counter WHERE key = ? AND expires_at > ?",
                                 [key, time.time()]).fetchone()
        return row[0] if row else time.time()

    # Moving window: one row per hit; a hit is allowed if fewer than `limit` rows lie within the window.
    def acquire_entry(self, key, limit, expiry, amount=1):
        if amount > limit:
            return False

        def work(db, now):
            (count,) = db.execute("SELECT COUNT(*) FROM rate_limit_entry WHERE key = ? AND at > ?",
                                  [key, now - expiry]).fetchone()
            if count + amount > limit:
                return False
            db.conn.executemany("INSERT INTO rate_limit_entry (key, at) VALUES (?, ?)", [(key, now)] * amount)
            db.execute("DELETE FROM rate_limit_entry WHERE key = ? AND at <= ?", [key, now - expiry])
            return True
        return self._write(work)

    def get_moving_window(self, key, limit, expiry):
        now = time.time()
        oldest, count = self._db().execute(
            "SELECT MIN(at), COUNT(*) FROM rate_limit_entry WHERE key = ? AND at > ?",
            [key, now - expiry]).fetchone()
        return (oldest if count else now), count

    def check(self):
        try:
            self._db().execute("SELECT 1").fetchone()
            return True
        except sqlite3.Error:
            return False

    def reset(self):
        def work(db, _now):
            counters = db.execute("DELETE FROM rate_limit_counter").rowcount
            entries = db.execute("DELETE FROM rate_limit_entry").rowcount
            return counters + entries
        return self._write(work)

    def clear(self, key):
        def work(db, _now):
            db.execute("DELETE FROM rate_limit_counter WHERE key = ?", [key])
            db.execute("DELETE FROM rate_limit_entry WHERE key = ?", [key])
        self._write(work)
