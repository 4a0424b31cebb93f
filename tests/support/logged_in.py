"""A test client logged in as a new account, by a login-session row (no card, no password step)."""
import store
from accounts import records
from tests.conftest import chrome_client
from tests.support.accounts import create_account


def logged_in_client(app, number=1, **account):
    """(client, account): a Chrome-like client whose session cookie holds a live session's `sid`."""
    database = app.config["DATABASE"]
    account = create_account(database, (f"auth-{number}".encode(), f"sign-{number}".encode()),
                             email=f"applicant{number}@example.jp",
                             residence_card_number=f"AB{number:08d}CD", **account)
    db = store.connect(database)
    try:
        with store.transaction(db):
            secret = records.start_session(db, account["id"])
    finally:
        db.conn.close()
    client = chrome_client(app)
    with client.session_transaction() as session:
        session["sid"] = secret
    return client, account
