"""Demo mailbox: the outbox as a local mailbox so a newcomer can click the links. Exists only when DEMO_MAILBOX is on."""
from flask import Blueprint, abort, current_app, make_response, render_template, request
from flask_babel import lazy_gettext as _l

from mail import outbox
from mail.html import linkify
from rules.numbers import whole_number_or_none
from store.flask_db import get_db

bp = Blueprint("mailbox", __name__, url_prefix="/demo/mailbox")
PAGE_SIZE = 50
STATUS_NAMES = {"pending": _l("Waiting to be sent"), "sending": _l("Being sent"), "sent": _l("Sent"),
                "failed": _l("Could not be sent")}
# Without a mail worker (bin/demo) nothing is sent: the mailbox is where the emails arrive.
ONLY_HERE = _l("Delivered to this mailbox (the demo sends no email)")


def init_app(app):
    # Not registered at all outside demo mode, so its addresses are plain 404s there.
    if app.config.get("DEMO_MAILBOX"):
        app.register_blueprint(bp)


@bp.context_processor
def mailbox_context():
    only_here = current_app.config.get("DEMO_MAILBOX_ONLY")
    return {"status_names": {**STATUS_NAMES, "pending": ONLY_HERE} if only_here else STATUS_NAMES}


@bp.get("/")
def index():
    before = whole_number_or_none(request.args.get("before", ""))  # a cursor SQLite can hold, else the first page
    messages = outbox.recent(get_db(), before=before, limit=PAGE_SIZE + 1)
    older = messages[PAGE_SIZE - 1]["id"] if len(messages) > PAGE_SIZE else None
    return render_template("mailbox/index.html", messages=messages[:PAGE_SIZE], older=older)


@bp.get("/<int:message_id>")
def message(message_id):
    row = outbox.get(get_db(), message_id) or abort(404)
    return render_template("mailbox/message.html", message=row, body=linkify(row["text_body"]))


@bp.get("/<int:message_id>/html")
def message_html(message_id):
    row = outbox.get(get_db(), message_id) or abort(404)
    if not row["html_body"]:
        abort(404)
    response = make_response(row["html_body"])
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    # The email's own HTML runs in a sandbox: no script, no form, nothing loaded from elsewhere.
    response.headers["Content-Security-Policy"] = "sandbox allow-popups allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'"
    return response
