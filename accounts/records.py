"""Accounts, one-time links and login sessions in the database (SQL only; no Flask, no rules)."""
import hashlib
import secrets
import time
from store.db import row_dict as _row

# User IDs (認証ID) avoid letters and digits that are easy to misread (0/O, 1/I/L).
USER_ID_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
USER_ID_LENGTH = 10


class LinkError(Exception):
    """A one-time link that cannot be used; `code` is unknown, used or expired."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def digest(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_user_id(db):
    while True:
        candidate = "".join(secrets.choice(USER_ID_ALPHABET) for _ in range(USER_ID_LENGTH))
        if not db.execute("SELECT 1 FROM account WHERE user_id = ?", [candidate]).fetchone():
            return candidate


def account_by_id(db, account_id):
    return _row(db.execute("SELECT * FROM account WHERE id = ?", [account_id]))


def account_by_user_id(db, user_id):
    return _row(db.execute("SELECT * FROM account WHERE user_id = ?", [(user_id or "").strip().upper()]))


def account_by_auth_fingerprint(db, fingerprint):
    return _row(db.execute("SELECT * FROM account WHERE auth_fingerprint = ?", [fingerprint]))


def already_registered(db, *, auth_fingerprint=None, sign_fingerprint=None, residence_card_number=None,
                       except_account=None):
    """Which of the unique identities another account already holds: a set of field names."""
    taken = set()
    for field, value in (("auth_fingerprint", auth_fingerprint), ("sign_fingerprint", sign_fingerprint),
                         ("residence_card_number", residence_card_number)):
        if value is not None and db.execute(
                f"SELECT 1 FROM account WHERE {field} = ? AND id IS NOT ?", [value, except_account]).fetchone():
            taken.add(field)
    return taken


def create_account(db, **fields):
    fields = {**fields, "user_id": new_user_id(db), "created_at": time.time()}
    columns = ", ".join(fields)
    placeholders = ", ".join("?" for _ in fields)
    cursor = db.execute(f"INSERT INTO account ({columns}) VALUES ({placeholders})", list(fields.values()))
    return account_by_id(db, cursor.lastrowid)


def change_residence_card(db, account, number, now=None):
    """The account's residence card number becomes `number`; the one it replaces is kept in its history."""
    db.execute("INSERT INTO residence_card_history (account_id, residence_card_number, replaced_at) VALUES (?, ?, ?)",
               [account["id"], account["residence_card_number"], time.time() if now is None else now])
    update_account(db, account["id"], residence_card_number=number)


def residence_card_history(db, account_id):
    """The account's earlier residence card numbers, the latest replaced first: [(number, replaced_at)]."""
    return db.execute("SELECT residence_card_number, replaced_at FROM residence_card_history WHERE account_id = ? "
                      "ORDER BY replaced_at DESC, id DESC", [account_id]).fetchall()


def update_account(db, account_id, **fields):
    assignments = ", ".join(f"{name} = ?" for name in fields)
    db.execute(f"UPDATE account SET {assignments} WHERE id = ?", [*fields.values(), account_id])


# --- one-time links ------------------------------------------------------------------------------

def issue_link(db, account_id, kind, lifetime_seconds, payload=None, now=None):
    """A new one-time secret for `kind`; earlier unused links of the same kind stop working."""
    now = time.time() if now is None else now
    secret = secrets.token_urlsafe(32)
    db.execute("UPDATE account_token SET used_at = ? WHERE account_id = ? AND kind = ? AND used_at IS NULL",
               [now, account_id, kind])
    db.execute("INSERT INTO account_token (token_hash, account_id, kind, payload, created_at, expires_at) "
               "VALUES (?, ?, ?, ?, ?, ?)", [digest(secret), account_id, kind, payload, now, now + lifetime_seconds])
    return secret


def peek_link(db, secret, kind, now=None):
    """The link's row if it can still be used, else LinkError; nothing changes."""
    now = time.time() if now is None else now
    row = _row(db.execute("SELECT * FROM account_token WHERE token_hash = ? AND kind = ?",
                          [digest(secret or ""), kind]))
    if row is None:
        raise LinkError("unknown")
    if row["used_at"] is not None:
        raise LinkError("used")
    if row["expires_at"] < now:
        raise LinkError("expired")
    return row


