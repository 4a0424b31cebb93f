"""Journey 3, user information registration (利用者情報登録): both card certificates, then the details form.

Each card answer is verified here and kept server-side for this browser (card_proof); the details form
creates the account from them in one transaction with its approval email.
"""
import hashlib
import time

from cryptography import x509
from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

import mail.messages
from accounts import kinds as account_kinds_records, lifetimes, records
from blueprints.card import browser_id, verify_token
from blueprints.card.messages import CARD_STEP_MESSAGES, verification_message
from blueprints.form_questions import field_question, section_questions
from blueprints.registration import questions
from i18n import current_language, say
from mail.links import site_url
from ratelimit import card_limits
from applications import addresses
from rules import account_kinds
from rules.bureaus import office_for_prefecture, prefecture
from rules.forms.fields import AGREEMENT, JAPAN
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
NO_KIND = _l("Choose who you are: a foreign resident, a Japanese national, or a lawyer or gyoseishoshi.")


def _kind():
    """The kind of user this browser chose to register as (a foreign resident until they choose)."""
    chosen = (session.get("registration") or {}).get("kind")
    return chosen if chosen in account_kinds.CODES else account_kinds.FOREIGN_RESIDENT


@bp.get("/register")
def start():
    return _start_page()


def _start_page(error=None, status=200):
    return render_template("registration/start.html", kinds=[(k.code, gettext(k.name)) for k in account_kinds.KINDS], chosen=_kind(), error=error), status


@bp.post("/register/kind")
def choose_kind():
    """Who registers: the card steps and the details form follow the kind chosen here."""
    kind = request.form.get("kind", "")
    if kind not in account_kinds.CODES:
        return _start_page(NO_KIND, 400)
    session["registration"] = {**(session.get("registration") or {}), "kind": kind}
    if _proofs(get_db()) is not None:
        return redirect(url_for(".details"), code=303)  # the card was read already: only the questions change
    return redirect(url_for(".card", which="authentication"), code=303)


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
    kind = _kind()
    names = questions.names(kind)
    shown = questions.posted(raw, kind) if raw else {name: "" for name in names}
    shown.update({k: v for k, v in (values or {}).items() if k not in errors and v is not None})
    messages = {name: say(error) for name, error in errors.items()}
    return render_template("registration/details.html", holder=holder, kind=account_kinds.kind(kind),
                           questions_title=questions.section(kind).title,
                           questions=section_questions(questions.section(kind), shown, messages, _check_url),
                           birth_date=format_date(holder.birth_date, "long"),
                           summary=[(name, messages[name]) for name in names if name in messages],
                           refusal=refusal,
                           registered=refusal is CARD_TAKEN or any(e.code.endswith("_taken")
                                                                   for e in errors.values())), status


def _taken(db, values):
    """The fields whose identity another account holds already: a set of names."""
    taken = set()
    number = values.get("residence_card_number")
    if number and records.already_registered(db, residence_card_number=number):
        taken.add("residence_card_number")
    if values.get("registration_number") and values.get("profession") and account_kinds_records.registration_taken(
            db, values["profession"], values["registration_number"]):
        taken.add("registration_number")
    return taken


def _with_taken(db, values, errors, proofs):
    """Add the refusal for an identity another account holds (only once the card is proven)."""
    if proofs is not None:
        for name in _taken(db, values):
            errors.setdefault(name, questions.taken_error(name))


def _check_url(field):
    return url_for(".validate", name=field.name)


@bp.post("/register/validate/<name>")
def validate(name):
    """One question's own fragment, checked as the applicant leaves it (htmx)."""
    kind = _kind()
    section = questions.section(kind)
    if name not in questions.names(kind) or section.field(name).kind == AGREEMENT:
        return "", 404
    db = get_db()
    values, errors = questions.check(request.form, only=name, kind=kind)
    if name in questions.UNIQUE_FIELDS:
        every, _ = questions.check(request.form, kind=kind)  # the registration number is taken per profession
        _with_taken(db, {**every, **values}, errors, _proofs(db))
        errors = {k: v for k, v in errors.items() if k == name}
    value = values.get(name) if name not in errors else (request.form.get(name) or "")[:questions.MAX_INPUT]
    error = say(errors[name]) if name in errors else None
    field = section.field(name)
    fragment = render_template("applications/_question.html",
                               q=field_question(section, field, name, value, error, {}, _check_url(field)))
    if error is None and name.endswith(addresses.POSTAL):
        # the address parts the postal code gives, swapped in out of band (htmx)
        raw = {n: (request.form.get(n) or "")[:questions.MAX_INPUT] for n in questions.names(kind)}
        given = addresses.filled((section,), raw, overwrite=True)
        for part in (n for n in given if n in section.by_name and given[n] != raw.get(n)):
            other = section.field(part)
            fragment += render_template("applications/_question.html", oob=True, q=field_question(
                section, other, part, given[part], None, given, _check_url(other)))
    return fragment


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
    kind = _kind()
    values, errors = questions.check(request.form, kind=kind)
    _with_taken(db, values, errors, proofs)
    if errors:
        return _details_page(holder, request.form, errors, values, 409 if _only_taken(errors) else 400)
    auth_fp, sign_fp = (hashlib.sha256(proofs[k]).hexdigest() for k in CARD_STEPS)
    language = current_language()
    now = time.time()
    lifetime = lifetimes.APPROVAL_LINK.total_seconds()
    with transaction(db):
        # Checked again under the write lock: a double submit or another tab may have just registered.
        taken = records.already_registered(db, auth_fingerprint=auth_fp, sign_fingerprint=sign_fp) | _taken(db, values)
        if not taken:
            account = records.create_account(
                db, name=holder.name, birth_date=holder.birth_date.isoformat(), email=values["email"],
                residence_card_number=values.get("residence_card_number"),
                nationality=values.get("nationality", JAPAN), kind=kind,
                phone=values["phone"], language=language, auth_certificate=proofs["authentication"],
                auth_fingerprint=auth_fp, sign_certificate=proofs["signing"], sign_fingerprint=sign_fp)
            if kind == account_kinds.AGENT:
                _add_agent(db, account["id"], values)
            secret = records.issue_link(db, account["id"], "set_password", lifetime, now=now)
            mail.messages.queue(db, "approval", values["email"], language, user_id=account["user_id"],
                                link=site_url("password.set", secret=secret),
                                expires_at=now + lifetime)
            records.drop_card_proofs(db, browser_id())
    if taken:
        if _already_created(db) is not None:
            return redirect(url_for(".sent"), code=303)
        if not taken & set(TAKEN_FIELD.values()):
            errors.update({name: questions.taken_error(name) for name in taken})
            return _details_page(holder, request.form, errors, values, 409)
        return _details_page(holder, request.form, {}, values, 409, refusal=CARD_TAKEN)
    session["registration"] = {**session.get("registration", {}), "email": values["email"]}
    return redirect(url_for(".sent"), code=303)


def _add_agent(db, account_id, values):
    """The agent's details, awaiting confirmation by the bureau with jurisdiction over their office."""
    fields = {name: values[name] for name in account_kinds_records.AGENT_FIELDS if name in values}
    fields["office_address"] = "".join(
        (prefecture(values["office_prefecture"]).name_ja, values["office_municipality"], values["office_address_rest"]))
    fields["bureau"] = office_for_prefecture(values["office_prefecture"]).code
    account_kinds_records.add_agent_registration(db, account_id, **fields)


def _only_taken(errors):
    return all(error.code.endswith("_taken") for error in errors.values())


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
