"""Staff of an approved organisation: enrolment (the mailed link: a password, then a passkey or security key),
sign-in (password, then the key), the organisation's home, its staff (the administrator adds and removes) and the
periodic report (定期報告). The key ceremonies are console.keys', with the site's origin as relying party."""
from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext, lazy_gettext as _l

from accounts import passwords
from accounts.records import LinkError
from blueprints.auth import _DUMMY_HASH
from blueprints.form_questions import field_question
from blueprints.organisations import bp
from blueprints.organisations.applying import EMAIL_TAKEN
from console import keys
from i18n import current_language, say
from organisations import records, steps
from organisations.session import admin_required, sign_in, sign_out, staff_required
from ratelimit import login_limits
from rules import organisations as rules
from rules.bureaus import office
from rules.forms import validate_section
from rules.forms.organisations import STAFF
from store import transaction
from store.flask_db import get_db

CEREMONY = "staff_ceremony"
LINK_PROBLEM = _l("This enrolment link cannot be used (unknown, already used or expired). Ask your organisation's "
                  "administrator to add you again, or the bureau if you are the administrator.")
NO_MATCH = _l("The email address or password is not right. Try again, or ask your organisation's administrator.")
KEY_FAILED = _l("Your passkey or security key was not accepted. Use the one you registered, unlock it (PIN or "
                "fingerprint) and try again from the start.")
SIGNIN_EXPIRED = _l("The sign-in took too long. Enter your email address and password again.")
PASSWORDS_DIFFER = _l("The two passwords are not the same. Type the same password twice.")
NOT_A_MEMBER = _l("This person is not a staff member of your organisation. Reload the page.")
NOT_YOURSELF = _l("You cannot remove yourself. Ask another administrator, or the bureau.")
DECLARATION_NEEDED = _l("Tick the declaration to send the periodic report.")
REPORT_WAITING = _l("A periodic report already waits for the bureau. You will get an email when it decides.")


def _origin():
    return current_app.config["SITE_ORIGIN"]


def _key_page(options, action, enrol):
    return render_template("organisations/key.html", options=options, action=action, enrol=enrol)


# --- enrolment -----------------------------------------------------------------------------------

def _enrolment(secret):
    """(member, organisation) of a usable enrolment link, else (None, None)."""
    db = get_db()
    try:
        link = records.peek_link(db, secret)
    except LinkError:
        return None, None
    member = records.staff_by_id(db, link["staff_id"])
    organisation = records.organisation_by_id(db, member["organisation_id"])
    if member["removed_at"] or organisation["state"] not in (rules.APPROVED, rules.LAPSED):
        return None, None
    return member, organisation


def _link_problem():
    return render_template("organisations/link_problem.html", message=LINK_PROBLEM), 404


@bp.get("/enrol/<secret>")
def enrol(secret):
    member, organisation = _enrolment(secret)
    if member is None:
        return _link_problem()
    return render_template("organisations/enrol.html", member=member, organisation=organisation, secret=secret,
                           errors=[])


@bp.post("/enrol/<secret>")
def enrol_password(secret):
    member, organisation = _enrolment(secret)
    if member is None:
        return _link_problem()
    password = request.form.get("password", "")[:1024]
    problems = [gettext(p.msgid, **p.params) for p in passwords.password_problems(password, email=member["email"])]
    if password != request.form.get("password_again", ""):
        problems.append(str(PASSWORDS_DIFFER))
    if problems:
        return render_template("organisations/enrol.html", member=member, organisation=organisation, secret=secret,
                               errors=problems), 400
    db = get_db()
    options, challenge = keys.registration_options(
        _origin(), member, records.credentials(db, member["id"]), user_handle=f"staff-{member['id']}",
        rp_name=keys.STAFF_RP_NAME, passkey=True)
    with transaction(db):  # the challenge and the new password's hash stay server-side
        session[CEREMONY] = records.begin_ceremony(db, member["id"], "enrol", challenge,
                                                   passwords.hash_password(password))
    return _key_page(options, url_for(".enrol_key", secret=secret), True)


@bp.post("/enrol/<secret>/key")
def enrol_key(secret):
    member, organisation = _enrolment(secret)
    db = get_db()
    with transaction(db):
        ceremony = records.take_ceremony(db, session.pop(CEREMONY, None), "enrol")
    if member is None or ceremony is None or ceremony["staff_id"] != member["id"]:
        return _link_problem()
    credential = request.form.get("credential")
    try:
        credential_id, public_key, count = keys.verify_registration(_origin(), ceremony["challenge"], credential)
    except keys.KeyRefused:
        return render_template("organisations/enrol.html", member=member, organisation=organisation, secret=secret,
                               errors=[str(KEY_FAILED)]), 400
    try:
        steps.enrol(db, member, ceremony["password_hash"],
                    (credential_id, public_key, count, keys.transports(credential)), secret)
    except LinkError:
        return _link_problem()
    sign_in(member)
    flash(_l("Your account is ready: you are signed in."), "success")
    return redirect(url_for(".home"), code=303)


# --- sign-in -------------------------------------------------------------------------------------

@bp.get("/signin")
def signin():
    if g.get("staff"):
        return redirect(url_for(".home"))
    return render_template("organisations/signin.html", error=None, email="")


