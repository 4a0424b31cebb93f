"""The site's side of the My Number card: challenges for the helper and verification of what it returns.

The page's script asks this blueprint what to send to the helper (a fresh nonce bound to this
browser session), forwards that to the helper on 127.0.0.1, and posts the helper's answer back
with the page's own form; the views that receive the form call `verify_token`.
"""
import secrets
from functools import lru_cache

from flask import Blueprint, abort, current_app, session

from mail.links import site_origin
from ratelimit import card_limits
from store.flask_db import get_db
from verification import issue_nonce, trust_from_settings, verify_authentication_token

bp = Blueprint("card", __name__, url_prefix="/card")

# What each challenge is for: the nonce purpose the server stores, and the key that must sign it.
CHALLENGES = {
    "login": "authentication",
    "register_authentication": "authentication",
    "register_signing": "signing",
    "renew_authentication": "authentication",
    "renew_signing": "signing",
    "recover_id": "authentication",  # a forgotten user ID, sent to the holder's email
}
# The card helper's window names what the page does (login, register, renew): finding the user ID reads the card
# as a login does.
HELPER_STEP = {"recover_id": "login"}
MAX_TOKEN = 16 * 1024  # a token holds one certificate and one signature: a few KB


def browser_id():
    """A random id for this browser session, what nonces are bound to (rotated at login)."""
    if "browser_id" not in session:
        session["browser_id"] = secrets.token_urlsafe(24)
    return session["browser_id"]


@lru_cache(maxsize=8)
def _trust(auth, sign, crl_dir):
    return trust_from_settings({"JPKI_AUTH_TRUST_ANCHORS": list(auth), "JPKI_SIGN_TRUST_ANCHORS": list(sign),
                                "JPKI_CRL_DIR": crl_dir})


def trust():
    config = current_app.config
    as_tuple = lambda v: (v,) if isinstance(v, str) else tuple(v or ())  # noqa: E731
    return _trust(as_tuple(config["JPKI_AUTH_TRUST_ANCHORS"]), as_tuple(config["JPKI_SIGN_TRUST_ANCHORS"]),
                  config["JPKI_CRL_DIR"])


@bp.post("/challenge/<purpose>")
@card_limits()
def challenge(purpose):
    """What the page sends to the helper for `purpose` (JSON); CSRF-checked like every POST."""
    key = CHALLENGES.get(purpose)
    if key is None:
        abort(404)
    nonce = issue_nonce(get_db(), browser_id(), purpose)
    # `step` lets the helper's window say what this PIN is for (log in, register, renew).
    return {"kind": "authenticate", "key": key, "nonce": nonce, "step": HELPER_STEP.get(purpose, purpose.split("_")[0])}


def verify_token(token_text, purpose, allow_lapsed=False):
    """The VerifiedCertificate for a helper token posted with a form; raises VerificationError. `allow_lapsed`: an
    expired card certificate passes, marked `lapsed`, for the caller to decide."""
    key = CHALLENGES[purpose]
    if not token_text or len(token_text) > MAX_TOKEN:
        from verification import TokenShapeError
        raise TokenShapeError("no card answer was sent with the form")
    anchors = trust().anchors_for(key)
    return verify_authentication_token(
        token_text, db=get_db(), session_id=browser_id(), nonce_purpose=purpose, origin=site_origin(),
        purpose=key, trust_anchors=anchors, revocation=trust().revocation, allow_lapsed=allow_lapsed)
