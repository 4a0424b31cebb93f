"""Officers, their security keys, enrolment links and console sessions in the database (SQL only).

Writes do not open transactions themselves: callers wrap them in store.transaction(db)."""
import hmac
import secrets
import time
import unicodedata

from accounts.records import LinkError, digest
from store.db import row_dict as _row, row_dicts as _all

ENROLMENT_SECONDS = 72 * 3600  # the operator hands the link over within three days
ENROLMENT_CODE_DIGITS = 8  # the one-time code the administrator hands over apart from the email
ENROLMENT_CODE_TRIES = 5  # wrong codes before the link is spent (the administrator sends a new one)


def _now(now):
    return time.time() if now is None else now


def create(db, email, name, office, role, now=None):
    cursor = db.execute("INSERT INTO officer (email, name, office, role, created_at) VALUES (?, ?, ?, ?, ?)",
                        [email.strip().lower(), name.strip(), office, role, _now(now)])
    return by_id(db, cursor.lastrowid)


def by_id(db, officer_id):
    return _row(db.execute("SELECT * FROM officer WHERE id = ?", [officer_id]))


def by_email(db, email):
    return _row(db.execute("SELECT * FROM officer WHERE email = ?", [(email or "").strip().lower()]))


def listing(db, office=None):
    if office:
        return _all(db.execute("SELECT * FROM officer WHERE office = ? ORDER BY office, role, email", [office]))
    return _all(db.execute("SELECT * FROM officer ORDER BY office, role, email"))


def colleagues(db, offices, role=None):
    marks = ",".join("?" * len(offices))
    sql = f"SELECT * FROM officer WHERE office IN ({marks}) AND disabled_at IS NULL"
    params = list(offices)
    if role:
        sql += " AND role = ?"
        params.append(role)
    return _all(db.execute(sql + " ORDER BY name", params))


def enabled_admins(db, offices):
    """How many enabled administrators these offices have (read inside the caller's write transaction)."""
    marks = ",".join("?" * len(offices))
    return db.execute(f"SELECT COUNT(*) FROM officer WHERE role = 'admin' AND disabled_at IS NULL AND office IN ({marks})",
                      list(offices)).fetchone()[0]


def disable(db, officer_id, now=None):
    """Disable the officer and end every live console session of theirs at once."""
    now = _now(now)
    db.execute("UPDATE officer SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", [now, officer_id])
    db.execute("UPDATE console_session SET ended_at = ? WHERE officer_id = ? AND ended_at IS NULL", [now, officer_id])


def enable(db, officer_id):
    """Enable a disabled officer again, with a clean failure count; they sign in as before."""
    db.execute("UPDATE officer SET disabled_at = NULL, failed_attempts = 0, locked_until = NULL WHERE id = ? "
               "AND disabled_at IS NOT NULL", [officer_id])


def set_role(db, officer_id, role):
    db.execute("UPDATE officer SET role = ? WHERE id = ?", [role, officer_id])


def forget_key(db, officer_id, now=None):
    """Remove the officer's keys and password and end their sessions: they enrol again before signing in."""
    db.execute("DELETE FROM officer_credential WHERE officer_id = ?", [officer_id])
    db.execute("UPDATE officer SET password_hash = NULL, failed_attempts = 0, locked_until = NULL WHERE id = ?",
               [officer_id])
    db.execute("UPDATE console_session SET ended_at = ? WHERE officer_id = ? AND ended_at IS NULL",
               [_now(now), officer_id])


def set_password(db, officer_id, password_hash):
    db.execute("UPDATE officer SET password_hash = ? WHERE id = ?", [password_hash, officer_id])


def record_failure(db, officer_id, max_failures, lock_seconds, now=None):
    """Count a failed sign-in; the account locks for `lock_seconds` after `max_failures` in a row."""
    now = _now(now)
    db.execute("UPDATE officer SET failed_attempts = failed_attempts + 1 WHERE id = ?", [officer_id])
    db.execute("UPDATE officer SET locked_until = ?, failed_attempts = 0 WHERE id = ? AND failed_attempts >= ?",
               [now + lock_seconds, officer_id, max_failures])
    return by_id(db, officer_id)


def clear_failures(db, officer_id):
    db.execute("UPDATE officer SET failed_attempts = 0, locked_until = NULL WHERE id = ?", [officer_id])


# --- security keys -------------------------------------------------------------------------------

def add_credential(db, officer_id, credential_id, public_key, sign_count, now=None):
    db.execute("INSERT INTO officer_credential (officer_id, credential_id, public_key, sign_count, created_at) "
               "VALUES (?, ?, ?, ?, ?)", [officer_id, credential_id, public_key, sign_count, _now(now)])


def credentials(db, officer_id):
    return _all(db.execute("SELECT * FROM officer_credential WHERE officer_id = ? ORDER BY id", [officer_id]))


def update_sign_count(db, credential_row_id, sign_count):
    db.execute("UPDATE officer_credential SET sign_count = ? WHERE id = ?", [sign_count, credential_row_id])


# --- enrolment links -----------------------------------------------------------------------------

