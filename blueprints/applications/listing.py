"""The applicant's list of applications, newest first, a page at a time; a draft deleted from it."""
import math

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from applications import lifecycle, records
from blueprints.applications import bp, own_draft
from blueprints.applications.views import procedure_names
from blueprints.submission.display import filer_name
from store.blobs import blob_dir
from blueprints.auth.session import login_required
from i18n import gettext, state_name
from page_cache import applicant_page
from rules import account_kinds, filers
from rules.clock import japan_time
from rules.numbers import NumberRefused, whole_number
from store.flask_db import get_db

LIST_PAGE_SIZE = 20


@bp.get("")
@login_required
@applicant_page
def index():
    after = _cursor(request.args.get("after", ""))
    rows = records.list_for_account(get_db(), g.account["id"], LIST_PAGE_SIZE + 1, after)
    more = len(rows) > LIST_PAGE_SIZE
    rows = rows[:LIST_PAGE_SIZE]
    next_after = "{}:{}".format(*records.page_cursor(rows[-1])) if more else None
    for_others = g.account.get("kind") == account_kinds.AGENT or any(
        r["filer_kind"] != filers.SELF and not r["filed_for_you"] for r in rows)
    for row in rows:  # an application someone else filed for the holder: who filed it (the holder reads it only)
        row["filed_by"] = filer_name({"name": row["filer_name"], "staff_name": row["staff_name"],
                                      "organisation_name": row["organisation_name"]}) if row["filed_for_you"] else None
    return render_template("applications/index.html", rows=rows, next_after=next_after, for_others=for_others,
                           filed_for_you=any(row["filed_for_you"] for row in rows), names=procedure_names,
                           updated=japan_time, state_label=state_name)


DRAFT_DELETED = _l("The draft and its files have been deleted.")


@bp.get("/<public_id>/delete")
@login_required
def confirm_delete(public_id):
    row = own_draft(public_id)
    count, _ = records.attachment_totals(get_db(), row["id"])
    return render_template(
        "applications/confirm.html", heading=gettext("Delete this draft?"), names=procedure_names(row["procedures"]),
        warning=gettext("This cannot be undone"),
        text=gettext("Your answers and the %(count)d files attached to this draft are deleted. Your other "
                     "applications stay as they are.", count=count),
        action=url_for(".delete_draft", public_id=public_id), button=gettext("Delete the draft"),
        back_href=url_for(".overview", public_id=public_id), back_text=gettext("Keep the draft"))


@bp.post("/<public_id>/delete")
@login_required
def delete_draft(public_id):
    own_draft(public_id)
    lifecycle.delete_draft(get_db(), blob_dir(), public_id, g.account["id"])
    flash(str(DRAFT_DELETED), "success")
    return redirect(url_for(".index"), code=303)


def _cursor(text):
    stamp, _, last_id = text.partition(":")
    try:
        return (_stamp(stamp), whole_number(last_id)) if text else None
    except ValueError:  # NumberRefused included
        abort(400)


def _stamp(text):
    stamp = float(text)
    if not math.isfinite(stamp) or not 0 <= stamp < 1e11:  # seconds since 1970, as records store them
        raise NumberRefused("not a time stamp")
    return stamp


@bp.get("/clients")
@login_required
def clients():
    """The people this account files for (a lawyer's or gyoseishoshi's clients, a parent's children), each with
    their latest application, a page at a time."""
    after = request.args.get("after", "")
    if len(after) > CLIENT_KEY_LIMIT:
        abort(400)
    rows = records.clients_of(get_db(), g.account["id"], records.CLIENT_PAGE_SIZE + 1, after)
    more = len(rows) > records.CLIENT_PAGE_SIZE
    rows = rows[:records.CLIENT_PAGE_SIZE]
    return render_template("applications/clients.html", rows=rows,
                           next_after=rows[-1]["applicant_key"] if more else None, updated=japan_time)


@bp.get("/clients/<public_id>")
@login_required
def client(public_id):
    """One client's applications and their states, by one of them; another filer's is a 404."""
    found = records.client_applications(get_db(), g.account["id"], public_id)
    if found is None:
        abort(404)
    person, rows = found
    return render_template("applications/client.html", person=person, rows=rows, names=procedure_names,
                           updated=japan_time, state_label=state_name)


# A client's key is a name and a date of birth (rules.pending_applications.person): longer is no key of ours.
CLIENT_KEY_LIMIT = 200
