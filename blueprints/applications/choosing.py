"""Choosing what to apply for: the procedures, the status and (for an extension) the period, checked by
applications.choosing before a draft is created with its first answers."""
from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext

from applications import choosing, records
from blueprints.applications import bp
from blueprints.auth.session import login_required
from i18n import say
from rules.clock import today_in_japan
from rules.forms.page1 import CURRENT_STATUS
from rules.numbers import whole_number_or_none
from rules.procedures import addon_procedures, main_procedures
from rules.statuses import STATUSES
from store import transaction
from store.flask_db import get_db


@bp.get("/new")
@login_required
def new():
    return _new_page(request.form, None)


@bp.post("/new")
@login_required
def create():
    form = request.form
    main = _number(form.get("main"))
    addons = [n for n in (_number(v) for v in form.getlist("addons")) if n is not None]
    status = form.get("status", "")
    try:
        numbers = choosing.check_choice(
            main, addons, status, today_in_japan(), reentry_kind=form.get("reentry_kind") or None,
            expires_on=form.get("expiry_date"), period_code=form.get("current_period"),
            filed_by=form.get("filed_by", choosing.FOR_SELF), pending=records.pending_for_account(get_db(), g.account["id"]))
    except choosing.ChoiceError as refusal:
        return _new_page(form, refusal, 400)
    data = choosing.initial_answers(numbers, status, form, g.account)
    with transaction(get_db()) as db:
        row = records.create_draft(db, g.account["id"], numbers, status_code=status, data=data)
        records.record_event(db, row["id"], None, records.DRAFT, "applicant")
    return redirect(url_for(".overview", public_id=row["public_id"]), code=303)


def _number(value):
    return whole_number_or_none(value, maximum=99)


def _new_page(form, refusal, status=200):
    return render_template(
        "applications/new.html", form=form, refusal=refusal, refusal_text=say(refusal) if refusal else None,
        filers=[(c.code, gettext(c.label)) for c in choosing.FILERS],
        pending_href=url_for("status.show", public_id=refusal.pending["public_id"]) if refusal and refusal.pending else None,
        mains=main_procedures(), addons=addon_procedures(),
        statuses=[(s.code, gettext(s.name)) for s in STATUSES],
        periods=[(c.code, gettext(c.label)) for c in CURRENT_STATUS[1].choices]), status
