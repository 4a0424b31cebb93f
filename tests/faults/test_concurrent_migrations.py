"""Several server workers start at once on a new database: each connects, and each migration runs once, none
fails (found by the fault test: two gunicorn workers, one 'table already exists'; then a connection's switch to
WAL refused with 'database is locked', which does not wait on the busy timeout)."""
import threading

import pytest

import store
from store.schema import MIGRATIONS

WORKERS = 12
ROUNDS = 40  # the race is narrow: about 1 round in 20 failed before connect() waited for the WAL switch


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_workers_connecting_and_migrating_at_once(tmp_path, round_):
    path, errors, barrier = tmp_path / "oras.db", [], threading.Barrier(WORKERS)

    def start():
        try:
            barrier.wait(timeout=30)  # all connect at the same moment, to a file none has made yet
            db = store.connect(path)
            try:
                store.migrate(db)
            finally:
                db.conn.close()
        except Exception as error:  # noqa: BLE001 - the outcome under test
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert store.connect(path).execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1][0]
