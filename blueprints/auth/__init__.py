"""Journey 4, login: the My Number card's user authentication certificate and the password, both."""
import datetime

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask import session as cookie_session  # plain `session` is this package's session module
from flask_babel import lazy_gettext as _l

from accounts import kinds as account_kinds, password_expiry, passwords, records
from applications import records as application_records
from blueprints.auth.session import STATUS_ONLY, extend, keep_status_only, load_account, log_in, log_out, login_required
from blueprints.card import browser_id, trust, verify_token
from blueprints.card.messages import CARD_STEP_MESSAGES, verification_message
from blueprints.language import safe_next
from i18n import gettext
from mail.links import site_url
from page_cache import applicant_page
from mail.messages import queue
from ratelimit import login_limits
from rules import account_kinds as kinds
from rules.bureaus import office
from rules.clock import today_in_japan
from rules.pending_applications import readable_while_lapsed
from store import transaction
from store.flask_db import get_db
from templating import visitor_page
from verification import CertificateExpired, CertificateRevoked, VerificationError, certificate_standing

bp = Blueprint("auth", __name__)
bp.before_app_request(load_account)
bp.before_app_request(keep_status_only)

NO_MATCH = _l("The user ID, password or card does not match a registered account. Check your user ID and "
              "password, use your own My Number Card, and try again.")
NO_CARD = _l("Read your My Number Card with the button below before logging in.")
NO_PASSWORD_YET = _l("You have not set a password yet. Use the link in your approval email to set it.")
CARD_RENEWED = _l("The certificates registered for your account are no longer valid, and this card is new to the "
                  "system. If your My Number Card was renewed, register its certificates: read the signature "
                  "certificate next.")
PASSWORD_WRONG = _l("The user ID or password is wrong. Check them and try again; your card is read once they match.")
STATUS_ONLY_SIGNED_IN = _l("The user authentication certificate of your My Number Card has expired. While your "
                            "application is under examination you can still read its status here; other services "
                            "need a card whose certificates are valid.")
PASSWORD_EXPIRED = _l("Your password has expired (passwords are valid for one year). Set a new one.")
# Verified against when the user ID is unknown, so an unknown ID costs as long as a wrong password.
_DUMMY_HASH = passwords.hash_password("not-a-password-of-anyone")


@bp.get("/login")
@visitor_page
def login():
    if g.account:
        return redirect(url_for("auth.my_page"))
    return render_template("auth/login.html", next=safe_next(request.args.get("next"), ""),
                           card_messages=CARD_STEP_MESSAGES, error=None)


def _typed_login():
    """(user_id, password) as the login form sent them."""
    return request.form.get("user_id", "").strip().upper()[:64], request.form.get("password", "")[:1024]


def _password_check(db, user_id, password):
    """(account or None, its password hash or None, whether the password matches it); an unknown user ID costs
    as long as a wrong password."""
    account = records.account_by_user_id(db, user_id)
    stored = (account or {}).get("password_hash")
    return account, stored, passwords.verify_password(stored or _DUMMY_HASH, password) and stored is not None


@bp.post("/login/password")
@login_limits(account_field="user_id", failures_only=True)
def check_password():
    """The user ID and password, checked before the card's PIN is asked (the page's script calls it): a typing
    mistake is said at once. The same budgets as the login; an account without a password yet goes on to the
    card, whose login says so."""
    user_id, password = _typed_login()
    account, stored, password_ok = _password_check(get_db(), user_id, password)
    if password_ok or (account is not None and stored is None):
        return {"ok": True}
    return {"error": {"code": "password_wrong", "message": str(PASSWORD_WRONG)}}, 401


@bp.post("/login")
@login_limits(account_field="user_id")
def login_submit():
    user_id, password = _typed_login()
    target = safe_next(request.form.get("next"), url_for("auth.my_page"))

    def refuse(message, status=400):
        return render_template("auth/login.html", next=request.form.get("next", ""), user_id=user_id,
                               card_messages=CARD_STEP_MESSAGES, error=message), status

    if not request.form.get("card_token"):
        return refuse(NO_CARD)
    try:
        card = verify_token(request.form["card_token"], "login", allow_lapsed=True)
    except VerificationError as error:
        return refuse(verification_message(error))
    db = get_db()
    account, stored, password_ok = _password_check(db, user_id, password)
    card_ok = account is not None and account["auth_fingerprint"] == card.fingerprint
    if card.lapsed:
        # The card last registered, its certificate expired: only the status of a pending change or extension.
        pending = readable_while_lapsed(application_records.pending_for_account(db, account["id"])) \
            if password_ok and card_ok else None
        if pending is None:
            return refuse(verification_message(CertificateExpired("the card's certificate has expired")))
    if account is not None and card_ok and stored is None:
        return refuse(NO_PASSWORD_YET)
    if password_ok and not card_ok and _renewed_card(db, account, card):
        return begin_card_renewal(db, account, card)
    if not (password_ok and card_ok):
        return refuse(NO_MATCH, 401)
    if password_expiry.is_expired(_date(account["password_set_at"]), today_in_japan()):
        flash(PASSWORD_EXPIRED, "warning")
        return redirect(url_for("password.forgot", user_id=account["user_id"]))
    if passwords.needs_rehash(stored):
        records.update_account(db, account["id"], password_hash=passwords.hash_password(password))
    log_in(account)
    if card.lapsed:
        cookie_session[STATUS_ONLY] = pending["public_id"]
        flash(STATUS_ONLY_SIGNED_IN, "warning")
        return redirect(url_for("status.show", public_id=pending["public_id"]), code=303)
    return redirect(target, code=303)


