"""Bulk filing's batches, their rows and the rows' attachments in the database (SQL only; store/schema.py,
migration 17). Writes do not open transactions themselves: callers wrap them in store.transaction(db). A batch is
always read through its organisation: another organisation's batch is not found."""
import json
import secrets
import time
from store.db import row_dict as _row, row_dicts as _rows

PUBLIC_ID_BYTES = 12
OPEN, SIGNING, SUBMITTING, SUBMITTED = "open", "signing", "submitting", "submitted"


def _now(now):
    return time.time() if now is None else now


def create_batch(db, organisation_id, staff_id, found, file_name, rows, now=None):
    """A batch of a template (rules.bulk.Template) with its rows [(number, data)]; returns its row."""
    moment = _now(now)
    batch_id = db.execute(
        "INSERT INTO bulk_batch (public_id, organisation_id, staff_id, letter, procedures, file_name, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [secrets.token_urlsafe(PUBLIC_ID_BYTES), organisation_id, staff_id, found.letter,
         "-".join(map(str, found.procedures)), file_name[:200], moment, moment]).lastrowid
    replace_rows(db, batch_id, rows, now=moment)
    return _row(db.execute("SELECT * FROM bulk_batch WHERE id = ?", [batch_id]))


def replace_rows(db, batch_id, rows, file_name=None, now=None):
    """The batch's rows are those of a new upload (a re-upload replaces every row and its attachments)."""
    db.execute("DELETE FROM bulk_row_attachment WHERE row_id IN (SELECT id FROM bulk_row WHERE batch_id = ?)",
               [batch_id])
    db.execute("DELETE FROM bulk_row WHERE batch_id = ?", [batch_id])
    db.conn.executemany("INSERT INTO bulk_row (batch_id, number, data) VALUES (?, ?, ?)",
                   [(batch_id, number, json.dumps(data, ensure_ascii=False)) for number, data in rows])
    if file_name is not None:
        db.execute("UPDATE bulk_batch SET file_name = ? WHERE id = ?", [file_name[:200], batch_id])
    touch(db, batch_id, now)


def touch(db, batch_id, now=None):
    db.execute("UPDATE bulk_batch SET updated_at = ? WHERE id = ?", [_now(now), batch_id])


def batch(db, organisation_id, public_id):
    """The organisation's batch, or None (another organisation's is None too)."""
    return _row(db.execute("SELECT * FROM bulk_batch WHERE public_id = ? AND organisation_id = ?",
                           [public_id, organisation_id]))


def batches(db, organisation_id, limit=20):
    return _rows(db.execute("SELECT * FROM bulk_batch WHERE organisation_id = ? ORDER BY created_at DESC, id DESC "
                            "LIMIT ?", [organisation_id, limit]))


def rows(db, batch_id):
    """The batch's rows in file order, data decoded."""
    found = _rows(db.execute("SELECT * FROM bulk_row WHERE batch_id = ? ORDER BY number", [batch_id]))
    for row in found:
        row["data"] = json.loads(row["data"])
    return found


def row(db, batch_id, number):
    found = _row(db.execute("SELECT * FROM bulk_row WHERE batch_id = ? AND number = ?", [batch_id, number]))
    if found is not None:
        found["data"] = json.loads(found["data"])
    return found


def save_row(db, row_id, data):
    db.execute("UPDATE bulk_row SET data = ? WHERE id = ?", [json.dumps(data, ensure_ascii=False), row_id])


def attachments(db, batch_id):
    """{row id: [attachment rows]} of the batch."""
    found = {}
    for item in _rows(db.execute(
            "SELECT a.*, b.size, b.media_type FROM bulk_row_attachment a JOIN bulk_row r ON r.id = a.row_id "
            "JOIN attachment_blob b ON b.sha256 = a.sha256 WHERE r.batch_id = ? ORDER BY a.id", [batch_id])):
        found.setdefault(item["row_id"], []).append(item)
    return found


def attach(db, row_id, sha256, kind, file_name, now=None):
    return db.execute("INSERT INTO bulk_row_attachment (row_id, sha256, kind, file_name, added_at) "
                      "VALUES (?, ?, ?, ?, ?)", [row_id, sha256, kind, file_name[:200], _now(now)]).lastrowid


def detach(db, row_id, attachment_id):
    return db.execute("DELETE FROM bulk_row_attachment WHERE id = ? AND row_id = ?",
                      [attachment_id, row_id]).rowcount == 1


def set_draft(db, row_id, application_id):
    """The draft made for a row when its batch is prepared for signing."""
    db.execute("UPDATE bulk_row SET application_id = ? WHERE id = ?", [application_id, row_id])


def start_signing(db, batch_id, now=None):
    """The batch's rows are frozen while its drafts wait for the signature."""
    db.execute("UPDATE bulk_batch SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
               [SIGNING, _now(now), batch_id, OPEN])


def drafts(db, batch_id):
    """(row, application id) of the rows prepared for signing, in file order."""
    return _rows(db.execute("SELECT id, number, application_id FROM bulk_row WHERE batch_id = ? AND application_id "
                            "IS NOT NULL ORDER BY number", [batch_id]))


