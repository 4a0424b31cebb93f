"""Rate limits that hold across every server process (Flask-Limiter on the site's SQLite database)."""
from flask import current_app, request
from flask.globals import request_ctx
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
    _check_before_request_only_when_needed(app)
    _close_only_what_was_opened(app)


def _check_before_request_only_when_needed(app):
    """Flask-Limiter's before-request hook looks for application-wide, default and blueprint limits on every
    request (0.1 ms each); the limits of a decorated view are checked by its decorator all the same. The site
    sets none of the former, so the hook runs only while some such limit exists (one set by configuration,
    RATELIMIT_APPLICATION or RATELIMIT_DEFAULT, or a blueprint's) or the endpoint carries a hint of one."""
    manager = limiter.limit_manager
    hooks = app.before_request_funcs.setdefault(None, [])
    index = hooks.index(limiter._check_request_limit)

    def check_wide_limits():
        # (_blueprint_limits: the limits put on blueprints, by name; Flask-Limiter is pinned)
        if (manager.application_limits or manager.default_limits or manager._blueprint_limits
                or manager.has_hints(request.endpoint or "")):
            return limiter._check_request_limit()
        return None
    hooks[index] = check_wide_limits


def _close_only_what_was_opened(app):
    """Flask-Limiter's after-request headers and its teardown act on the state it keeps on the request
    context, made when a request's limits are looked at; a request whose limits were not (every page but the
    login and card steps) has none to add or reset, and is spared the two hooks."""
    def looked_at():
        return hasattr(request_ctx, "_limiter_request_context")

    after = app.after_request_funcs.setdefault(None, [])
    index = next(i for i, hook in enumerate(after) if getattr(hook, "func", None) is Limiter._Limiter__inject_headers)
    inject = after[index]

    def inject_limit_headers(response):
        return inject(response) if looked_at() else response
    after[index] = inject_limit_headers

    teardown = app.teardown_request_funcs.setdefault(None, [])
    index = teardown.index(limiter._Limiter__release_context)
    release = teardown[index]

    def release_limit_state(error=None):
        if looked_at():
            release(error)
    teardown[index] = release_limit_state


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


def login_limits(account_field="user_id", failures_only=False):
    """Decorate a login view: LOGIN_LIMIT_PER_IP per client address and LOGIN_LIMIT_PER_ACCOUNT per named account.

    Only POSTs count; an attempt without an account name counts against the address alone.
    Views decorated with it share the two budgets (login, password check in another step …); with
    `failures_only` only a refusal draws on them (a check that comes before the login's own attempt).
    """
    deduct = (lambda response: response.status_code >= 400) if failures_only else None
    # Shared scopes: every view that checks a password draws on the same two budgets.
    per_ip = limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], scope="login-ip",
                                  methods=["POST"], deduct_when=deduct)
    per_account = limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
                                       scope="login-account", methods=["POST"],
                                       key_func=account_key(account_field),
                                       exempt_when=lambda: not request.form.get(account_field, "").strip(),
                                       deduct_when=deduct)

    def decorate(view):
        return per_ip(per_account(view))
    return decorate
