"""Officer sign-in (password, then security key with user verification), enrolment and sign-out."""
import time

from flask import current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext as _l

from accounts import passwords
from accounts.records import LinkError
from blueprints.auth import _DUMMY_HASH
from blueprints.console import SESSION_ENDED, bp, officer_required, record, save_state, state
from console import keys, officers
from rules import console_policy as policy
from rules.clock import japan_time
from store import transaction
from store.flask_db import get_db

NO_MATCH = _l("The email address or password is not right, or this account is disabled. Try again, or ask your "
              "bureau administrator.")
LOCKED = _l("Too many failed sign-ins: this account is locked until %(time)s. Wait, or ask your bureau "
            "administrator.")
KEY_FAILED = _l("Your security key was not accepted. Use the key you registered, unlock it (PIN or fingerprint) "
                "and try again from the start.")
SIGNIN_EXPIRED = _l("The sign-in took too long. Enter your email address and password again.")
LINK_PROBLEM = _l("This enrolment link cannot be used (unknown, already used or expired). Ask your bureau "
                  "administrator for a new one.")
WRONG_CODE = _l("The enrolment code is not right. Type the 8-digit code your bureau administrator gave you "
                "(%(left)s tries left).")
CODE_SPENT = _l("The enrolment code was wrong too many times: this link no longer works. Ask your bureau "
                "administrator to send a new link and code.")
PASSWORDS_DIFFER = _l("The two passwords are not the same. Type the same password twice.")


def _config(key):
    return current_app.config[key]


@bp.get("/")
def home():
    if g.officer is None:
        return redirect(url_for(".signin"))
    if g.officer["role"] == policy.ADMIN:
        return redirect(url_for(".audit_log"))
    return redirect(url_for(".queue"))


@bp.get("/signin")
def signin():
    if g.officer:
        return redirect(url_for(".home"))
    notice = SESSION_ENDED if request.args.get("ended") else None
    return render_template("console/signin.html", error=None, notice=notice, email="")


def _failure(db, officer, email, reason):
    """Count and audit a failed sign-in; returns the message to show."""
    with transaction(db):
        if officer:
            officer = officers.record_failure(db, officer["id"], _config("CONSOLE_MAX_FAILURES"),
                                              _config("CONSOLE_LOCK_SECONDS"))
        record(db, "signin_failed", officer=officer, detail={"email": email[:254], "reason": reason})
    if officer and officer["locked_until"] and officer["locked_until"] > time.time():
        return LOCKED, {"time": japan_time(officer["locked_until"])}
    return NO_MATCH, {}


def _locked(officer):
    return officer and officer["locked_until"] and officer["locked_until"] > time.time()


@bp.post("/signin")
def signin_submit():
    email = request.form.get("email", "").strip().lower()[:254]
    password = request.form.get("password", "")[:1024]
    db = get_db()
    officer = officers.by_email(db, email)

    def refuse(message, params, status=400):
        return render_template("console/signin.html", error=message % params if params else message,
                               notice=None, email=email), status

    if _locked(officer):
        with transaction(db):
            record(db, "signin_failed", officer=officer, detail={"email": email, "reason": "locked"})
        return refuse(LOCKED, {"time": japan_time(officer["locked_until"])}, 429)
    usable = officer and not officer["disabled_at"] and officer["password_hash"]
    if not passwords.verify_password(officer["password_hash"] if usable else _DUMMY_HASH, password) or not usable:
        return refuse(*_failure(db, officer, email, "password"))
    options, challenge = keys.authentication_options(_config("CONSOLE_ORIGIN"),
                                                     officers.credentials(db, officer["id"]))
    with transaction(db):  # the challenge stays here; the cookie names it only
        handle = officers.begin_ceremony(db, officer["id"], "signin", challenge)
    save_state({"pre": state().get("pre"), "ceremony": handle})
    return render_template("console/key.html", options=options, action=url_for(".signin_key"), enrol=False)


@bp.post("/signin/key")
def signin_key():
    current = state()
    db = get_db()
    with transaction(db):  # a challenge answers once: taken (deleted) as it is read
        ceremony = officers.take_ceremony(db, current.get("ceremony"), "signin")
    save_state({"pre": current.get("pre")})
    if ceremony is None:
        return render_template("console/signin.html", error=SIGNIN_EXPIRED, notice=None, email=""), 400
    officer = officers.by_id(db, ceremony["officer_id"])
    if officer is None or officer["disabled_at"] or _locked(officer):
        return render_template("console/signin.html", error=NO_MATCH, notice=None, email=""), 400
    try:
        stored, count = keys.verify_authentication(_config("CONSOLE_ORIGIN"), ceremony["challenge"],
                                                   request.form.get("credential"), officers.credentials(db, officer["id"]))
    except keys.KeyRefused as refused:
        message, params = _failure(db, officer, officer["email"], f"key: {refused}"[:200])
        return render_template("console/signin.html", error=KEY_FAILED if not params else message % params,
                               notice=None, email=officer["email"]), 400
    with transaction(db):
        officers.update_sign_count(db, stored["id"], count)
        officers.clear_failures(db, officer["id"])
        secret, _ = officers.start_session(db, officer["id"])
        record(db, "signin", officer=officer, detail={"credential": stored["id"]})
    save_state({"sid": secret})
    return redirect(url_for(".home"), code=303)


