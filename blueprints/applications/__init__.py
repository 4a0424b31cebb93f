"""Journey 5, the application form: one blueprint whose views live by concern: `listing` (the applicant's
applications), `choosing` (what to apply for), `form_pages` (the task list, the pages, their saves and the
field checks) and `attachments`. Review, signing and status live elsewhere."""
from flask import Blueprint, abort, current_app, flash, g, make_response, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l

from applications import records
from blueprints.owner import is_staff, owner
from store.flask_db import get_db

bp = Blueprint("applications", __name__, url_prefix="/applications")


def own_application(public_id):
    """The logged-in applicant's application (or the signed-in staff member's organisation's), or 404: another
    applicant's or organisation's application does not exist for them."""
    row = records.get_owned(get_db(), public_id, owner())
    if row is None:
        abort(404)
    return row


def readable_application(public_id):
    """A submitted application the request may read, or 404 (drafts and others' do not exist here): the filer's
    own (an applicant's, or the staff member's organisation's), and for an applicant with an account of their own
    one someone else submitted for them (records.get_for_filer_or_applicant), which they read and only its filer
    acts on."""
    if is_staff():  # staff read their organisation's applications only
        row = own_application(public_id)
    else:
        row = records.get_for_filer_or_applicant(get_db(), public_id, g.account["id"])
    if row is None or row["state"] == records.DRAFT:
        abort(404)
    return row


def is_filer(application):
    """Whether the request files `application` (a staff member: their organisation's); else its applicant reads."""
    return is_staff() or application["account_id"] == g.account["id"]


ALREADY_SUBMITTED = _l("This application has already been submitted. Its status is shown below.")


def to_status_page(public_id):
    """The status page of a submitted application with a one-line notice (once, however many requests an old
    page makes)."""
    notice = str(ALREADY_SUBMITTED)
    if ("info", notice) not in session.get("_flashes", []):
        flash(notice, "info")
    return redirect(url_for("status.show", public_id=public_id), code=303)


def own_draft(public_id):
    """The applicant's application while it is a draft; once submitted (a page reached by Back, an old tab),
    its status page."""
    row = own_application(public_id)
    if row["state"] != records.DRAFT:
        response = to_status_page(public_id)
        if request.headers.get("HX-Request"):  # htmx would swap the status page into a field: the page goes
            response = make_response("", 204)
            response.headers["HX-Redirect"] = url_for("status.show", public_id=public_id)
        abort(response)
    return row


# The views register themselves on `bp` (endpoint names are their function names).
from blueprints.applications import attachments, choosing, form_pages, listing  # noqa: E402,F401
