"""Journey 3, user information registration (利用者情報登録): both card certificates, then the details form.

Each card answer is verified here and kept server-side for this browser (card_proof); the details form
creates the account from them in one transaction with its approval email.
"""
import hashlib
import time

from cryptography import x509
from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

import mail.messages
from accounts import lifetimes, records
from blueprints.card import browser_id, verify_token
from blueprints.card.messages import CARD_STEP_MESSAGES, verification_message
from blueprints.form_questions import field_question, section_questions
from blueprints.registration import questions
from i18n import current_language, say
from mail.links import site_url
from ratelimit import card_limits
from rules.forms.accounts import REGISTRATION
from rules.forms.fields import AGREEMENT
from store import transaction
from store.flask_db import get_db
from verification import VerificationError, read_basic_info

bp = Blueprint("registration", __name__)

# A card reading stays usable this long while the applicant fills in the form.
CARD_PROOF_SECONDS = 30 * 60
CARD_STEPS = ("authentication", "signing")
TAKEN_FIELD = {"authentication": "auth_fingerprint", "signing": "sign_fingerprint"}

NO_CARD = _l("Read your My Number Card with the button below to continue.")
CARD_TAKEN = _l("This My Number Card is already registered. Log in with your user ID, password and card. "
                "If you forgot your password, use \"Forgot your password?\" on the login page.")
NO_BASIC_INFO = _l("Your name and date of birth could not be read from the signature certificate. Have the "
                   "certificate checked at your municipal office.")
READING_EXPIRED = _l("Your card reading has expired or is missing. Read your My Number Card again to continue.")


@bp.get("/register")
def start():
    return render_template("registration/start.html")


@bp.get("/register/terms")
def terms():
    return render_template("registration/terms.html")


@bp.route("/register/card/<which>", methods=["GET", "POST"])
@card_limits()
def card(which):
    if which not in CARD_STEPS:
        abort(404)
    db = get_db()
    if which == "signing" and "authentication" not in records.card_proofs(db, browser_id(), CARD_PROOF_SECONDS):
        return redirect(url_for(".card", which="authentication"))
    if request.method == "GET":
        return _card_page(which)
    token = request.form.get("card_token", "")
    if not token:
        return _card_page(which, NO_CARD, 400)
    try:
        verified = verify_token(token, f"register_{which}")
    except VerificationError as error:
        return _card_page(which, verification_message(error), 400)
    if records.already_registered(db, **{TAKEN_FIELD[which]: verified.fingerprint}):
        return _card_page(which, CARD_TAKEN, 409)
    if which == "signing":
        try:
            verified.basic_info
        except ValueError:
            return _card_page(which, NO_BASIC_INFO, 400)
    with transaction(db):
        if which == "authentication":
            # A new first step starts over, so the two certificates always come from one reading session.
            records.drop_card_proofs(db, browser_id())
        records.keep_card_proof(db, browser_id(), which, verified.certificate_der)
    session["registration"] = {**(session.get("registration") or {}), which: verified.fingerprint}
    if which == "authentication":
        return redirect(url_for(".card", which="signing"), code=303)
    return redirect(url_for(".details"), code=303)


def _card_page(which, error=None, status=200):
    return render_template("registration/card.html", which=which, step=CARD_STEPS.index(which) + 1,
                           error=error, card_messages=CARD_STEP_MESSAGES, registered=error is CARD_TAKEN), status


def _holder(proofs):
    """Name and date of birth from the signing certificate the applicant proved."""
    return read_basic_info(x509.load_der_x509_certificate(proofs["signing"]))


def _proofs(db):
    proofs = records.card_proofs(db, browser_id(), CARD_PROOF_SECONDS)
    return proofs if set(CARD_STEPS) <= set(proofs) else None


@bp.get("/register/details")
def details():
    proofs = _proofs(get_db())
    if proofs is None:
        flash(READING_EXPIRED, "warning")
        return redirect(url_for(".card", which="authentication"))
    return _details_page(_holder(proofs), request.form, {})


