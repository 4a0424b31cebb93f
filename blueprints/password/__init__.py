"""Journey 4's passwords: set the first one from the approval email, and reset a forgotten or expired one.

Links are one-time secrets (accounts.records); a page never says whether a user ID or email exists.
"""
import time

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

import mail.messages
from accounts import lifetimes, passwords, records
from accounts.records import LinkError
from blueprints.registration import questions
from rules.forms.accounts import REGISTRATION
from i18n import say
from i18n import current_language
from mail.links import site_url
from ratelimit import account_key, limiter
from rules.clock import today_in_japan
from rules.errors import ValidationError
from rules.forms import validate
from store import transaction
from store.flask_db import get_db

bp = Blueprint("password", __name__, url_prefix="/password")

# Link kinds in account_token: the approval email's first password, and a reset.
SET = "set_password"
RESET = "reset_password"
MAX_INPUT = 1024  # longer than any allowed password; more is cut before hashing costs anything

LINK_PROBLEMS = {
    "expired": (410, _l("This link has expired"),
                _l("Links in our emails work only for a limited time. Request a new link below with your user ID "
                   "and email address.")),
    "used": (410, _l("This link has already been used"),
             _l("Each link works only once. If you have set your password, log in with it. Otherwise request a "
                "new link below with your user ID and email address.")),
    "unknown": (404, _l("This link is not valid"),
                _l("Check that you opened the whole link from the email. If it still does not work, request a new "
                   "link below with your user ID and email address.")),
}
NOT_THE_SAME = _l("The two passwords are not the same. Type the same password twice.")
PASSWORD_SET = _l("Your password has been set. Log in with your user ID, your password and your My Number Card.")
USER_ID_NEEDED = _l("Enter your user ID (in your approval email).")


def _reset_limit():
    return current_app.config["PASSWORD_RESET_LIMIT_PER_IP"]


def _reset_limit_per_account():
    return current_app.config["PASSWORD_RESET_LIMIT_PER_ACCOUNT"]


def _link_problem(error):
    status, title, message = LINK_PROBLEMS[error.code]
    return render_template("password/link_problem.html", title=title, message=message), status


@bp.route("/set/<secret>", methods=["GET", "POST"], endpoint="set")
def set_first(secret):
    return _choose(secret, SET)


@bp.route("/reset/<secret>", methods=["GET", "POST"])
def reset(secret):
    return _choose(secret, RESET)


def _choose(secret, kind):
    """The new-password form behind a one-time link of `kind`; on success the link is spent."""
    db = get_db()
    try:
        link = records.peek_link(db, secret, kind)
    except LinkError as error:
        return _link_problem(error)
    account = records.account_by_id(db, link["account_id"])
    if request.method == "GET":
        return _choose_page(kind, account, {})
    password = request.form.get("password", "")[:MAX_INPUT]
    again = request.form.get("password_confirm", "")[:MAX_INPUT]
    errors = {}
    problems = passwords.password_problems(password, user_id=account["user_id"], email=account["email"])
    if problems:
        errors["password"] = " ".join(gettext(p.msgid, **p.params) for p in problems)
    elif password != again:
        errors["password_confirm"] = NOT_THE_SAME
    if errors:
        return _choose_page(kind, account, errors, 400)
    hashed = passwords.hash_password(password)  # before the write lock: hashing takes a while
    try:
        with transaction(db):
            records.use_link(db, secret, kind)
            records.update_account(db, account["id"], password_hash=hashed,
                                   password_set_at=today_in_japan().isoformat())
            records.end_all_sessions(db, account["id"])
    except LinkError as error:  # the other click of a double submit got there first
        return _link_problem(error)
    flash(PASSWORD_SET, "success")
    return redirect(url_for("auth.login"), code=303)


def _choose_page(kind, account, errors, status=200):
    rules = [gettext(msgid, **params) for msgid, params in passwords.RULES]
    summary = [(name, errors[name]) for name in ("password", "password_confirm") if name in errors]
    return render_template("password/choose.html", kind=kind, account=account, rules=rules, errors=errors,
                           summary=summary), status


@bp.get("/forgot")
def forgot():
    user_id = request.args.get("user_id", "").strip().upper()[:64]
    return render_template("password/forgot.html", values={"user_id": user_id, "email": ""}, errors={},
                           summary=[])


@bp.post("/forgot")
@limiter.limit(_reset_limit, scope="password-reset-ip", methods=["POST"])
@limiter.limit(_reset_limit_per_account, scope="password-reset-account", methods=["POST"],
               key_func=account_key("user_id"), exempt_when=lambda: not request.form.get("user_id", "").strip())
def forgot_submit():
    raw = {name: request.form.get(name, "")[:questions.MAX_INPUT] for name in ("user_id", "email")}
    user_id = raw["user_id"].strip().upper()
    errors = {}
    if not user_id:
        errors["user_id"] = USER_ID_NEEDED
    elif len(user_id) > 64 or not user_id.isascii() or not user_id.isalnum():
        errors["user_id"] = _l("Enter the user ID as in your approval email: letters and digits.")
    try:
        email = validate(REGISTRATION.field("email"), raw["email"])
    except ValidationError as error:
        errors["email"] = say(error)
    if errors:
        summary = [(name, errors[name]) for name in ("user_id", "email") if name in errors]
        return render_template("password/forgot.html", values=raw, errors=errors, summary=summary), 400
    db = get_db()
    account = records.account_by_user_id(db, user_id)
    if account is not None and account["email"].casefold() == email.casefold():
        now = time.time()
        lifetime = lifetimes.PASSWORD_RESET_LINK.total_seconds()
        with transaction(db):
            secret = records.issue_link(db, account["id"], RESET, lifetime, now=now)
            mail.messages.queue(db, "password_reset", account["email"], current_language(),
                                link=site_url("password.reset", secret=secret),
                                expires_at=now + lifetime)
    # The same page whether or not the details matched, so nobody learns which user IDs exist.
    return redirect(url_for("password.forgot_sent"), code=303)


@bp.get("/forgot/sent")
def forgot_sent():
    return render_template("password/forgot_sent.html")
