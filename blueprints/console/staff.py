"""The bureau administrator's page: the officers of their bureau, adding one (enrolment email) and disabling one."""
from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from blueprints.console import bp, officer_required
from console import officers
from console.cli import add_officer, disable_officer
from i18n import say
from rules import console_policy as policy
from rules.errors import RuleError
from store.flask_db import get_db

ADDED = _l("The officer was added; the enrolment email is on its way.")
DISABLED = _l("The officer was disabled; their sessions have ended.")
BAD_EMAIL = _l("Enter the officer's email address, e.g. name@bureau.example.jp.")
OTHER_OFFICE = _l("Choose an office of your bureau.")


def _admin():
    if not policy.may(g.officer["role"], "manage_officers"):
        abort(404)
    return policy.offices_seen_by(g.officer["office"])


def _page(error=None, status=200, done=None):
    offices = _admin()
    rows = [o for o in officers.listing(get_db()) if o["office"] in offices]
    return render_template("console/officers.html", rows=rows, offices=offices, error=error, done=done,
                           roles=policy.ROLES, form=request.form), status


@bp.get("/officers")
@officer_required
def staff():
    return _page(done={"added": ADDED, "disabled": DISABLED}.get(request.args.get("done")))[0]


@bp.post("/officers")
@officer_required
def staff_add():
    offices = _admin()
    office = request.form.get("office")
    if office not in offices:
        return _page(str(OTHER_OFFICE), 400)
    try:
        add_officer(get_db(), request.form.get("email", "").strip()[:254], request.form.get("name", "").strip()[:100]
                    or "-", office, request.form.get("role", ""), by=g.officer, address=request.remote_addr)
    except RuleError as refusal:
        return _page(say(refusal), 400)
    except ValueError:
        return _page(str(BAD_EMAIL), 400)
    return redirect(url_for(".staff", done="added"), code=303)


@bp.post("/officers/<int:officer_id>/disable")
@officer_required
def staff_disable(officer_id):
    offices = _admin()
    target = officers.by_id(get_db(), officer_id)
    if target is None or target["office"] not in offices or target["id"] == g.officer["id"]:
        abort(404)
    disable_officer(get_db(), target, by=g.officer, address=request.remote_addr)
    return redirect(url_for(".staff", done="disabled"), code=303)
