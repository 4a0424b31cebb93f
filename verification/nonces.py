"""Single-use challenges in the `nonce` table, so that every server worker agrees on what is still unused."""
import base64
import secrets
import time

from verification.errors import NonceExpired, NonceUnknown

LIFETIME = 5 * 60
NONCE_BYTES = 32


def issue_nonce(db, session_id, purpose, now=None):
    """A new nonce (32 random bytes, base64) for this browser session and purpose; stale ones are purged."""
    now = time.time() if now is None else now
    value = base64.b64encode(secrets.token_bytes(NONCE_BYTES)).decode("ascii")
    db.execute("DELETE FROM nonce WHERE created_at < ?", [now - LIFETIME])
    db.execute("INSERT INTO nonce (value, purpose, session_id, created_at) VALUES (?, ?, ?, ?)",
               [value, purpose, session_id, now])
    return value


def consume_nonce(db, value, session_id, purpose, now=None):
    """Delete the nonce (one statement, so two workers cannot both use it), then judge it."""
    now = time.time() if now is None else now
    rows = db.execute("DELETE FROM nonce WHERE value = ? RETURNING session_id, purpose, created_at",
                      [value]).fetchall()
    if not rows or rows[0][0] != session_id or rows[0][1] != purpose:
        raise NonceUnknown("the nonce was not issued to this session for this purpose, or was used")
    if now - rows[0][2] > LIFETIME:
        raise NonceExpired("the nonce is older than 5 minutes")
