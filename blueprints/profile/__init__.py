"""Journey 4, profile: change the email address (confirmed from the new address), the telephone number,
and register the certificates of a renewed My Number Card."""
import datetime
import functools
import hashlib
import time

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext, lazy_gettext as _l

from accounts import records
from accounts.lifetimes import EMAIL_CHANGE_LINK
from blueprints.auth.session import log_in, login_required
from blueprints.card import browser_id, verify_token
from blueprints.card.messages import CARD_STEP_MESSAGES, verification_message
from mail.links import site_url
from blueprints.profile import fields
from blueprints.registration.questions import taken_error
from blueprints.form_questions import field_question, section_questions
from i18n import current_language, say
from mail.messages import queue
from ratelimit import card_limits
from rules import account_kinds
from store import transaction
from store.flask_db import get_db
from verification import VerificationError

bp = Blueprint("profile", __name__, url_prefix="/profile")

EMAIL_LINK_KIND = "email_change"
CARD_PROOF_SECONDS = 10 * 60  # the first card step's answer waits this long for the second
LINK_ERRORS = {
    "unknown": (404, _l("This link is not valid. Copy the whole link from the email, or ask for a new one "
                        "on your profile page.")),
    "used": (410, _l("This link was already used. If your email address has not changed, ask for a new link "
                     "on your profile page.")),
    "expired": (410, _l("This link has expired (links are valid for 24 hours). Ask for a new one on your "
                        "profile page.")),
}
NO_CARD = _l("Read your My Number Card with the button below.")
CERTIFICATE_TAKEN = _l("This card's certificate is registered to another account. Use your own My Number Card.")
NOT_THE_HOLDER = _l("The name or date of birth in this card's signature certificate is not the one registered "
                    "for your account. Use your own My Number Card. If your name has changed, apply at the "
                    "regional bureau first.")
AUTHENTICATION_FIRST = _l("Read your user authentication certificate first (step 1).")
def _check_url(form):
    return lambda field: url_for("profile.validate", form=form, field=field.name)


def _form_page(form, template, status=200, **context):
    """A profile form with its errors beside the fields and in the summary (GOV.UK pattern)."""
    errors = {name: say(error) for name, error in context.pop("errors", {}).items()}
    section = fields.FORMS[form]
    summary = [(f.name, errors[f.name]) for f in section.fields if f.name in errors]
    questions = section_questions(section, context.pop("values", {}), errors, _check_url(form))
    return render_template(template, form=form, errors=errors, summary=summary, questions=questions,
                           account=g.account, title=gettext(section.title), field=section.fields[0].name,
                           **context), status


def _change_page(form, errors=None):
    """A one-question profile form: the account's answer, or the refused one with its errors (400)."""
    if errors:
        return _form_page(form, "profile/change.html", 400, errors=errors, values=request.form)
    name = fields.FORMS[form].fields[0].name
    return _form_page(form, "profile/change.html", values={name: g.account[name]})


@bp.get("")
@login_required
def index():
    pending = records.pending_link(get_db(), g.account["id"], EMAIL_LINK_KIND)
    earlier = [number for number, _ in records.residence_card_history(get_db(), g.account["id"])]
    return render_template("profile/index.html", account=g.account, has_card=_has_card(),
                           pending_email=pending and pending["payload"],
                           birth_date=datetime.date.fromisoformat(g.account["birth_date"]), earlier_cards=earlier)


@bp.post("/<form>/validate/<field>")
@login_required
def validate(form, field):
    """htmx, as a field is left: that field's fragment again, from the same macro and the same check."""
    if form not in fields.FORMS or field not in fields.FORMS[form].by_name or (form == "card" and not _has_card()):
        abort(404)
    _values, errors = fields.check(form, request.form, g.account)
    section = fields.FORMS[form]
    return render_template("applications/_question.html", q=field_question(
        section, section.field(field), field, request.form.get(field, ""),
        say(errors[field]) if field in errors else None, {}, _check_url(form)(section.field(field))))


# --- email ---------------------------------------------------------------------------------------

@bp.get("/email")
@login_required
def email():
    return _form_page("email", "profile/email.html")


@bp.post("/email")
@login_required
def email_submit():
    values, errors = fields.check("email", request.form, g.account)
    if errors:
        return _form_page("email", "profile/email.html", 400, errors=errors, values=request.form)
    with transaction(get_db()) as db:
        secret = records.issue_link(db, g.account["id"], EMAIL_LINK_KIND, EMAIL_CHANGE_LINK.total_seconds(),
                                    payload=values["new_email"])
        link = site_url("profile.email_confirm", secret=secret)
        # Only the new address hears of it: until the link is used, nothing has changed.
        queue(db, "email_change", values["new_email"], current_language(), link=link,
              expires_at=time.time() + EMAIL_CHANGE_LINK.total_seconds())
    flash(gettext("We sent a link to %(email)s. Open it within 24 hours to confirm the new address; until then "
                  "emails keep going to your current address.", email=values["new_email"]), "success")
    return redirect(url_for("profile.index"), code=303)


@bp.get("/email/confirm/<secret>")
def email_confirm(secret):
    # A GET changes nothing, so a mail scanner that opens the link does not use it up.
    try:
        link = records.peek_link(get_db(), secret, EMAIL_LINK_KIND)
    except records.LinkError as error:
        return _link_error(error)
    return render_template("profile/email_confirm.html", new_email=link["payload"], secret=secret)


@bp.post("/email/confirm/<secret>")
def email_confirm_submit(secret):
    try:
        with transaction(get_db()) as db:
            link = records.use_link(db, secret, EMAIL_LINK_KIND)
            records.update_account(db, link["account_id"], email=link["payload"])
    except records.LinkError as error:
        return _link_error(error)
    flash(gettext("Your email address is now %(email)s.", email=link["payload"]), "success")
    return redirect(url_for("profile.index" if g.account else "auth.login"), code=303)


