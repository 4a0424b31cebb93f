"""A batch's signed list is kept once (signed_list, by its SHA-256), not once per application of the batch; the
signatures stored before (migration 22) move to it unchanged, and the console reads each application's list."""
import hashlib

import store
from applications import records
from tests.staff_filing.test_migration import migrated_to

LIST = "oras-batch/1\nA1 " + "ab" * 32 + "\nB2 " + "cd" * 32 + "\n"


def test_the_lists_stored_per_application_move_to_one_row_each(tmp_path):
    db = migrated_to(tmp_path / "site.db", [v for v, _ in store.schema.MIGRATIONS if v < 22][-1])
    db.execute("PRAGMA foreign_keys=OFF")  # the signatures alone: their applications and staff are not the point
    for application_id, document in ((1, LIST), (2, LIST), (3, None)):
        db.execute("INSERT INTO staff_signature (application_id, staff_id, credential_id, assertion, digest, "
                   "signed_at, batch_document) VALUES (?, 7, x'01', '{}', 'd', 0, ?)", [application_id, document])
    db.conn.commit()
    db.conn.close()
    db = store.migrate(store.connect(tmp_path / "site.db"))
    sha256 = hashlib.sha256(LIST.encode("ascii")).hexdigest()
    assert db.execute("SELECT sha256, document FROM signed_list").fetchall() == [(sha256, LIST)]
    assert db.execute("SELECT application_id, signed_list, batch_document FROM staff_signature "
                      "ORDER BY application_id").fetchall() == [(1, sha256, None), (2, sha256, None), (3, None, None)]
    db.execute("PRAGMA foreign_keys=OFF")
    assert [records.staff_signature(db, n)["batch_document"] for n in (1, 2, 3)] == [LIST, LIST, None]


def test_a_batch_of_applications_stores_its_list_once(tmp_path):
    db = store.migrate(store.connect(tmp_path / "site.db"))
    db.execute("PRAGMA foreign_keys=OFF")
    with store.transaction(db):
        for application_id in (1, 2):
            records.save_staff_signature(db, application_id, 7, b"\x01", "{}", "d", batch_document=LIST.encode())
        records.save_staff_signature(db, 3, 7, b"\x01", "{}", "d")
    assert db.execute("SELECT count(*), sum(length(document)) FROM signed_list").fetchone() == (1, len(LIST))
    assert [records.staff_signature(db, n)["batch_document"] for n in (1, 2, 3)] == [LIST, LIST, None]
