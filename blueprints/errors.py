"""Translated error pages: every HTTP error renders the same template with its own words."""
import logging
import sqlite3

from flask import Response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from store.flask_db import note_fault, saved_this_request
from store.unavailable import unavailable_state

log = logging.getLogger("oras.errors")

# What each status means to the user and what to do next.
MESSAGES = {
    400: (_l("The request could not be read"),
          _l("Something in the request was not valid. Go back, check what you entered and try again.")),
    403: (_l("You cannot open this page"),
          _l("You do not have permission to open this page. Go back to the top page and start again.")),
    404: (_l("Page not found"),
          _l("There is no page at this address. Check the address, or go to the top page.")),
    405: (_l("This action is not possible here"),
          _l("This page cannot be used that way. Go back to the top page and start again.")),
    413: (_l("The upload is too large"),
          _l("What you sent is larger than the system accepts. Make the file smaller and try again.")),
    429: (_l("Too many attempts"),
          _l("There were too many attempts in a short time. Wait a few minutes and try again.")),
    500: (_l("Something went wrong on our side"),
          _l("The system could not finish your request. Nothing you sent was saved half-way. "
             "Try again in a few minutes; if it happens again, contact the regional bureau.")),
}
# A 500 or 503 after a transaction of the request committed: say only what is known (issue 9, defect 7).
MAYBE_SAVED = (_l("Something went wrong on our side"),
               _l("The system could not finish your request, but part of what you sent may already have been "
                  "saved. Check your page (for an application, its status on My page) before sending it again; "
                  "if in doubt, contact the regional bureau."))
DATABASE_BUSY = (_l("The system is busy"),
                 _l("The system could not store your request just now. Nothing you sent was saved. Wait a minute "
                    "and try again."))
DATABASE_RETRY_AFTER = 60  # seconds, in the 503's Retry-After
CSRF_MESSAGE = (_l("This form has expired"),
                _l("For your security the form was no longer valid. Go back, reload the page and "
                   "send it again."))


def render_error(code, title, message):
    try:
        return render_template("errors/error.html", code=code, title=title, message=message), code
    except Exception:  # noqa: BLE001 - the error page itself must never fail (e.g. no links for a bad Host)
        log.warning("error page %s rendered as plain text", code, exc_info=True)
        return plain_error(code, title, message)


def plain_error(code, title, message):
    """The error's words as plain text, for when the page cannot be rendered."""
    try:
        text = f"{title}\n\n{message}\n"
    except Exception:  # noqa: BLE001 - a translation lookup outside a usable request
        text = f"Error {code}\n"
    return Response(text, code, mimetype="text/plain")


def wants_json():
    """The page's own scripts fetch with `Accept: application/json` only: they show the error's words in place."""
    try:
        return request.accept_mimetypes.best == "application/json"
    except Exception:  # noqa: BLE001 - outside a request, or an unreadable header: a page
        return False


def json_error(code, message):
    """The error as the scripts read a refusal: {"error": {"code", "message"}}, the message (what to do next) in
    the user's language."""
    return {"error": {"code": f"http_{code}", "message": str(message)}}, code


def handle_http_error(error):
    code = error.code or 500
    inside_console = _console_error(code)
    if inside_console is not None:
        return inside_console
    title, message = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    if code >= 500 and _saved():
        title, message = MAYBE_SAVED
    if wants_json():
        return json_error(code, message)
    return render_error(code, title, message)


def _console_error(code):
    """A 4xx inside the console (its networks passed) in the console's frame, with a way back to the queue."""
    from blueprints.console import console_error  # the console registers after this module
    try:
        return console_error(code)
    except Exception:  # noqa: BLE001 - the console's page failing falls back to the site's own
        log.warning("console error page %s failed", code, exc_info=True)
        return None


def _saved():
    try:
        return saved_this_request()
    except Exception:  # noqa: BLE001 - unknown counts as "maybe saved": never claim nothing was
        return True


def handle_database_error(error):
    """A database that is locked past the busy timeout, read-only or missing: 503 with Retry-After, not 500."""
    state = unavailable_state(error)
    if state is None:
        return handle_unexpected(error)
    log.warning("database %s on %s %s: %s", state, request.method, request.path, error)
    title, message = MAYBE_SAVED if _saved() else DATABASE_BUSY
    note_fault()
    response = render_error(503, title, message)
    if isinstance(response, Response):
        response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    body, code = response
    return body, code, {"Retry-After": str(DATABASE_RETRY_AFTER)}


def handle_csrf_error(_error):
    return render_error(400, *CSRF_MESSAGE)


def handle_unexpected(error):
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    try:
        log.exception("unhandled error on %s %s", request.method, request.path)
    except Exception:  # noqa: BLE001 - logging must not turn into a second error
        log.exception("unhandled error")
    return handle_http_error(InternalServerError())


def init_app(app):
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(sqlite3.OperationalError, handle_database_error)
    app.register_error_handler(Exception, handle_unexpected)
