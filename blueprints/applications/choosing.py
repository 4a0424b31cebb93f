"""Choosing what to apply for: the procedures, the status and (for an extension) the period, checked by
applications.choosing before a draft is created with its first answers."""
from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext as _l

from applications import choosing, parties, records
from blueprints.applications import bp
from blueprints.auth.session import login_required
from i18n import say
from page_cache import applicant_page
from rules.clock import today_in_japan
from rules.forms.page1 import CURRENT_STATUS
from rules.numbers import whole_number_or_none
from rules.procedures import addon_procedures, main_procedures
from rules.statuses import eligible_statuses
from store import transaction
from store.flask_db import get_db
from templating import LazyList


@bp.get("/new")
@login_required
@applicant_page
def new():
    return _new_page(request.form, None)


@bp.get("/new/status")
@login_required
def choice_status():
    """The status question and the period fields as the procedure now chosen means them (htmx swaps them in)."""
    return render_template("applications/_choice_status.html", **_status_fields(request.args)), {"Vary": "HX-Request"}


@bp.post("/new")
@login_required
def create():
    form = request.form
    main = _number(form.get("main"))
    addons = [n for n in (_number(v) for v in form.getlist("addons")) if n is not None]
    status = form.get("status", "")
    filed_by = form.get("filed_by", _default_filer())
    try:
        numbers = choosing.check_choice(
            main, addons, status, today_in_japan(), reentry_kind=form.get("reentry_kind") or None,
            expires_on=form.get("expiry_date"), period_code=form.get("current_period"),
            filed_by=filed_by, pending=records.pending_for_account(get_db(), g.account["id"]),
            account_kind=g.account.get("kind"))
    except choosing.ChoiceError as refusal:
        return _new_page(form, refusal, 400)
    data = choosing.initial_answers(numbers, status, {**form.to_dict(), "filed_by": filed_by}, g.account)
    with transaction(get_db()) as db:
        row = records.create_draft(db, g.account["id"], numbers, status_code=status, data=data,
                                   parties=parties.of(db, g.account["id"], numbers, data))
        records.record_event(db, row["id"], None, records.DRAFT, "applicant")
    return redirect(url_for(".overview", public_id=row["public_id"]), code=303)


def _default_filer():
    """The first answer this account may give to who fills in the application (oneself, if one may)."""
    return choosing.filer_choices(g.account.get("kind"))[0]


def _number(value):
    return whole_number_or_none(value, maximum=99)


# The status question as each kind of procedure means it (a new user once gave the status wanted on an acquisition
# where the present one was read, and the other way round).
HELD_STATUS = (_l("Your present status of residence"),
               _l("The status of residence you hold now, as on your residence card."))
WANTED_STATUS = (_l("Status of residence you apply for"),
                 _l("The status of residence the application is for: the person holds none yet."))
ANY_STATUS = (_l("Status of residence"),
              _l("For a change of status, an extension or a certificate of authorized employment: your present status. "
                 "For a Certificate of Eligibility or an acquisition of status: the status applied for."))
NOT_OFFERED = _l("Diplomat, Temporary Visitor and Designated Activities (preparation for departure) cannot be "
                 "applied for online.")


def _status_fields(form, refusal=None):
    """What the status question and the period fields are for the procedure chosen so far (none yet: all of them)."""
    main = _number(form.get("main"))
    chosen = next((p for p in main_procedures() if p.number == main), None)
    label, hint = ANY_STATUS if chosen is None else HELD_STATUS if chosen.holds_status else WANTED_STATUS
    return dict(
        form=form, refusal=refusal, refusal_text=say(refusal) if refusal else None, chosen=chosen,
        status_question={"label": label, "hint": f"{hint} {NOT_OFFERED}"},
        # The present period and its end matter to a change and an extension (the window, the last day) only.
        asks_stay=chosen is None or chosen.stay_while_pending,
        # read only where the form is rendered afresh: asked for without answers, it is kept rendered per language
        statuses=LazyList(lambda: [(s.code, gettext(s.name)) for s in eligible_statuses()]),
        periods=LazyList(lambda: [(c.code, gettext(c.label)) for c in CURRENT_STATUS[1].choices]))


def _new_page(form, refusal, status=200):
    return render_template(
        "applications/new.html", filers=LazyList(lambda: [(c.code, gettext(c.label)) for c in choosing.FILERS
                                                  if c.code in choosing.filer_choices(g.account.get("kind"))]),
        pending_href=url_for("status.show", public_id=refusal.pending["public_id"]) if refusal and refusal.pending else None,
        mains=main_procedures(), addons=addon_procedures(), **_status_fields(form, refusal)), status
