"""Journey 5's end: check your answers, sign with the signing certificate, submit, receipt and printable copy."""
import base64
import re

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from applications import canonical, lifecycle, records
from applications.facts import facts_of
from applications.lifecycle import StateConflict, SubmissionError
from blueprints.applications import is_filer, own_application, readable_application, to_status_page
from blueprints.auth.session import login_required
from blueprints.owner import filer_account, filer_required, is_staff, owner, staff_signing
from blueprints.card import trust
from blueprints.card.messages import verification_message
from blueprints.submission.display import application_view, sign_messages, what_is_signed
from jpki.binding import short_digest
from page_cache import applicant_page, fresh_token
from i18n import say
from rules import application_states as states
from rules.errors import RuleError
from store.flask_db import get_db
from verification import VerificationError

bp = Blueprint("submission", __name__, url_prefix="/applications")

SIGNATURE_MESSAGES = {
    "signature_invalid": _l("The signature does not match your application as it is saved now. It may have "
                            "changed after you signed (for example in another window). Check your answers and "
                            "sign again."),
    "signer_mismatch": _l("The application was not signed with the signing certificate of your own My Number "
                          "Card, the one you registered with. Sign with your own card."),
    "token_shape": _l("No valid signature came from the card helper. Press the button again."),
}
CHANGED_MEANWHILE = _l("Your application changed while it was being submitted. Check your answers and sign again.")
def review_page(application, error=None, status=200):
    db = get_db()
    facts = facts_of(db, application, filer_account())
    blocked, pending_href = None, None
    try:
        lifecycle.check_signable(db, facts)
    except SubmissionError as refusal:
        if refusal.code != "incomplete":  # the answers are valid, but it cannot be signed as it stands
            blocked = say(refusal)
        if isinstance(refusal, lifecycle.PendingApplication) and refusal.pending is not None:
            pending_href = url_for("status.show", public_id=refusal.pending["public_id"])
    view = application_view(facts, change_links=True)
    signable = blocked is None and view["complete"] and view["office"]
    digest = canonical.digest_of(facts) if signable else None
    return render_template("submission/review.html", application=application, view=view, error=error,
                           blocked=blocked, pending_href=pending_href,
                           digest=short_digest(digest) if digest else None,
                           submit_key=fresh_token(24), card_messages=sign_messages(),
                           passkey=staff_signing(db, application, digest) if is_staff() else None), status


@bp.get("/<public_id>/review")
@filer_required
@applicant_page
def review(public_id):
    application = own_application(public_id)
    if application["state"] != states.INITIAL:
        return redirect(url_for("status.show", public_id=public_id))
    return review_page(application)[0]


@bp.post("/<public_id>/sign-request")
@login_required
def sign_request(public_id):
    """What the page hands the card helper: the digest of the stored draft and the account's certificate."""
    application = own_application(public_id)
    if application["state"] != states.INITIAL:
        return {"error": {"code": "already_submitted"}}, 409
    db = get_db()
    facts = facts_of(db, application, g.account)
    try:
        digest, _ = lifecycle.signable(db, application, g.account, facts=facts)
    except SubmissionError as error:
        return {"error": {"code": error.code, "message": say(error)}}, 409
    return {"kind": "sign", "digest": base64.b64encode(digest).decode(),
            "certificate": base64.b64encode(bytes(g.account["sign_certificate"])).decode(),
            "display": what_is_signed(facts, application_view(facts))}


SUBMIT_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")  # what the review page puts in: secrets.token_urlsafe(24)


@bp.post("/<public_id>/submit")
@login_required
def submit(public_id):
    signature = request.form.get("signature", "")
    return receive_signed(
        public_id, lambda db, application, key: lifecycle.submit(db, application, g.account, signature, key, trust()),
        lambda error: SIGNATURE_MESSAGES.get(error.code) or verification_message(error))


def receive_signed(public_id, submit_signed, message_of):
    """The submit views' one path, the card's and an organisation's staff passkey's: the review page's key, a double
    click or another tab, then `submit_signed(db, application, submit_key)` (verify and receive); a refused
    signature (VerificationError) back on the review page with `message_of(error)`."""
    db = get_db()
    application = own_application(public_id)
    submit_key = request.form.get("submit_key", "")
    if not SUBMIT_KEY.fullmatch(submit_key):  # the review page's own key, or a forged form
        abort(400)
    if lifecycle.same_submission(application, submit_key):
        return redirect(url_for("submission.received", public_id=public_id), code=303)
    if application["state"] != states.INITIAL:
        return to_status_page(public_id)
    try:
        submit_signed(db, application, submit_key)
    except VerificationError as error:
        return review_page(application, message_of(error), 400)
    except StateConflict:
        current = records.get_owned(db, public_id, owner())
        if lifecycle.same_submission(current, submit_key):  # the other click of a double click won
            return redirect(url_for("submission.received", public_id=public_id), code=303)
        if current["state"] != states.INITIAL:  # another tab, with its own key, submitted it first
            return to_status_page(public_id)
        return review_page(current, CHANGED_MEANWHILE, 409)
    except RuleError as error:
        return review_page(application, say(error), 400)
    return redirect(url_for("submission.received", public_id=public_id), code=303)


@bp.get("/<public_id>/received")
@filer_required
def received(public_id):
    application = own_application(public_id)
    if application["state"] == states.INITIAL:
        return redirect(url_for("submission.review", public_id=public_id))
    return render_template("submission/received.html", application=application,
                           view=application_view(facts_of(get_db(), application, filer_account())))


@bp.get("/<public_id>/copy")
@filer_required
def copy(public_id):
    """The printable copy of what was submitted (print stylesheet; the browser prints it)."""
    application = readable_application(public_id)  # the applicant reads the copy of one filed for them too
    account = filer_account() if is_filer(application) else None  # None: the facts read the filer's account
    return render_template("submission/copy.html", application=application,
                           view=application_view(facts_of(get_db(), application, account)))
