"""Journey 7, the bureau console (/console): its own network gate, session cookie, idle limit and CSRF.

An applicant's session never opens a console page (the console reads only its own cookie, path /console)
and an officer's never opens an applicant's (the browser sends that cookie to /console only)."""
import functools
import hmac
import secrets
import time

from flask import Blueprint, abort, current_app, g, redirect, request, url_for
from flask_babel import gettext, lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer

from console import audit, audit_actions, officers
from i18n import state_name
from rules import console_policy as policy
from rules.bureaus import office
from rules.procedures import procedure
from security import csrf
from store.flask_db import get_db
from templating import as_list

bp = Blueprint("console", __name__, url_prefix="/console")
csrf.exempt(bp)  # the console checks its own token, kept in its own session, not the applicants'

CONSOLE_LANGUAGES = {"ja": "日本語", "en": "English"}  # officers work in Japanese; English through the catalogs
TOUCH_EVERY = 30  # seconds between writes of last_seen
STATE_MAX_AGE = 10 * 60  # a sign-in or enrolment begun longer ago starts again
SESSION_ENDED = _l("Your console session ended after 15 minutes without activity, or was ended. Sign in again.")
BAD_FORM = _l("This form has expired. Reload the page and try again.")


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="oras-console")


def _read_cookie():
    raw = request.cookies.get(current_app.config["CONSOLE_COOKIE_NAME"])
    if not raw:
        return {}
    try:
        return _serializer().loads(raw, max_age=24 * 3600)
    except BadSignature:
        return {}


def state():
    """The console cookie's contents (signed, not secret): the session id, or a sign-in in progress."""
    if "console_state" not in g:
        g.console_state = _read_cookie()
    return g.console_state


def save_state(values):
    g.console_state = dict(values)
    g.console_state_changed = True


def form_token():
    """The CSRF token of this console page: the session's own, or a pre-sign-in one kept in the cookie."""
    if g.get("officer"):
        return g.officer["csrf"]
    current = state()
    if not current.get("pre"):
        save_state(dict(current, pre=secrets.token_urlsafe(24)))
    return state()["pre"]


@bp.before_request
def console_gate():
    if not policy.from_allowed_network(request.remote_addr, current_app.config["CONSOLE_NETWORKS"]):
        abort(404)  # outside the operator's networks the console does not exist
    g.officer = None
    secret = state().get("sid")
    if secret:
        db = get_db()
        row = officers.live_session(db, secret, int(current_app.config["CONSOLE_IDLE_SECONDS"]))
        if row is None:
            save_state({})
            g.console_session_ended = True
        else:
            g.officer = row
            g.console_secret = secret
            if time.time() - row["last_seen"] > min(TOUCH_EVERY, current_app.config["CONSOLE_IDLE_SECONDS"] / 10):
                officers.touch_session(db, secret)
    if request.method == "POST":
        sent = request.form.get("csrf") or request.headers.get("X-Console-CSRF") or ""
        if not hmac.compare_digest(sent.encode(), form_token().encode()):
            abort(400, description=str(BAD_FORM))


@bp.after_request
def console_headers(response):
    response.headers["Cache-Control"] = "no-store"  # case data never stays in a shared cache
    if g.get("console_state_changed"):
        config = current_app.config
        name = config["CONSOLE_COOKIE_NAME"]
        if g.console_state:
            response.set_cookie(name, _serializer().dumps(g.console_state), path="/console", httponly=True,
                                secure=config["SESSION_COOKIE_SECURE"], samesite="Strict")
        else:
            response.delete_cookie(name, path="/console")
    return response


@bp.app_context_processor
def console_context():
    if not request.path.startswith("/console"):
        return {}
    return {"console_token": form_token, "officer": g.get("officer"), "policy": policy,
            "console_languages": CONSOLE_LANGUAGES,
            "office_name": lambda code: office(code).name,
            "state_label": state_name,
            "audit_label": audit_actions.label,
            "procedure_names": lambda numbers: as_list(gettext(procedure(int(n)).name) for n in
                                                       (str(numbers).split(",") if isinstance(numbers, str) else numbers)
                                                       if str(n))}


def officer_required(view):
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        if g.get("officer") is None:
            return redirect(url_for("console.signin", ended=1 if g.get("console_session_ended") else None))
        return view(*args, **kwargs)
    return guarded


def record(db, action, application_id=None, detail=None, officer=None):
    """An audit row for this request's officer and address, inside the caller's transaction."""
    return audit.append(db, action, officer=officer or g.get("officer"), application_id=application_id,
                        detail=detail, address=request.remote_addr)


def init_app(app):
    from blueprints.console import cases, queue, reports, signin, staff  # noqa: F401  (routes)
    app.register_blueprint(bp)
