"""Organisations, their staff, staff keys, links, ceremonies and sessions in the database (SQL only).

Writes do not open transactions themselves: callers wrap them in store.transaction(db). Days (valid_until) are
ISO dates of Japan time; moments are epoch seconds."""
import json
import secrets
import time

from accounts.records import LinkError, digest
from store.db import row_dict as _row, row_dicts as _all

ENROLMENT_SECONDS = 7 * 24 * 3600  # a staff member enrols within a week of the approval mail
CEREMONY_SECONDS = 5 * 60  # the member touches the key within minutes of the options, or begins again
PUBLIC_ID_BYTES = 12


def _now(now):
    return time.time() if now is None else now


def _insert(db, table, fields):
    columns = ", ".join(fields)
    placeholders = ", ".join("?" for _ in fields)
    return db.execute(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", list(fields.values())).lastrowid


def _update(db, table, row_id, fields):
    assignments = ", ".join(f"{name} = ?" for name in fields)
    db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*fields.values(), row_id])


# --- organisations -------------------------------------------------------------------------------

def create_organisation(db, *, kind, receiving_kind, name, corporate_number, postal_code, address, bureau,
                        contact_email, language="ja", phone="", now=None):
    """A new use application (state 'applied'); returns its row."""
    row_id = _insert(db, "organisation", {
        "public_id": secrets.token_urlsafe(PUBLIC_ID_BYTES), "kind": kind, "receiving_kind": receiving_kind,
        "name": name, "corporate_number": corporate_number, "postal_code": postal_code, "address": address,
        "phone": phone, "contact_email": contact_email, "language": language, "bureau": bureau,
        "applied_at": _now(now)})
    return organisation_by_id(db, row_id)


def organisation_by_id(db, organisation_id):
    return _row(db.execute("SELECT * FROM organisation WHERE id = ?", [organisation_id]))


def organisation_by_public_id(db, public_id):
    return _row(db.execute("SELECT * FROM organisation WHERE public_id = ?", [public_id]))


def update_organisation(db, organisation_id, **fields):
    """Change columns and count the version (a concurrent change of the same row is seen by its version)."""
    fields["version"] = None
    assignments = ", ".join("version = version + 1" if name == "version" else f"{name} = ?" for name in fields)
    values = [value for name, value in fields.items() if name != "version"]
    db.execute(f"UPDATE organisation SET {assignments} WHERE id = ?", [*values, organisation_id])


def bureau_queue(db, bureaus, states, *, after=None, limit=50):
    """A page of the bureaus' organisations in these states, oldest application first (keyset on (applied_at,
    id) after `after`); each row with its open proposal's outcome and proposer, and whether a report waits."""
    bureau_marks = ", ".join("?" for _ in bureaus)
    state_marks = ", ".join("?" for _ in states)
    keyset, values = "", []
    if after is not None:
        keyset, values = " AND (o.applied_at, o.id) > (?, ?)", list(after)
    return _all(db.execute(
        "SELECT o.*, d.outcome AS proposed_outcome, d.proposed_by, "
        "(SELECT r.id FROM organisation_report r WHERE r.organisation_id = o.id AND r.status = 'submitted') "
        "AS open_report_id FROM organisation o "
        "LEFT JOIN organisation_decision d ON d.organisation_id = o.id AND d.status = 'proposed' "
        f"WHERE o.bureau IN ({bureau_marks}) AND o.state IN ({state_marks}){keyset} "
        "ORDER BY o.applied_at, o.id LIMIT ?", [*bureaus, *states, *values, limit]))


def lapse_due(db, today_iso):
    """Mark approved organisations whose last valid day is before today as lapsed; their ids."""
    return [row[0] for row in db.execute(
        "UPDATE organisation SET state = 'lapsed', version = version + 1 WHERE state = 'approved' "
        "AND valid_until IS NOT NULL AND valid_until < ? RETURNING id", [today_iso]).fetchall()]


# --- staff ---------------------------------------------------------------------------------------

def add_staff(db, organisation_id, *, name, email, language="ja", agent_approval_number=None, is_admin=False,
              now=None):
    row_id = _insert(db, "organisation_staff", {
        "organisation_id": organisation_id, "name": name, "email": email, "language": language,
        "agent_approval_number": agent_approval_number, "is_admin": int(bool(is_admin)), "created_at": _now(now)})
    return staff_by_id(db, row_id)