def _renewed_card(db, account, card):
    """The right password with an unregistered card, while the registered certificate is revoked or expired:
    the applicant's card was renewed, and the renewal steps may register the new one."""
    if records.already_registered(db, auth_fingerprint=card.fingerprint):
        return False
    standing = certificate_standing(account["auth_certificate"], purpose="authentication",
                                    trust_anchors=trust().authentication, revocation=trust().revocation)
    return isinstance(standing, (CertificateRevoked, CertificateExpired))


def begin_card_renewal(db, account, card):
    """Not logged in yet: the signing certificate's name and date of birth must first match the account."""
    with transaction(db):
        records.keep_card_proof(db, browser_id(), "renew_authentication", card.certificate_der)
    cookie_session["renewing_account"] = account["id"]
    flash(CARD_RENEWED, "info")
    return redirect(url_for("profile.certificates_signing"), code=303)


# --- a forgotten user ID (認証ID): the card proves who asks, the ID goes to the account's email ------------

NOT_REGISTERED = _l("This My Number Card is not registered. If you have not registered yet, register your user "
                    "information first.")


@bp.get("/login/forgot-id")
def forgot_id():
    return render_template("auth/forgot_id.html", card_messages=CARD_STEP_MESSAGES, error=None)


@bp.post("/login/forgot-id")
@login_limits()
def forgot_id_submit():
    def refuse(message, status=400):
        return render_template("auth/forgot_id.html", card_messages=CARD_STEP_MESSAGES, error=message), status

    if not request.form.get("card_token"):
        return refuse(NO_CARD_FOR_ID)
    try:
        card = verify_token(request.form["card_token"], "recover_id")
    except VerificationError as error:
        return refuse(verification_message(error))
    db = get_db()
    account = records.account_by_auth_fingerprint(db, card.fingerprint)
    if account is None:
        return refuse(NOT_REGISTERED, 404)
    with transaction(db):
        queue(db, "user_id", account["email"], account["language"], user_id=account["user_id"],
              link=site_url("auth.login"))
    flash(gettext("We sent your user ID to the email address registered for this card (%(email)s).",
                  email=masked_email(account["email"])), "success")
    return redirect(url_for("auth.login"), code=303)


NO_CARD_FOR_ID = _l("Read your My Number Card with the button below.")


def masked_email(address):
    """Enough of an address for its owner to know it, not for another to learn it: h***@example.jp."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


@bp.get("/my")
@login_required
@applicant_page
def my_page():
    account = g.account
    # An account that logs in by card alone may have no password yet (password_set_at NULL).
    set_at = account["password_set_at"]
    expires = password_expiry.expires_on(_date(set_at)) if set_at else None
    return render_template("auth/my_page.html", account=account, password_expires=expires,
                           kind_name=gettext(kinds.kind(account["kind"]).name), agent=_agent_view(account),
                           filed_for_you=application_records.filed_for_exists(get_db(), account["id"]))


def _agent_view(account):
    """A filing agent's confirmation: its state and the bureau that decides it, in the page's language."""
    agent = account_kinds.agent_registration(get_db(), account["id"])
    if agent is None:
        return None
    label, bureau = kinds.CONFIRMATIONS[agent["state"]], office(agent["bureau"])
    return {"state": agent["state"], "state_name": gettext(label), "bureau": gettext(bureau.name)}


@bp.post("/logout")
def logout():
    everywhere = request.form.get("everywhere") == "1"
    log_out(everywhere=everywhere)
    flash(_l("You have logged out on every device.") if everywhere else _l("You have logged out."), "info")
    return redirect(url_for("auth.login"), code=303)


@bp.post("/session/extend")
@login_required
def session_extend():
    extend()
    return {"idle_seconds": current_app.config["SESSION_IDLE_SECONDS"]}


def _date(text):
    return datetime.date.fromisoformat(text)