def start_submitting(db, batch_id, staff_id, signed, listed, now=None):
    """The batch is signed, once: what was signed (`signed`: assertion, credential_id, batch_document, submit_key) is
    kept and each listed row ([(row id, digest hex)]) waits to be received. False when the batch was signed already
    (a second click, another tab)."""
    moment = _now(now)
    if db.execute("UPDATE bulk_batch SET state = ?, to_submit = ?, submitted = 0, signed_by = ?, signed_at = ?, "
                  "assertion = ?, credential_id = ?, batch_document = ?, submit_key = ?, updated_at = ? "
                  "WHERE id = ? AND state = ?",
                  [SUBMITTING, len(listed), staff_id, moment, signed["assertion"], signed["credential_id"],
                   signed["batch_document"], signed["submit_key"], moment, batch_id, SIGNING]).rowcount != 1:
        return False
    db.conn.executemany("UPDATE bulk_row SET listed_digest = ? WHERE id = ? AND batch_id = ?",
                        [(digest, row_id, batch_id) for row_id, digest in listed])
    return True


def claim(db, batch_id, driver, now, lease_seconds, limit):
    """Up to `limit` of the batch's rows still waiting to be received, in file order, claimed by `driver` until the
    lease ends (a claim a dead driver left is taken again after it): [{id, number, application_id, listed_digest}].
    Inside the caller's write transaction, so two drivers never claim the same row."""
    found = _rows(db.execute(
        "SELECT id, number, application_id, listed_digest FROM bulk_row WHERE batch_id = ? "
        "AND listed_digest IS NOT NULL AND outcome IS NULL AND (claimed_until IS NULL OR claimed_until <= ?) "
        "ORDER BY number LIMIT ?", [batch_id, now, limit]))
    db.conn.executemany("UPDATE bulk_row SET claimed_by = ?, claimed_until = ? WHERE id = ?",
                        [(driver, now + lease_seconds, item["id"]) for item in found])
    return found


def release(db, driver, row_ids):
    """The rows `driver` claimed but did not get to: free for the next driver at once."""
    db.conn.executemany("UPDATE bulk_row SET claimed_by = NULL, claimed_until = NULL "
                        "WHERE id = ? AND claimed_by = ? AND outcome IS NULL", [(i, driver) for i in row_ids])


def row_received(db, batch_id, row_id):
    """In the transaction that receives the row's draft: the row is done and the batch's counter moves."""
    db.execute("UPDATE bulk_row SET outcome = 'received', claimed_by = NULL, claimed_until = NULL WHERE id = ?",
               [row_id])
    db.execute("UPDATE bulk_batch SET submitted = submitted + 1 WHERE id = ?", [batch_id])


def row_kept(db, row_id, driver):
    """The row's draft could not be received (changed after signing, …): it stays a draft and is not tried again.
    False (nothing changed) when the row was settled meanwhile by a driver that took it over."""
    return db.execute("UPDATE bulk_row SET outcome = 'kept', claimed_by = NULL, claimed_until = NULL "
                      "WHERE id = ? AND claimed_by = ? AND outcome IS NULL", [row_id, driver]).rowcount == 1


def finish(db, batch_id, now=None):
    """The batch is submitted once none of its listed rows waits; True when this call marked it so."""
    return db.execute("UPDATE bulk_batch SET state = ?, updated_at = ? WHERE id = ? AND state = ? AND NOT EXISTS "
                      "(SELECT 1 FROM bulk_row WHERE batch_id = ? AND listed_digest IS NOT NULL AND outcome IS NULL)",
                      [SUBMITTED, _now(now), batch_id, SUBMITTING, batch_id]).rowcount == 1


def submitting(db, limit=100):
    """Batches signed whose drafts are still being received, oldest first (the bulk worker's work)."""
    return _rows(db.execute("SELECT * FROM bulk_batch WHERE state = ? ORDER BY id LIMIT ?", [SUBMITTING, limit]))


def by_id(db, batch_id):
    return _row(db.execute("SELECT * FROM bulk_batch WHERE id = ?", [batch_id]))


def kept(db, batch_id):
    """How many of the batch's listed drafts stayed drafts."""
    return db.execute("SELECT count(*) FROM bulk_row WHERE batch_id = ? AND outcome = 'kept'",
                      [batch_id]).fetchone()[0]


def latest_receipts(db, batch_id, limit=10):
    """(row number, public id, receipt number) of the batch's most recently received applications, newest first."""
    return _rows(db.execute("SELECT r.number, a.public_id, a.receipt_number FROM bulk_row r "
                            "JOIN application a ON a.id = r.application_id "
                            "WHERE r.batch_id = ? AND r.outcome = 'received' "
                            "ORDER BY a.submitted_at DESC, a.id DESC LIMIT ?", [batch_id, limit]))


def receipts(db, batch_id):
    """(row number, public id, receipt number, state, the row's outcome) of the batch's applications, in file
    order."""
    return _rows(db.execute("SELECT r.number, a.public_id, a.receipt_number, a.state, r.outcome FROM bulk_row r "
                            "JOIN application a "
                            "ON a.id = r.application_id WHERE r.batch_id = ? ORDER BY r.number", [batch_id]))