def staff_by_id(db, staff_id):
    return _row(db.execute("SELECT * FROM organisation_staff WHERE id = ?", [staff_id]))


def active_staff_by_email(db, email):
    return _row(db.execute("SELECT * FROM organisation_staff WHERE email = ? AND removed_at IS NULL",
                           [(email or "").strip().lower()]))


def emails_in_use(db, emails):
    """Which of these addresses an active staff member already uses (one member per address)."""
    if not emails:
        return set()
    marks = ", ".join("?" for _ in emails)
    return {row[0] for row in db.execute(
        f"SELECT email FROM organisation_staff WHERE removed_at IS NULL AND email IN ({marks})", list(emails))}


def staff_of(db, organisation_id, *, with_removed=False):
    removed = "" if with_removed else " AND removed_at IS NULL"
    return _all(db.execute(f"SELECT * FROM organisation_staff WHERE organisation_id = ?{removed} ORDER BY id",
                           [organisation_id]))


def remove_staff(db, staff_id, now=None):
    """The member is removed: their sessions end, their links and ceremonies stop working, at once."""
    now = _now(now)
    db.execute("UPDATE organisation_staff SET removed_at = ? WHERE id = ? AND removed_at IS NULL", [now, staff_id])
    end_all_sessions(db, staff_id, now)
    db.execute("UPDATE staff_token SET used_at = ? WHERE staff_id = ? AND used_at IS NULL", [now, staff_id])
    db.execute("DELETE FROM staff_ceremony WHERE staff_id = ?", [staff_id])


def remove_all_staff(db, organisation_id, now=None):
    for member in staff_of(db, organisation_id):
        remove_staff(db, member["id"], now)


def set_password(db, staff_id, password_hash, now=None):
    db.execute("UPDATE organisation_staff SET password_hash = ?, password_set_at = ?, failed_attempts = 0, "
               "locked_until = NULL WHERE id = ?", [password_hash, _now(now), staff_id])


def record_failure(db, staff_id, max_failures, lock_seconds, now=None):
    now = _now(now)
    row = _row(db.execute("UPDATE organisation_staff SET failed_attempts = failed_attempts + 1 WHERE id = ? "
                          "RETURNING failed_attempts", [staff_id]))
    if row and row["failed_attempts"] >= max_failures:
        db.execute("UPDATE organisation_staff SET locked_until = ?, failed_attempts = 0 WHERE id = ?",
                   [now + lock_seconds, staff_id])
    return staff_by_id(db, staff_id)


def clear_failures(db, staff_id):
    db.execute("UPDATE organisation_staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?", [staff_id])


# --- passkeys and security keys ------------------------------------------------------------------

def add_credential(db, staff_id, credential_id, public_key, sign_count, transports=(), now=None):
    db.execute("INSERT INTO staff_credential (staff_id, credential_id, public_key, sign_count, transports, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?)",
               [staff_id, credential_id, public_key, sign_count, json.dumps(list(transports)), _now(now)])


def credentials(db, staff_id):
    return _all(db.execute("SELECT * FROM staff_credential WHERE staff_id = ? ORDER BY id", [staff_id]))


def update_sign_count(db, credential_row_id, sign_count):
    db.execute("UPDATE staff_credential SET sign_count = ? WHERE id = ?", [sign_count, credential_row_id])


# --- one-time links ------------------------------------------------------------------------------

def issue_link(db, staff_id, kind="enrol", lifetime_seconds=ENROLMENT_SECONDS, now=None):
    """A new one-time secret; earlier unused links of the same kind stop working. Only its hash is kept."""
    now = _now(now)
    secret = secrets.token_urlsafe(32)
    db.execute("UPDATE staff_token SET used_at = ? WHERE staff_id = ? AND kind = ? AND used_at IS NULL",
               [now, staff_id, kind])
    db.execute("INSERT INTO staff_token (token_hash, staff_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
               [digest(secret), staff_id, kind, now, now + lifetime_seconds])
    return secret


