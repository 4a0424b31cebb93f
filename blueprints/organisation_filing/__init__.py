"""An organisation's staff file for its people: the organisation's home (its people, their applications and states,
whose period of stay ends soon), a person recorded, an application started for them, and the review page's
passkey signature received. The form pages, attachments, review and status are the applicants' own pages, which
read the draft through the organisation (blueprints.owner)."""
import datetime

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_babel import format_date, gettext, lazy_gettext as _l, ngettext

from accounts import nationalities
from applications.choosing import ChoiceError
from blueprints.applications.views import procedure_names
from blueprints.form_questions import field_question
from blueprints.owner import staff_relying_party
from blueprints.submission import receive_signed
from i18n import current_language, say, state_name, translations
from organisations import filing, people
from organisations.session import may_file, staff_required
from rules import application_states as states
from rules.clock import japan_time, today_in_japan
from rules.forms.organisation_parts import person_section
from rules.forms.page1 import CURRENT_STATUS
from rules.numbers import whole_number_or_none
from rules.people import ending_window
from rules.procedures import BY_NUMBER, CERTIFICATE_OF_ELIGIBILITY, CHANGE, EXTENSION, EXTRA_ACTIVITY, REENTRY
from rules.statuses import eligible_statuses
from store.flask_db import get_db

bp = Blueprint("organisation_filing", __name__, url_prefix="/organisations")

# What staff file (the "Filing"): a Certificate of Eligibility for a person abroad; a change or an
# extension for a person in Japan, with a re-entry permit and permission for extra activity beside them.
MAINS_ABROAD = (CERTIFICATE_OF_ELIGIBILITY,)
MAINS_IN_JAPAN = (CHANGE, EXTENSION)
ADDONS = (REENTRY, EXTRA_ACTIVITY)

PASSKEY_MESSAGES = {
    "passkey_challenge": _l("The signature does not match the application as it is saved now: it may have changed "
                            "after this page was opened. Check the answers and sign again."),
    "passkey_not_registered": _l("This passkey or security key is not registered to you. Sign with your own key."),
    "passkey_user_not_verified": _l("The key did not confirm it is you (its PIN or fingerprint). Sign again and "
                                    "unlock the key when it asks."),
}
PASSKEY_FAILED = _l("The security key's signature could not be verified, so nothing was submitted. Sign again; if "
                    "it fails again, ask your organisation's administrator to check your key.")


# --- the organisation's home ----------------------------------------------------------------------

@bp.get("/people")
@staff_required
def home():
    db = get_db()
    organisation = g.organisation
    today = today_in_japan()
    first, last = ending_window(today)
    ending_count, ending = people.ending_between(db, organisation["id"], first.isoformat(), last.isoformat())
    return render_template(
        "organisation_filing/home.html", organisation=organisation,
        cannot_file=None if g.standing.may_file else say(g.standing.refusal),
        people=[_person_row(p, today) for p in people.people_of(db, organisation["id"])],
        ending=[_person_row(p, today) for p in ending],
        ending_summary=ngettext("%(num)d of your people's period of stay ends by %(date)s.",
                                "%(num)d of your people's periods of stay end by %(date)s.",
                                ending_count, date=format_date(last, "long")) if ending_count else None,
        applications=_application_rows(people.applications_of(db, organisation["id"])))


def _person_row(person, today):
    expires = datetime.date.fromisoformat(person["stay_expires"]) if person["stay_expires"] else None
    return dict(person, nationality_name=nationalities.name(person["nationality"], current_language())
                or person["nationality"], expires=format_date(expires, "long") if expires else None,
                days_left_text=ngettext("%(num)d day left", "%(num)d days left", (expires - today).days)
                if expires else None)


def _application_rows(rows):
    return [dict(row, names=procedure_names(row["procedures"]), state_label=state_name(row["state"]),
                 updated=japan_time(row["updated_at"]),
                 href=url_for("applications.overview" if row["state"] == states.INITIAL else "status.show",
                              public_id=row["public_id"])) for row in rows]


# --- the organisation's people --------------------------------------------------------------------

@bp.get("/people/new")
@may_file
def new_person():
    return _person_form(request.args.get("abroad") == "1", {}, {})


@bp.post("/people/new")
@may_file
def add_person():
    abroad = request.form.get("abroad") == "1"
    person, errors = filing.add_person(get_db(), g.organisation, g.staff, request.form, abroad, today_in_japan())
    if errors:
        return _person_form(abroad, request.form, {name: say(error) for name, error in errors.items()}, 400)
    return redirect(url_for(".person", person_id=person["public_id"]), code=303)


def _person_form(abroad, values, errors, status=200):
    section = person_section(abroad)
    catalog = translations()
    questions = [dict(field_question(section, f, f.name, values.get(f.name, ""), errors.get(f.name), values, None,
                                     catalog), shown=True) for f in section.fields]
    return render_template("organisation_filing/new_person.html", abroad=abroad, questions=questions,
                           title=gettext(section.title), summary=list(errors.items())), status


def _person(person_id):
    found = people.person_of(get_db(), g.organisation["id"], person_id)
    if found is None:
        abort(404)
    return found


@bp.get("/people/<person_id>")
@staff_required
def person(person_id):
    return _person_page(_person(person_id), request.args, None)


@bp.post("/people/<person_id>/applications")
@may_file
def start(person_id):
    found = _person(person_id)
    form = request.form
    choice = {"main": _number(form.get("main")),
              "addons": [n for n in (_number(v) for v in form.getlist("addons")) if n is not None],
              "status": form.get("status", ""), "reentry_kind": form.get("reentry_kind") or None,
              "expiry_date": form.get("expiry_date", ""), "current_period": form.get("current_period", "")}
    try:
        row = filing.start_application(get_db(), g.organisation, g.staff, found, choice, today_in_japan())
    except ChoiceError as refusal:
        return _person_page(found, form, refusal, 400)
    return redirect(url_for("applications.overview", public_id=row["public_id"]), code=303)


def _number(value):
    return whole_number_or_none(value, maximum=99)


def _person_page(found, form, refusal, status=200):
    today = today_in_japan()
    mains = MAINS_ABROAD if found["abroad"] else MAINS_IN_JAPAN
    return render_template(
        "organisation_filing/person.html", person=_person_row(found, today), form=form,
        refusal=refusal, refusal_text=say(refusal) if refusal else None,
        mains=[BY_NUMBER[n] for n in mains], addons=[] if found["abroad"] else [BY_NUMBER[n] for n in ADDONS],
        statuses=[(s.code, gettext(s.name)) for s in eligible_statuses()], may_file=g.standing.may_file,
        periods=[(c.code, gettext(c.label)) for c in CURRENT_STATUS[1].choices],
        applications=_application_rows(people.applications_for(get_db(), found["id"]))), status


# --- signing with the passkey ---------------------------------------------------------------------

@bp.post("/applications/<public_id>/submit")
@may_file
def submit(public_id):
    assertion = request.form.get("credential", "")
    return receive_signed(
        public_id, lambda db, application, key: filing.submit(db, application, g.staff, assertion, key,
                                                             *staff_relying_party()),
        lambda error: PASSKEY_MESSAGES.get(error.code, PASSKEY_FAILED))
