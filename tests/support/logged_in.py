"""A test client logged in as a new account, by a login-session row (no card, no password step)."""
from tests.conftest import chrome_client
from tests.support.accounts import create_account
from tests.support.sessions import log_in


def logged_in_client(app, number=1, **account):
    """(client, account): a Chrome-like client whose session cookie holds a live session's `sid`."""
    database = app.config["DATABASE"]
    card = None if account.get("kind") in ("japanese_national", "agent") else f"AB{number:08d}CD"
    account = create_account(database, (f"auth-{number}".encode(), f"sign-{number}".encode()),
                             email=f"applicant{number}@example.jp", residence_card_number=card, **account)
    return log_in(chrome_client(app), database, account), account
