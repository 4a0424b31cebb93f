"""The outbox table: enqueue inside the caller's transaction; claim, mark and list for the worker and mailbox."""
import re
import time
import uuid
from email.headerregistry import Address
from email.errors import HeaderParseError

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


class NotInTransaction(RuntimeError):
    pass


def clean_recipient(to):
    """One plain address (local@domain); anything that could smuggle a header or a second recipient is refused."""
    to = (to or "").strip()
    if not to or re.search(r"[\s,;<>\"]", to):
        raise ValueError(f"not a single plain email address: {to!r}")
    try:
        address = Address(addr_spec=to)
    except (HeaderParseError, ValueError, IndexError) as error:
        raise ValueError(f"not a valid email address: {to!r}") from error
    if not address.username or "." not in address.domain:
        raise ValueError(f"not a valid email address: {to!r}")
    return address.addr_spec


def clean_subject(subject):
    # Line breaks in a subject would be header injection; collapse all whitespace to single spaces.
    return " ".join(str(subject).split())


def enqueue(db, to, subject, text_body, html_body=None, *, kind, language, now=None):
    """Add a message to the outbox as part of the caller's open transaction; returns its id.

    The caller opens the transaction (``with db.conn: db.execute("BEGIN IMMEDIATE") …``) so the
    message exists if and only if the event that causes it was committed.
    """
    if not db.conn.in_transaction:
        raise NotInTransaction("enqueue mail inside the transaction of the event that causes it")
    if not text_body or not str(text_body).strip():
        raise ValueError("a plain-text body is required")
    now = time.time() if now is None else now
    cursor = db.execute(
        """INSERT INTO outbox (kind, language, recipient, subject, text_body, html_body, message_id,
                               created_at, status, attempts, next_attempt_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)""",
        [kind, language, clean_recipient(to), clean_subject(subject), str(text_body),
         None if html_body is None else str(html_body), uuid.uuid4().hex, now, now])
    return cursor.lastrowid


def claim(db, worker_id, *, now, lease_seconds, limit):
    """Take up to `limit` due messages for this worker; a claim left by a dead worker is due again after its lease."""
    with db.conn:
        db.execute("BEGIN IMMEDIATE")  # one writer at a time: two workers never claim the same row
        rows = db.execute(
            """SELECT id FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?
               ORDER BY next_attempt_at LIMIT ?""", [now, limit]).fetchall()
        ids = [row[0] for row in rows]
        for message_id in ids:
            # The lease's end is the next time the row is due, so one index serves both cases.
            db.execute(
                """UPDATE outbox SET status = 'sending', claimed_by = ?, lease_until = ?,
                          next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?""",
                [worker_id, now + lease_seconds, now + lease_seconds, message_id])
    return [get(db, message_id) for message_id in ids]


def _finish(db, message_id, worker_id, assignments, values):
    # Only the worker holding the claim may finish it: a worker whose lease ran out changes nothing.
    with db.conn:
        cursor = db.execute(
            f"UPDATE outbox SET {assignments}, claimed_by = NULL, lease_until = NULL "
            "WHERE id = ? AND claimed_by = ? AND status = 'sending'",
            [*values, message_id, worker_id])
    return cursor.rowcount == 1


def mark_sent(db, message_id, worker_id, *, now):
    return _finish(db, message_id, worker_id, "status = 'sent', sent_at = ?, last_error = NULL", [now])


def mark_retry(db, message_id, worker_id, *, error, next_attempt_at):
    return _finish(db, message_id, worker_id, "status = 'pending', next_attempt_at = ?, last_error = ?",
                   [next_attempt_at, error[:2000]])


def mark_failed(db, message_id, worker_id, *, error):
    return _finish(db, message_id, worker_id, "status = 'failed', last_error = ?", [error[:2000]])


def requeue(db, message_id, *, now=None):
    """Put a failed message back in the queue (after the operator fixed its cause)."""
    now = time.time() if now is None else now
    with db.conn:
        cursor = db.execute(
            "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ? "
            "WHERE id = ? AND status = 'failed'", [now, message_id])
    return cursor.rowcount == 1


def get(db, message_id):
    rows = list(db.query("SELECT * FROM outbox WHERE id = ?", [message_id]))
    return rows[0] if rows else None


def recent(db, *, before=None, limit=50):
    """Newest first, a page at a time by id (keyset), so the page costs the same at any table size."""
    if before is None:
        return list(db.query("SELECT * FROM outbox ORDER BY id DESC LIMIT ?", [limit]))
    return list(db.query("SELECT * FROM outbox WHERE id < ? ORDER BY id DESC LIMIT ?", [before, limit]))
