"""A logged-in test client without the login page: a user_session row and its id in the session cookie."""
import re

import store
from accounts import records


def log_in(client, database, account):
    """The client, now holding a live login session of `account` (no card, no password step)."""
    db = store.connect(database)
    try:
        with store.transaction(db):
            secret = records.start_session(db, account["id"])
    finally:
        db.conn.close()
    with client.session_transaction() as session:
        session["sid"] = secret
    return client


def csrf_token(client, path="/"):
    """The CSRF token the site's pages carry for this client's session."""
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get(path).text).group(1)


def app_trusting(make_app, ca, site_origin):
    """An app (own database) whose card checks trust the test CA `ca` and bind to `site_origin`."""
    return make_app(SITE_ORIGIN=site_origin,
                    JPKI_AUTH_TRUST_ANCHORS=[str(ca.anchor_dir("authentication"))],
                    JPKI_SIGN_TRUST_ANCHORS=[str(ca.anchor_dir("signing"))],
                    JPKI_CRL_DIR=str(ca.path / "crl"))