def use_link(db, secret, kind, now=None):
    """Mark the link used (inside the caller's transaction) and return its row; a second use fails."""
    now = time.time() if now is None else now
    row = peek_link(db, secret, kind, now)
    changed = db.execute("UPDATE account_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                         [now, row["token_hash"]]).rowcount
    if changed != 1:
        raise LinkError("used")
    return row


# --- login sessions ------------------------------------------------------------------------------

def start_session(db, account_id, now=None):
    now = time.time() if now is None else now
    secret = secrets.token_urlsafe(32)
    db.execute("INSERT INTO user_session (id_hash, account_id, created_at, last_seen) VALUES (?, ?, ?, ?)",
               [digest(secret), account_id, now, now])
    return secret


def session_account(db, secret, idle_seconds, now=None):
    """(the account, its session's last_seen) if the session exists, is not ended and was used within
    `idle_seconds`; else None. One query: every logged-in page asks it first."""
    now = time.time() if now is None else now
    cursor = db.execute("SELECT s.last_seen, a.* FROM user_session s JOIN account a ON a.id = s.account_id "
                        "WHERE s.id_hash = ? AND s.ended_at IS NULL", [digest(secret or "")])
    row = cursor.fetchone()
    if row is None or now - row[0] > idle_seconds:
        return None
    return dict(zip([c[0] for c in cursor.description[1:]], row[1:])), row[0]


def touch_session(db, secret, now=None):
    db.execute("UPDATE user_session SET last_seen = ? WHERE id_hash = ?",
               [time.time() if now is None else now, digest(secret)])


def end_session(db, secret, now=None):
    db.execute("UPDATE user_session SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL",
               [time.time() if now is None else now, digest(secret or "")])


def end_all_sessions(db, account_id, now=None):
    db.execute("UPDATE user_session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL",
               [time.time() if now is None else now, account_id])


# --- card answers waiting for their form ---------------------------------------------------------

def keep_card_proof(db, browser_id, purpose, certificate_der, now=None):
    db.execute("INSERT OR REPLACE INTO card_proof (browser_id, purpose, certificate, verified_at) "
               "VALUES (?, ?, ?, ?)", [browser_id, purpose, certificate_der, time.time() if now is None else now])


def card_proofs(db, browser_id, max_age_seconds, now=None):
    now = time.time() if now is None else now
    rows = db.execute("SELECT purpose, certificate FROM card_proof WHERE browser_id = ? AND verified_at >= ?",
                      [browser_id, now - max_age_seconds]).fetchall()
    return {purpose: certificate for purpose, certificate in rows}


def drop_card_proofs(db, browser_id):
    db.execute("DELETE FROM card_proof WHERE browser_id = ?", [browser_id])


def pending_link(db, account_id, kind, now=None):
    """The newest unused, unexpired link of `kind` for the account (its payload says what waits), or None."""
    return _row(db.execute("SELECT * FROM account_token WHERE account_id = ? AND kind = ? AND used_at IS NULL "
                           "AND expires_at >= ? ORDER BY created_at DESC LIMIT 1",
                           [account_id, kind, time.time() if now is None else now]))


# --- password-expiry reminders -------------------------------------------------------------------

def reminder_candidates(db, first, last):
    """(account id, password_set_at, days_before already reminded or None) for passwords set from `first` to
    `last` (ISO dates): one row per reminder sent, through the account_password_set index and the reminder key."""
    return db.execute(
        "SELECT a.id, a.password_set_at, r.days_before FROM account a LEFT JOIN password_reminder r "
        "ON r.account_id = a.id AND r.password_set_at = a.password_set_at "
        "WHERE a.password_set_at BETWEEN ? AND ? AND a.password_hash IS NOT NULL", [first, last]).fetchall()


def record_reminder(db, account_id, password_set_at, days_before, now=None):
    """Note a reminder as sent (inside the transaction that queues its mail); False if it already was."""
    return db.execute("INSERT OR IGNORE INTO password_reminder (account_id, password_set_at, days_before, sent_at) "
                      "VALUES (?, ?, ?, ?)", [account_id, password_set_at, days_before,
                                              time.time() if now is None else now]).rowcount == 1
