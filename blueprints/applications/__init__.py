"""Journey 5, the application form: one blueprint whose views live by concern: `listing` (the applicant's
applications), `choosing` (what to apply for), `form_pages` (the task list, the pages, their saves and the
field checks) and `attachments`. Review, signing and status live elsewhere."""
from flask import Blueprint, abort, g

from applications import records
from store.flask_db import get_db

bp = Blueprint("applications", __name__, url_prefix="/applications")


def own_application(public_id):
    """The logged-in applicant's application, or 404: another applicant's application does not exist for them."""
    row = records.get_for_account(get_db(), public_id, g.account["id"])
    if row is None:
        abort(404)
    return row


def own_draft(public_id):
    """The applicant's application while it is a draft; 409 once submitted."""
    row = own_application(public_id)
    if row["state"] != records.DRAFT:
        abort(409)
    return row


# The views register themselves on `bp` (endpoint names are their function names).
from blueprints.applications import attachments, choosing, form_pages, listing  # noqa: E402,F401