def _link_error(error):
    status, text = LINK_ERRORS[error.code]
    return render_template("profile/link_error.html", text=text), status


# --- telephone -----------------------------------------------------------------------------------

@bp.get("/phone")
@login_required
def phone():
    return _change_page("phone")


@bp.post("/phone")
@login_required
def phone_submit():
    values, errors = fields.check("phone", request.form, g.account)
    if errors:
        return _change_page("phone", errors)
    with transaction(get_db()) as db:
        records.update_account(db, g.account["id"], phone=values["phone"])
    flash(_l("Your telephone number has been changed."), "success")
    return redirect(url_for("profile.index"), code=303)


# --- residence card number ------------------------------------------------------------------------

def _has_card():
    """Whether this kind of account holds a residence card (a Japanese national, a filing agent: none to change)."""
    return account_kinds.kind(g.account["kind"]).has_residence_card


@bp.get("/card")
@login_required
def card():
    if not _has_card():
        abort(404)
    return _change_page("card")


@bp.post("/card")
@login_required
def card_submit():
    """A new residence card's number (after a renewal); the old one stays in the account's history."""
    if not _has_card():
        abort(404)
    values, errors = fields.check("card", request.form, g.account)
    db = get_db()
    number = values.get("residence_card_number")
    if number and not errors and records.already_registered(db, residence_card_number=number,
                                                             except_account=g.account["id"]):
        errors = {"residence_card_number": taken_error("residence_card_number")}
    if errors:
        return _change_page("card", errors)
    with transaction(db):
        records.change_residence_card(db, g.account, number)
    flash(_l("Your residence card number has been changed. New applications use it."), "success")
    return redirect(url_for("profile.index"), code=303)


# --- certificates of a renewed card --------------------------------------------------------------

@bp.get("/certificates")
@login_required
def certificates():
    return _certificate_page("authentication")


@bp.post("/certificates/authentication")
@login_required
@card_limits()
def certificates_authentication():
    try:
        card = _card("renew_authentication")
    except _Refused as refusal:
        return _certificate_page("authentication", refusal.text, 400)
    db = get_db()
    if records.already_registered(db, auth_fingerprint=card.fingerprint, except_account=g.account["id"]):
        return _certificate_page("authentication", CERTIFICATE_TAKEN, 409)
    with transaction(db):
        records.keep_card_proof(db, browser_id(), "renew_authentication", card.certificate_der)
    return redirect(url_for("profile.certificates_signing"), code=303)


def account_or_renewal(view):
    """The logged-in account, or the one whose renewed card the login page let through (session['renewing_account'])."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        if g.get("account") is None and session.get("renewing_account"):
            g.renewing = records.account_by_id(get_db(), session["renewing_account"])
        return view(*args, **kwargs) if g.get("renewing") else login_required(view)(*args, **kwargs)
    return guarded


def _holder():
    return g.account or g.get("renewing")


@bp.get("/certificates/signing")
@account_or_renewal
def certificates_signing():
    if "renew_authentication" not in records.card_proofs(get_db(), browser_id(), CARD_PROOF_SECONDS):
        flash(AUTHENTICATION_FIRST, "warning")
        return redirect(url_for("profile.certificates"))
    return _certificate_page("signing")


@bp.post("/certificates/signing")
@account_or_renewal
@card_limits()
def certificates_signing_submit():
    db = get_db()
    authentication = records.card_proofs(db, browser_id(), CARD_PROOF_SECONDS).get("renew_authentication")
    if authentication is None:
        flash(AUTHENTICATION_FIRST, "warning")
        return redirect(url_for("profile.certificates"), code=303)
    try:
        card = _card("renew_signing")
    except _Refused as refusal:
        return _certificate_page("signing", refusal.text, 400)
    account = _holder()
    holder = card.basic_info
    if holder.name != account["name"] or holder.birth_date.isoformat() != account["birth_date"]:
        return _certificate_page("signing", NOT_THE_HOLDER, 403)
    auth_fingerprint = hashlib.sha256(authentication).hexdigest()  # as VerifiedCertificate.fingerprint
    with transaction(db):
        # Checked again inside the write transaction: no other account can take them in between.
        taken = records.already_registered(db, auth_fingerprint=auth_fingerprint, sign_fingerprint=card.fingerprint,
                                           except_account=account["id"])
        if not taken:
            records.update_account(db, account["id"], auth_certificate=authentication,
                                   auth_fingerprint=auth_fingerprint, sign_certificate=card.certificate_der,
                                   sign_fingerprint=card.fingerprint)
            records.drop_card_proofs(db, browser_id())
    if taken:
        return _certificate_page("signing", CERTIFICATE_TAKEN, 409)
    if g.get("renewing"):
        session.pop("renewing_account", None)
        log_in(records.account_by_id(db, account["id"]))  # password and the renewed card both proven now
    flash(_l("The certificates of your renewed card are registered. Log in with this card from now on."), "success")
    return redirect(url_for("profile.index"), code=303)


class _Refused(Exception):
    def __init__(self, text):
        super().__init__(str(text))
        self.text = text


def _card(purpose):
    """The verified certificate from the form's card answer, or _Refused with what to tell the applicant."""
    if not request.form.get("card_token"):
        raise _Refused(NO_CARD)
    try:
        return verify_token(request.form["card_token"], purpose)
    except VerificationError as error:
        raise _Refused(verification_message(error)) from error


def _certificate_page(step, error=None, status=200):
    return render_template("profile/certificates.html", step=step, error=error, account=_holder(),
                           card_messages=CARD_STEP_MESSAGES), status
