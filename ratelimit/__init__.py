"""Rate limits that hold across every server process (Flask-Limiter on the site's SQLite database)."""
from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from ratelimit.sqlite_storage import SQLiteStorage, storage_uri  # noqa: F401  (registers the scheme)
from store.flask_db import database_path

# The client address after ProxyFix (security.py) has applied the trusted proxy hops.
limiter = Limiter(key_func=get_remote_address)


def init_app(app):
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = storage_uri(database_path(app))
    limiter.init_app(app)


def account_key(field):
    """The account a form names, folded so that 'ab12' and ' AB12 ' count as one."""
    def key():
        return "account:" + request.form.get(field, "").strip().casefold()
    return key


def card_limits():
    """Decorate a view that checks a card answer or issues a card challenge: CARD_LIMIT_PER_IP POSTs per address.

    One shared budget: a visitor without a login cannot make the server verify tokens without end.
    """
    return limiter.shared_limit(lambda: current_app.config["CARD_LIMIT_PER_IP"], scope="card-ip", methods=["POST"])


def login_limits(account_field="user_id"):
    """Decorate a login view: LOGIN_LIMIT_PER_IP per client address and LOGIN_LIMIT_PER_ACCOUNT per named account.

    Only POSTs count; an attempt without an account name counts against the address alone.
    Views decorated with it share the two budgets (login, password check in another step …).
    """
    # Shared scopes: every view that checks a password draws on the same two budgets.
    per_ip = limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], scope="login-ip",
                                  methods=["POST"])
    per_account = limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
                                       scope="login-account", methods=["POST"],
                                       key_func=account_key(account_field),
                                       exempt_when=lambda: not request.form.get(account_field, "").strip())

    def decorate(view):
        return per_ip(per_account(view))
    return decorate