@bp.post("/signout")
@officer_required
def signout():
    db = get_db()
    with transaction(db):
        officers.end_session(db, g.console_secret)
        record(db, "signout")
    save_state({})
    return redirect(url_for(".signin"), code=303)


# --- enrolment: the one-time link of the officer's email ------------------------------------------

def _enrolment(secret, with_link=False):
    try:
        row = officers.peek_enrolment(get_db(), secret)
    except LinkError:
        return (None, None) if with_link else None
    officer = officers.by_id(get_db(), row["officer_id"])
    officer = None if officer["disabled_at"] else officer
    return (officer, row) if with_link else officer


def _wrong_code(db, officer, secret):
    """Count and audit a wrong enrolment code; the refusal (the link spent after the last try)."""
    with transaction(db):
        failures, spent = officers.count_code_failure(db, secret)
        record(db, "officer_enrolment_code_failed", officer=officer,
               detail={"email": officer["email"], "tries": failures, "link_spent": spent})
    if spent:
        return render_template("console/link_problem.html", message=CODE_SPENT), 403
    errors = [str(WRONG_CODE % {"left": officers.ENROLMENT_CODE_TRIES - failures})]
    return render_template("console/enrol.html", officer=officer, secret=secret, errors=errors,
                           code_error=errors[0]), 400


@bp.get("/enrol/<secret>")
def enrol(secret):
    officer = _enrolment(secret)
    if officer is None:
        return render_template("console/link_problem.html", message=LINK_PROBLEM), 404
    return render_template("console/enrol.html", officer=officer, secret=secret, errors=[])


@bp.post("/enrol/<secret>")
def enrol_password(secret):
    officer, link = _enrolment(secret, with_link=True)
    if officer is None:
        return render_template("console/link_problem.html", message=LINK_PROBLEM), 404
    if not officers.code_matches(link, secret, request.form.get("code")):
        return _wrong_code(get_db(), officer, secret)
    password = request.form.get("password", "")[:1024]
    problems = [gettext(p.msgid, **p.params) for p in passwords.password_problems(password, email=officer["email"])]
    if password != request.form.get("password_again", ""):
        problems.append(str(PASSWORDS_DIFFER))
    if problems:  # the code was right: kept in its field, the password typed again
        return render_template("console/enrol.html", officer=officer, secret=secret, errors=problems,
                               code=officers.normal_code(request.form.get("code"))), 400
    options, challenge = keys.registration_options(_config("CONSOLE_ORIGIN"), officer,
                                                   officers.credentials(get_db(), officer["id"]))
    db = get_db()
    with transaction(db):  # the challenge and the new password's hash stay here, never in the cookie
        handle = officers.begin_ceremony(db, officer["id"], "enrol", challenge, passwords.hash_password(password))
    save_state({"pre": state().get("pre"), "ceremony": handle})
    return render_template("console/key.html", options=options, action=url_for(".enrol_key", secret=secret),
                           enrol=True)


@bp.post("/enrol/<secret>/key")
def enrol_key(secret):
    officer = _enrolment(secret)
    current = state()
    db = get_db()
    with transaction(db):
        ceremony = officers.take_ceremony(db, current.get("ceremony"), "enrol")
    save_state({"pre": current.get("pre")})
    if officer is None or ceremony is None or ceremony["officer_id"] != officer["id"]:
        return render_template("console/link_problem.html", message=LINK_PROBLEM), 404
    try:
        credential_id, public_key, count = keys.verify_registration(
            _config("CONSOLE_ORIGIN"), ceremony["challenge"], request.form.get("credential"))
    except keys.KeyRefused:
        return render_template("console/enrol.html", officer=officer, secret=secret, errors=[str(KEY_FAILED)]), 400
    try:
        with transaction(db):
            officers.use_enrolment(db, secret)
            officers.set_password(db, officer["id"], ceremony["password_hash"])
            officers.add_credential(db, officer["id"], credential_id, public_key, count)
            record(db, "officer_enrolled", officer=officer)
    except LinkError:
        return render_template("console/link_problem.html", message=LINK_PROBLEM), 404
    return render_template("console/enrolled.html", officer=officer)