def _details_page(holder, raw, errors, values=None, status=200, refusal=None):
    shown = {name: raw.get(name, "") for name in questions.NAMES}
    shown.update({k: v for k, v in (values or {}).items() if k not in errors and v is not None})
    messages = {name: say(error) for name, error in errors.items()}
    return render_template("registration/details.html", holder=holder,
                           questions=section_questions(REGISTRATION, shown, messages, _check_url),
                           birth_date=format_date(holder.birth_date, "long"),
                           summary=[(name, messages[name]) for name in questions.NAMES if name in messages],
                           refusal=refusal,
                           registered=refusal is CARD_TAKEN or any(e.code == "residence_card_taken"
                                                                   for e in errors.values())), status


def _with_taken(db, values, errors, proofs):
    """Add the refusal for a residence card number another account holds (only once the card is proven)."""
    number = values.get("residence_card_number")
    if number and proofs is not None and records.already_registered(db, residence_card_number=number):
        errors["residence_card_number"] = questions.taken_error("residence_card_number")


def _check_url(field):
    return url_for(".validate", name=field.name)


@bp.post("/register/validate/<name>")
def validate(name):
    """One question's own fragment, checked as the applicant leaves it (htmx)."""
    if name not in questions.NAMES or REGISTRATION.field(name).kind == AGREEMENT:
        return "", 404
    db = get_db()
    values, errors = questions.check(request.form, only=name)
    if name == "residence_card_number":
        _with_taken(db, values, errors, _proofs(db))
    value = values.get(name) if name not in errors else (request.form.get(name) or "")[:questions.MAX_INPUT]
    error = say(errors[name]) if name in errors else None
    field = REGISTRATION.field(name)
    return render_template("applications/_question.html",
                           q=field_question(REGISTRATION, field, name, value, error, {}, _check_url(field)))


@bp.post("/register/details")
def details_submit():
    db = get_db()
    proofs = _proofs(db)
    if proofs is None:
        if _already_created(db) is not None:
            return redirect(url_for(".sent"), code=303)  # the second click of a double submit
        flash(READING_EXPIRED, "warning")
        return redirect(url_for(".card", which="authentication"), code=303)
    holder = _holder(proofs)
    values, errors = questions.check(request.form)
    _with_taken(db, values, errors, proofs)
    if errors:
        return _details_page(holder, request.form, errors, values, 409 if _only_taken(errors) else 400)
    auth_fp, sign_fp = (hashlib.sha256(proofs[k]).hexdigest() for k in CARD_STEPS)
    language = current_language()
    now = time.time()
    lifetime = lifetimes.APPROVAL_LINK.total_seconds()
    with transaction(db):
        # Checked again under the write lock: a double submit or another tab may have just registered.
        taken = records.already_registered(db, auth_fingerprint=auth_fp, sign_fingerprint=sign_fp,
                                           residence_card_number=values["residence_card_number"])
        if not taken:
            account = records.create_account(
                db, name=holder.name, birth_date=holder.birth_date.isoformat(), email=values["email"],
                residence_card_number=values["residence_card_number"], nationality=values["nationality"],
                phone=values["phone"], language=language, auth_certificate=proofs["authentication"],
                auth_fingerprint=auth_fp, sign_certificate=proofs["signing"], sign_fingerprint=sign_fp)
            secret = records.issue_link(db, account["id"], "set_password", lifetime, now=now)
            mail.messages.queue(db, "approval", values["email"], language, user_id=account["user_id"],
                                link=site_url("password.set", secret=secret),
                                expires_at=now + lifetime)
            records.drop_card_proofs(db, browser_id())
    if taken:
        if _already_created(db) is not None:
            return redirect(url_for(".sent"), code=303)
        if "residence_card_number" in taken and not taken & set(TAKEN_FIELD.values()):
            errors["residence_card_number"] = questions.taken_error("residence_card_number")
            return _details_page(holder, request.form, errors, values, 409)
        return _details_page(holder, request.form, {}, values, 409, refusal=CARD_TAKEN)
    session["registration"] = {**session.get("registration", {}), "email": values["email"]}
    return redirect(url_for(".sent"), code=303)


def _only_taken(errors):
    return all(error.code == "residence_card_taken" for error in errors.values())


def _already_created(db):
    """The account this browser's proven card created moments ago (no password yet), or None."""
    fingerprints = session.get("registration") or {}
    account = records.account_by_auth_fingerprint(db, fingerprints.get("authentication"))
    if account and account["sign_fingerprint"] == fingerprints.get("signing") and account["password_hash"] is None:
        return account
    return None


@bp.get("/register/sent")
def sent():
    return render_template("registration/sent.html", email=(session.get("registration") or {}).get("email"))