@bp.post("/signin")
@login_limits(account_field="email")
def signin_submit():
    email = request.form.get("email", "").strip().lower()[:254]
    password = request.form.get("password", "")[:1024]
    db = get_db()
    member = records.active_staff_by_email(db, email)
    usable = member and member["password_hash"]
    if not passwords.verify_password(member["password_hash"] if usable else _DUMMY_HASH, password) or not usable:
        return render_template("organisations/signin.html", error=NO_MATCH, email=email), 400
    options, challenge = keys.authentication_options(_origin(), records.credentials(db, member["id"]))
    with transaction(db):
        session[CEREMONY] = records.begin_ceremony(db, member["id"], "signin", challenge)
    return _key_page(options, url_for(".signin_key"), False)


@bp.post("/signin/key")
@login_limits(account_field="email")
def signin_key():
    db = get_db()
    with transaction(db):  # a challenge answers once: taken (deleted) as it is read
        ceremony = records.take_ceremony(db, session.pop(CEREMONY, None), "signin")
    if ceremony is None:
        return render_template("organisations/signin.html", error=SIGNIN_EXPIRED, email=""), 400
    member = records.staff_by_id(db, ceremony["staff_id"])
    if member is None or member["removed_at"]:
        return render_template("organisations/signin.html", error=NO_MATCH, email=""), 400
    try:
        stored, count = keys.verify_authentication(_origin(), ceremony["challenge"], request.form.get("credential"),
                                                   records.credentials(db, member["id"]))
    except keys.KeyRefused:
        return render_template("organisations/signin.html", error=KEY_FAILED, email=member["email"]), 400
    with transaction(db):
        records.update_sign_count(db, stored["id"], count)
    sign_in(member)
    return redirect(url_for(".home"), code=303)


@bp.post("/signout")
def signout():
    sign_out()
    return redirect(url_for(".signin"), code=303)


# --- the organisation's home and its staff -------------------------------------------------------

def _staff_questions(raw=None, errors=None):
    raw, errors = raw or {}, errors or {}
    context = {"kind": g.organisation["kind"]}
    return [field_question(STAFF, f, f.name, raw.get(f.name, ""), errors.get(f.name), context, None)
            for f in STAFF.fields]


def _home(raw=None, errors=None, status=200):
    db = get_db()
    organisation = g.organisation
    return render_template(
        "organisations/home.html", organisation=organisation, standing=g.standing,
        kind=rules.kind_label(organisation["kind"], organisation["receiving_kind"]),
        office_name=office(organisation["bureau"]).name, members=records.staff_of(db, organisation["id"]),
        report=records.open_report(db, organisation["id"]), questions=_staff_questions(raw, errors),
        refusal=say(g.standing.refusal) if g.standing.refusal else None), status


@bp.get("/home")
@staff_required
def home():
    return _home()


@bp.post("/staff")
@admin_required
def add_staff():
    raw = {f.name: (request.form.get(f.name) or "")[:1000] for f in STAFF.fields}
    result = validate_section(STAFF, raw, context={"kind": g.organisation["kind"]})
    errors = {name: say(error) for name, error in result.errors.items()}
    email = (result.values.get("staff_email") or "").lower()
    if email and records.emails_in_use(get_db(), [email]):
        errors["staff_email"] = str(EMAIL_TAKEN)
    if errors:
        return _home(raw, errors, 400)
    member = steps.add_member(get_db(), g.staff, g.organisation, {**result.values, "staff_email": email},
                              current_language())
    flash(_l("%(name)s was added and gets an email to set up their account.", name=member["name"]), "success")
    return redirect(url_for(".home"), code=303)


@bp.post("/staff/<int:staff_id>/remove")
@admin_required
def remove_staff(staff_id):
    db = get_db()
    member = records.staff_by_id(db, staff_id)
    if member is None or member["organisation_id"] != g.organisation["id"] or member["removed_at"]:
        flash(NOT_A_MEMBER, "warning")
        return redirect(url_for(".home"), code=303)
    if member["id"] == g.staff["id"]:
        flash(NOT_YOURSELF, "warning")
        return redirect(url_for(".home"), code=303)
    steps.remove_member(db, g.staff, g.organisation, member)
    flash(_l("%(name)s was removed: their sessions have ended.", name=member["name"]), "success")
    return redirect(url_for(".home"), code=303)


# --- the periodic report -------------------------------------------------------------------------

REPORT_FIELDS = ("name", "address", "phone", "contact_email")


@bp.get("/report")
@staff_required
def report():
    return render_template("organisations/report.html", organisation=g.organisation, error=None,
                           waiting=records.open_report(get_db(), g.organisation["id"]))


@bp.post("/report")
@admin_required
def report_submit():
    db = get_db()
    if records.open_report(db, g.organisation["id"]):
        flash(REPORT_WAITING, "warning")
        return redirect(url_for(".home"), code=303)
    if request.form.get("declaration") != "1":
        return render_template("organisations/report.html", organisation=g.organisation, error=DECLARATION_NEEDED,
                               waiting=None), 400
    details = {name: g.organisation[name] for name in REPORT_FIELDS}
    details["staff"] = [{"name": m["name"], "email": m["email"]} for m in records.staff_of(db, g.organisation["id"])]
    details["changes"] = (request.form.get("changes") or "")[:2000].strip()
    steps.submit_report(db, g.staff, g.organisation, details)
    flash(_l("Your periodic report was sent to the bureau. You will get an email when it decides."), "success")
    return redirect(url_for(".home"), code=303)
