"""The bureau administrator's page: the officers of their bureau; adding one (enrolment email), disabling and
re-enabling, changing a role, a new enrolment link, resetting a security key (rules.console_policy.staff_actions)."""
from flask import abort, g, make_response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from blueprints.console import bp, officer_required
from console import officers
from console.cli import add_officer, change_officer
from i18n import say
from rules import console_policy as policy
from rules.errors import RuleError
from store.flask_db import get_db

DONE = {
    "added": _l("The officer was added; the enrolment email is on its way."),
    "disable": _l("The officer was disabled; their sessions have ended."),
    "enable": _l("The officer was enabled again and can sign in."),
    "change_role": _l("The officer's role was changed; it applies from their next page."),
    "resend_enrolment": _l("A new enrolment email is on its way; the earlier link no longer works."),
    "reset_key": _l("The security key was reset and the officer's sessions ended; they enrol again with the link "
                    "sent by email."),
}
SLUGS = {"disable": "disable", "enable": "enable", "role": "change_role", "resend": "resend_enrolment",
         "reset-key": "reset_key"}  # the URL's word → rules.console_policy.STAFF_ACTIONS
BAD_EMAIL = _l("Enter the officer's email address, e.g. name@bureau.example.jp.")
OTHER_OFFICE = _l("Choose an office of your bureau.")


def _admin():
    if not policy.may(g.officer["role"], "manage_officers"):
        abort(404)
    return policy.offices_seen_by(g.officer["office"])


def _page(error=None, status=200, done=None, issued=None):
    """The officers' page; the add form keeps what was typed only when it was refused."""
    offices = _admin()
    rows = [o for o in officers.listing(get_db()) if o["office"] in offices]
    return render_template("console/officers.html", rows=rows, offices=offices, error=error, done=done,
                           roles=policy.ROLES, form={} if issued else request.form, issued=issued, enrolment_code_tries=officers.ENROLMENT_CODE_TRIES,
                           possible={o["id"]: policy.staff_actions(g.officer["id"], o) for o in rows},
                           slug_of={action: slug for slug, action in SLUGS.items()}), status


@bp.get("/officers")
@officer_required
def staff():
    return _page(done=DONE.get(request.args.get("done")))[0]


@bp.post("/officers")
@officer_required
def staff_add():
    offices = _admin()
    office = request.form.get("office")
    if office not in offices:
        return _page(str(OTHER_OFFICE), 400)
    try:
        added, _, code = add_officer(get_db(), request.form.get("email", "").strip()[:254],
                                     request.form.get("name", "").strip()[:100] or "-", office,
                                     request.form.get("role", ""), by=g.officer, address=request.remote_addr)
    except RuleError as refusal:
        return _page(say(refusal), 400)
    except ValueError:
        return _page(str(BAD_EMAIL), 400)
    return _shown_once(DONE["added"], added, code)


def _shown_once(done, target, code):
    """The page with the new enrolment code, answered to the POST itself (never in a URL, a cookie or a cache):
    the administrator reads it out or hands it over apart from the email; it is not shown again."""
    response = make_response(_page(done=done, issued={"name": target["name"], "email": target["email"],
                                                      "code": code})[0])
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/officers/<int:officer_id>/<slug>")
@officer_required
def staff_change(officer_id, slug):
    offices = _admin()
    target = officers.by_id(get_db(), officer_id)
    if target is None or target["office"] not in offices or slug not in SLUGS:
        abort(404)  # another bureau's officer does not exist here
    try:
        sent = change_officer(get_db(), target, SLUGS[slug], by=g.officer, role=request.form.get("role"),
                              address=request.remote_addr)
    except RuleError as refusal:
        return _page(say(refusal), {"yourself": 403, "staff_state": 409, "last_admin": 409}.get(refusal.code, 400))
    if sent:  # a new link and code: the code shown now, once
        return _shown_once(DONE[SLUGS[slug]], target, sent[1])
    return redirect(url_for(".staff", done=SLUGS[slug]), code=303)