def issue_enrolment(db, officer_id, now=None):
    """A new one-time enrolment link secret and its one-time code, (secret, code); earlier unused links stop
    working. Only hashes are kept: the code's with the link's secret, so the database alone cannot try codes."""
    now = _now(now)
    secret = secrets.token_urlsafe(32)
    code = "".join(secrets.choice("0123456789") for _ in range(ENROLMENT_CODE_DIGITS))
    db.execute("UPDATE officer_token SET used_at = ? WHERE officer_id = ? AND used_at IS NULL", [now, officer_id])
    db.execute("INSERT INTO officer_token (token_hash, officer_id, created_at, expires_at, code_hash) "
               "VALUES (?, ?, ?, ?, ?)", [digest(secret), officer_id, now, now + ENROLMENT_SECONDS,
                                          _code_hash(secret, code)])
    return secret, code


def _code_hash(secret, code):
    return digest(f"{secret}:{code}")


def normal_code(typed):
    """The code as typed, in ASCII digits: full-width digits, spaces and hyphens allowed; '' if anything else."""
    code = unicodedata.normalize("NFKC", (typed or "")[:64]).replace(" ", "").replace("-", "")
    return code if code.isascii() and code.isdigit() else ""


def code_matches(row, secret, typed):
    """Whether the typed code is the link's (constant time; a link without a code never matches)."""
    code = normal_code(typed)
    return bool(row["code_hash"] and code) and hmac.compare_digest(_code_hash(secret, code).encode(),
                                                                    row["code_hash"].encode())


def count_code_failure(db, secret, now=None):
    """Count a wrong code on the link; (wrong tries so far, whether the link is now spent). The caller's
    transaction."""
    row = _row(db.execute("UPDATE officer_token SET code_failures = code_failures + 1 WHERE token_hash = ? "
                          "RETURNING code_failures", [digest(secret or "")]))
    failures = row["code_failures"] if row else ENROLMENT_CODE_TRIES
    spent = failures >= ENROLMENT_CODE_TRIES
    if spent:
        db.execute("UPDATE officer_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                   [_now(now), digest(secret or "")])
    return failures, spent


def peek_enrolment(db, secret, now=None):
    row = _row(db.execute("SELECT * FROM officer_token WHERE token_hash = ?", [digest(secret or "")]))
    if row is None:
        raise LinkError("unknown")
    if row["used_at"] is not None:
        raise LinkError("used")
    if row["expires_at"] < _now(now):
        raise LinkError("expired")
    return row


def use_enrolment(db, secret, now=None):
    row = peek_enrolment(db, secret, now)
    if db.execute("UPDATE officer_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                  [_now(now), row["token_hash"]]).rowcount != 1:
        raise LinkError("used")
    return row


# --- security-key ceremonies under way (their challenge server-side, single use) ---------------------

CEREMONY_SECONDS = 5 * 60  # the officer touches the key within minutes of the options, or begins again


def begin_ceremony(db, officer_id, purpose, challenge, password_hash=None, now=None):
    """Keep a ceremony's challenge (and an enrolment's new password hash); returns the handle for the cookie.
    An officer has one ceremony at a time: an earlier unanswered one dies."""
    handle = secrets.token_urlsafe(32)
    db.execute("DELETE FROM console_ceremony WHERE officer_id = ? OR created_at < ?",
               [officer_id, _now(now) - CEREMONY_SECONDS])
    db.execute("INSERT INTO console_ceremony (handle_hash, officer_id, purpose, challenge, password_hash, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?)", [digest(handle), officer_id, purpose, challenge, password_hash, _now(now)])
    return handle


def take_ceremony(db, handle, purpose, now=None):
    """The ceremony of this handle, removed as it is read (an answer counts once); None if unknown, used, of
    another purpose or older than CEREMONY_SECONDS."""
    cursor = db.execute("DELETE FROM console_ceremony WHERE handle_hash = ? RETURNING *", [digest(handle or "")])
    rows = _all(cursor)
    row = rows[0] if rows else None
    if row is None or row["purpose"] != purpose or _now(now) - row["created_at"] > CEREMONY_SECONDS:
        return None
    return row


# --- console sessions ----------------------------------------------------------------------------

def start_session(db, officer_id, now=None):
    """(session secret, CSRF token) of a new console session."""
    now = _now(now)
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    db.execute("INSERT INTO console_session (id_hash, officer_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
               [digest(secret), officer_id, csrf, now, now])
    return secret, csrf


def live_session(db, secret, idle_seconds, now=None):
    """The session joined with its officer if live, not idle too long and the officer not disabled; else None."""
    row = _row(db.execute(
        "SELECT s.id_hash, s.csrf, s.last_seen, o.* FROM console_session s JOIN officer o ON o.id = s.officer_id "
        "WHERE s.id_hash = ? AND s.ended_at IS NULL AND o.disabled_at IS NULL", [digest(secret or "")]))
    if row is None or _now(now) - row["last_seen"] > idle_seconds:
        return None
    return row


def touch_session(db, secret, now=None):
    db.execute("UPDATE console_session SET last_seen = ? WHERE id_hash = ?", [_now(now), digest(secret)])


def end_session(db, secret, now=None):
    db.execute("UPDATE console_session SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL",
               [_now(now), digest(secret or "")])
