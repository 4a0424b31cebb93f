"""Several server workers start at once on a new database: each migration runs once, none fails (found by the
fault test: two gunicorn workers, one 'table already exists')."""
import threading

import store
from store.schema import MIGRATIONS


def test_workers_migrating_at_once(tmp_path):
    path, errors, barrier = tmp_path / "oras.db", [], threading.Barrier(8)

    def start():
        db = store.connect(path)
        barrier.wait()
        try:
            store.migrate(db)
        except Exception as error:  # noqa: BLE001 - the outcome under test
            errors.append(error)
        finally:
            db.conn.close()

    threads = [threading.Thread(target=start) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.connect(path).execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1][0]
