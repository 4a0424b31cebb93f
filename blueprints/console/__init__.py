"""Journey 7, the bureau console (/console): its own network gate, session cookie, idle limit and CSRF.

An applicant's session never opens a console page (the console reads only its own cookie, path /console)
and an officer's never opens an applicant's (the browser sends that cookie to /console only)."""
import functools
import hmac
import logging
import secrets
import time

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer

from console import audit, audit_actions, checkpoints, officers
from console.cli import checkpoint_if_due
from i18n import state_name
from rules import casework
from rules import console_policy as policy
from rules.bureaus import office
from rules.procedures import procedure
from security import csrf
from store.flask_db import get_db
from templating import as_list

log = logging.getLogger("oras.console")
bp = Blueprint("console", __name__, url_prefix="/console")
csrf.exempt(bp)  # the console checks its own token, kept in its own session, not the applicants'

CONSOLE_LANGUAGES = {"ja": "日本語", "en": "English"}  # officers work in Japanese; English through the catalogs
TOUCH_EVERY = 30  # seconds between writes of last_seen
SESSION_ENDED = _l("Your console session ended after 15 minutes without activity, or was ended. Sign in again.")
BAD_FORM = _l("This form has expired. Reload the page and try again.")
BAD_FORM_TITLE = _l("This form has expired")
# The console's own words for errors inside it: each says how to go on from the console, not the applicants' site.
ERROR_PAGES = {
    400: (_l("The request could not be read"), _l("Something in the request was not valid. Go back to the queue, "
                                                  "open the case again and try once more.")),
    403: (_l("You cannot open this page"), _l("Your role does not allow this page. Go back to the queue, or ask "
                                              "your bureau administrator.")),
    404: (_l("Page not found"), _l("There is no page at this address in the console. Go back to the queue and "
                                   "open the case from there.")),
    405: (_l("This action is not possible here"), _l("This page cannot be used that way. Go back to the queue and "
                                                     "start the action from the case page.")),
}


# The console's single-key shortcuts (static/console/keyboard.js, docs/console.md): the help overlay lists these.
SHORTCUTS = (
    ("?", _l("Show these shortcuts")),
    ("q", _l("Go to the queue")),
    ("/", _l("Search the queue")),
    ("j", _l("Next case in the list")),
    ("k", _l("Previous case in the list")),
    ("x", _l("Tick or untick the case in focus")),
    ("n", _l("Claim the next case and open it")),
    ("]", _l("Next page of the queue")),
    ("[", _l("Previous page of the queue")),
    ("a", _l("Case: go to the actions")),
    ("t", _l("Case: go to the timeline")),
    ("p", _l("Case: open the proposal form")),
)


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


def under_console(path):
    return path == bp.url_prefix or path.startswith(bp.url_prefix + "/")


@bp.before_app_request
def console_gate():
    """By path, before routing answers: outside the operator's networks every /console address is the site's plain
    404 (never a redirect to /console/ nor a 405 that shows a route exists). Inside, the officer's session is read
    for every console address (its error pages too, in the console's frame) and a POST needs the console's token."""
    if not under_console(request.path):
        return None
    if not policy.from_allowed_network(request.remote_addr, current_app.config["CONSOLE_NETWORKS"]):
        abort(404)  # outside the operator's networks the console does not exist
    g.console_frame = True
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
    if request.method == "POST" and request.url_rule is not None:
        sent = request.form.get("csrf") or request.headers.get("X-Console-CSRF") or ""
        if not hmac.compare_digest(sent.encode(), form_token().encode()):
            return error_page(400, BAD_FORM_TITLE, BAD_FORM)
    return None


@bp.after_app_request
def console_headers(response):
    if not g.get("console_frame"):
        return response
    response.headers["Cache-Control"] = "no-store"  # case data never stays in a shared cache
    _sign_checkpoint()
    if g.get("console_state_changed"):
        config = current_app.config
        name = config["CONSOLE_COOKIE_NAME"]
        if g.console_state:
            response.set_cookie(name, _serializer().dumps(g.console_state), path="/console", httponly=True,
                                secure=config["SESSION_COOKIE_SECURE"], samesite="Strict")
        else:  # deleted with the attributes it was set with
            response.delete_cookie(name, path="/console", httponly=True, secure=config["SESSION_COOKIE_SECURE"],
                                   samesite="Strict")
    return response


def _sign_checkpoint():
    """The audit rows this request committed, covered by a signed checkpoint once the interval is reached; a
    failure to write one is logged, never the officer's problem (audit verify reports the gap)."""
    try:
        checkpoint_if_due(current_app, get_db())
    except (checkpoints.CheckpointError, OSError):
        log.exception("audit checkpoint not written")


@bp.app_context_processor
def console_context():
    if not request.path.startswith("/console"):
        return {}
    return {"console_token": form_token, "officer": g.get("officer"), "policy": policy,
            "console_languages": CONSOLE_LANGUAGES, "shortcuts": SHORTCUTS,
            "office_name": lambda code: office(code).name,
            "state_label": state_name,
            "audit_label": audit_actions.label,
            "shown_tracking_number": casework.shown_tracking_number,
            "procedure_names": lambda numbers: as_list(gettext(procedure(int(n)).name) for n in
                                                       (str(numbers).split(",") if isinstance(numbers, str) else numbers)
                                                       if str(n))}


def error_page(code, title, message):
    """An error inside the console, in the console's frame with a way back to the queue."""
    return render_template("console/error.html", code=code, title=title, message=message), code


def console_error(code):
    """The console's error page for `code`, or None outside the console (the site's own pages answer)."""
    if not g.get("console_frame") or code not in ERROR_PAGES:
        return None
    return error_page(code, *ERROR_PAGES[code])


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
    from blueprints.console import agents, cases, queue, reports, signin, staff  # noqa: F401  (routes)
    app.register_blueprint(bp)
