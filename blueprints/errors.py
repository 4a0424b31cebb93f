"""Translated error pages: every HTTP error renders the same template with its own words."""
import logging

from flask import Response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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


def handle_http_error(error):
    code = error.code or 500
    title, message = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    return render_error(code, title, message)


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
    app.register_error_handler(Exception, handle_unexpected)
