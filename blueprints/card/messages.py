"""What the applicant reads when the card or the helper could not do its part (ja/zh via the catalogs)."""
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from card_helper import errors as helper_errors
from card_helper import i18n as helper_i18n
from i18n import current_language


def _helper_text(msgid):
    """A msgid of the helper's own table, translated by the helper's catalog: one wording on both sides."""
    return LazyString(lambda: helper_i18n.translations(current_language()).gettext(msgid))


# The card step's progress and the failures only the page can see (the helper is not there to say them).
SITE_MESSAGES = {
    "checking": _l("Looking for the card helper on this PC…"),
    "ready": _l("The card helper and your card are ready."),
    "working": _l("Asking the card helper…"),
    "prompt_open": _l("Enter your PIN in the card helper's window that has opened. The PIN goes only to your card."),
    "sending": _l("Checking your card's answer…"),
    "helper_missing": _l("The card helper is not running on this PC. Start it (if it is not installed yet, "
                         "install it from the card helper page), then press the button again."),
    "lna_blocked": _l("Your browser blocked this site from talking to the card helper on this PC. Allow it: "
                      "click the icon at the left of the address bar, open Site settings, set Local network "
                      "access to Allow, then reload this page."),
    "helper_outdated": _l("The card helper on this PC is an old version. Update the card helper: install the "
                          "new version from the card helper page, then reload this page."),
    "cancelled": _l("You cancelled at the card helper. Press the button again when you are ready."),
    "expired": _l("The request to the card expired. Press the button again."),
    "popup_blocked": _l("The PIN window could not open. Use the link below to open it."),
    "generic": _l("The card could not be used. Take it off the reader, put it back and try again."),
}
# The helper's error codes (card_helper/errors.py), in the helper's own words; `tries_left` completes a wrong PIN.
HELPER_MESSAGES = {
    **{code: _helper_text(kind.message) for code, kind in helper_errors.ERRORS.items() if kind.message},
    **{f"pin_malformed_{key}": _helper_text(text) for key, text in helper_errors.PIN_FORMAT.items()},
    "tries_left": _helper_text("Tries left before the card locks: %(tries)d"),
}
CARD_STEP_MESSAGES = {**SITE_MESSAGES, **HELPER_MESSAGES}

# Server-side verification codes (verification/errors.py) and what the applicant can do about each.
VERIFICATION_MESSAGES = {
    "certificate_revoked": _l("The electronic certificate on this card has been revoked (for example after a move "
                              "or a change of name). Have the certificates renewed at your municipal office."),
    "certificate_expired": _l("The electronic certificate on this card has expired. Have it renewed at your "
                              "municipal office."),
    "certificate_not_yet_valid": _l("The electronic certificate on this card is not valid yet. Try again later."),
    "certificate_untrusted": _l("The certificate on this card was not issued by the Public Certification "
                                "Service. Use your own My Number Card."),
    "certificate_purpose": _l("The card answered with the wrong certificate. Try again; if it happens again, "
                              "contact the regional bureau."),
    "revocation_unknown": _l("The certificate's status cannot be checked right now. Try again in a few minutes."),
    "nonce_unknown": _l("This card answer was already used or belongs to another page. Press the button again."),
    "nonce_expired": _l("The card answer came too late (after 5 minutes). Press the button again."),
}
VERIFICATION_FALLBACK = _l("The card's answer could not be verified. Press the button again; if it happens again, "
                           "restart the card helper.")


def verification_message(error):
    return VERIFICATION_MESSAGES.get(getattr(error, "code", ""), VERIFICATION_FALLBACK)