def peek_link(db, secret, kind="enrol", now=None):
    row = _row(db.execute("SELECT * FROM staff_token WHERE token_hash = ? AND kind = ?", [digest(secret or ""), kind]))
    if row is None:
        raise LinkError("unknown")
    if row["used_at"] is not None:
        raise LinkError("used")
    if row["expires_at"] < _now(now):
        raise LinkError("expired")
    return row


def use_link(db, secret, kind="enrol", now=None):
    row = peek_link(db, secret, kind, now)
    if db.execute("UPDATE staff_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                  [_now(now), row["token_hash"]]).rowcount != 1:
        raise LinkError("used")
    return row


# --- WebAuthn ceremonies under way ---------------------------------------------------------------

def begin_ceremony(db, staff_id, purpose, challenge, password_hash=None, payload=None, now=None):
    """Keep a ceremony's challenge (an enrolment's new password hash, a signing's payload); returns the handle
    for the cookie. One ceremony per member at a time: an earlier unanswered one dies."""
    handle = secrets.token_urlsafe(32)
    db.execute("DELETE FROM staff_ceremony WHERE staff_id = ? OR created_at < ?",
               [staff_id, _now(now) - CEREMONY_SECONDS])
    db.execute("INSERT INTO staff_ceremony (handle_hash, staff_id, purpose, challenge, password_hash, payload, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [digest(handle), staff_id, purpose, challenge, password_hash, payload, _now(now)])
    return handle


def take_ceremony(db, handle, purpose, now=None):
    """The ceremony of this handle, removed as it is read; None if unknown, of another purpose or too old."""
    rows = _all(db.execute("DELETE FROM staff_ceremony WHERE handle_hash = ? RETURNING *", [digest(handle or "")]))
    row = rows[0] if rows else None
    if row is None or row["purpose"] != purpose or _now(now) - row["created_at"] > CEREMONY_SECONDS:
        return None
    return row


# --- staff sessions ------------------------------------------------------------------------------

def start_session(db, staff_id, now=None):
    now = _now(now)
    secret = secrets.token_urlsafe(32)
    db.execute("INSERT INTO staff_session (id_hash, staff_id, created_at, last_seen) VALUES (?, ?, ?, ?)",
               [digest(secret), staff_id, now, now])
    return secret


def live_session(db, secret, idle_seconds, now=None):
    """(the staff member, their organisation, last_seen) of a live session whose member is not removed; else
    None. One query: every staff page asks it first."""
    cursor = db.execute(
        "SELECT s.last_seen, m.id AS m_id, o.id AS o_id FROM staff_session s "
        "JOIN organisation_staff m ON m.id = s.staff_id JOIN organisation o ON o.id = m.organisation_id "
        "WHERE s.id_hash = ? AND s.ended_at IS NULL AND m.removed_at IS NULL", [digest(secret or "")])
    row = cursor.fetchone()
    if row is None or _now(now) - row[0] > idle_seconds:
        return None
    return staff_by_id(db, row[1]), organisation_by_id(db, row[2]), row[0]


def touch_session(db, secret, now=None):
    db.execute("UPDATE staff_session SET last_seen = ? WHERE id_hash = ?", [_now(now), digest(secret)])


def end_session(db, secret, now=None):
    db.execute("UPDATE staff_session SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL",
               [_now(now), digest(secret or "")])


def end_all_sessions(db, staff_id, now=None):
    db.execute("UPDATE staff_session SET ended_at = ? WHERE staff_id = ? AND ended_at IS NULL", [_now(now), staff_id])


# --- documents -----------------------------------------------------------------------------------

def add_document(db, organisation_id, sha256, kind, file_name, report_id=None, now=None):
    return _insert(db, "organisation_document", {
        "organisation_id": organisation_id, "report_id": report_id, "sha256": sha256, "kind": kind,
        "file_name": file_name, "added_at": _now(now)})


def documents(db, organisation_id):
    return _all(db.execute("SELECT d.*, b.size, b.media_type FROM organisation_document d "
                           "JOIN attachment_blob b ON b.sha256 = d.sha256 WHERE d.organisation_id = ? "
                           "ORDER BY d.added_at, d.id", [organisation_id]))


def document(db, organisation_id, document_id):
    return _row(db.execute("SELECT d.*, b.size, b.media_type FROM organisation_document d "
                           "JOIN attachment_blob b ON b.sha256 = d.sha256 WHERE d.organisation_id = ? AND d.id = ?",
                           [organisation_id, document_id]))


# --- the bureau's requests and decisions ---------------------------------------------------------

def add_request(db, organisation_id, officer_id, message, deadline, now=None):
    return _insert(db, "organisation_request", {"organisation_id": organisation_id, "officer_id": officer_id,
                                                "message": message, "deadline": deadline, "created_at": _now(now)})


def open_requests(db, organisation_id):
    return _all(db.execute("SELECT * FROM organisation_request WHERE organisation_id = ? AND closed_at IS NULL "
                           "ORDER BY created_at", [organisation_id]))


def close_requests(db, organisation_id, now=None):
    db.execute("UPDATE organisation_request SET closed_at = ? WHERE organisation_id = ? AND closed_at IS NULL",
               [_now(now), organisation_id])


def propose(db, organisation_id, officer_id, outcome, reason="", report_id=None, now=None):
    return _insert(db, "organisation_decision", {
        "organisation_id": organisation_id, "report_id": report_id, "outcome": outcome, "reason": reason,
        "proposed_by": officer_id, "proposed_at": _now(now)})


def open_proposal(db, organisation_id):
    return _row(db.execute("SELECT * FROM organisation_decision WHERE organisation_id = ? AND status = 'proposed'",
                           [organisation_id]))


def decide_proposal(db, decision_id, officer_id, status, comment="", now=None):
    """Approve or return the proposal, once; False if it was no longer open."""
    return db.execute("UPDATE organisation_decision SET status = ?, decided_by = ?, decided_at = ?, comment = ? "
                      "WHERE id = ? AND status = 'proposed'",
                      [status, officer_id, _now(now), comment, decision_id]).rowcount == 1


def decisions(db, organisation_id):
    return _all(db.execute("SELECT * FROM organisation_decision WHERE organisation_id = ? ORDER BY proposed_at, id",
                           [organisation_id]))


# --- periodic reports ----------------------------------------------------------------------------

def add_report(db, organisation_id, staff_id, details, now=None):
    return _insert(db, "organisation_report", {"organisation_id": organisation_id, "staff_id": staff_id,
                                               "details": json.dumps(details, ensure_ascii=False),
                                               "declared_at": _now(now)})


def open_report(db, organisation_id):
    return _row(db.execute("SELECT * FROM organisation_report WHERE organisation_id = ? AND status = 'submitted'",
                           [organisation_id]))


def close_report(db, report_id, status, now=None):
    db.execute("UPDATE organisation_report SET status = ?, decided_at = ? WHERE id = ?", [status, _now(now), report_id])


# --- validity reminders --------------------------------------------------------------------------

def reminder_candidates(db, first_iso, last_iso):
    """(organisation id, valid_until, days_before already reminded or None) for approvals ending in the range."""
    return db.execute(
        "SELECT o.id, o.valid_until, r.days_before FROM organisation o LEFT JOIN organisation_reminder r "
        "ON r.organisation_id = o.id AND r.valid_until = o.valid_until "
        "WHERE o.valid_until BETWEEN ? AND ? AND o.state = 'approved'", [first_iso, last_iso]).fetchall()


def record_reminder(db, organisation_id, valid_until_iso, days_before, now=None):
    """Note a reminder as sent (inside the transaction that queues its mail); False if it already was."""
    return db.execute("INSERT OR IGNORE INTO organisation_reminder (organisation_id, valid_until, days_before, "
                      "sent_at) VALUES (?, ?, ?, ?)",
                      [organisation_id, valid_until_iso, days_before, _now(now)]).rowcount == 1


# --- the organisation's rows of the audit log ----------------------------------------------------

TRAIL = ("SELECT * FROM audit_log WHERE (CASE WHEN json_valid(detail) THEN json_extract(detail, '$.organisation') "
         "END) = ? ORDER BY id")  # the expression of the audit_log_organisation index, word for word


def trail(db, public_id):
    """Every audit row about the organisation, oldest first, read from the audit_log_organisation index."""
    return _all(db.execute(TRAIL, [public_id]))
