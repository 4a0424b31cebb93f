"""What the applicant reads when the card or the helper could not do its part (ja/zh via the catalogs)."""
from flask_babel import lazy_gettext as _l

# The card step's progress, then the helper's error codes (card_helper/errors.py) as the site explains them.
CARD_STEP_MESSAGES = {
    "checking": _l("Looking for the card helper on this PC…"),
    "ready": _l("The card helper and your card are ready."),
    "working": _l("Asking the card helper…"),
    "prompt_open": _l("Enter your PIN in the card helper's window that has opened. The PIN goes only to your card."),
    "sending": _l("Checking your card's answer…"),
    "helper_missing": _l("The card helper is not answering. Start it on this PC (python -m card_helper), "
                         "then try again. If Chrome asked whether this site may access devices on your local "
                         "network and you chose Block, allow it again: click the icon at the left of the "
                         "address bar, open Site settings, set Local network access to Allow, and reload this page."),
    "no_reader": _l("No IC card reader was found. Connect the reader and try again."),
    "no_card": _l("No card is on the reader. Put your My Number Card on the reader and try again."),
    "not_jpki": _l("The card on the reader is not a My Number Card with electronic certificates."),
    "card_removed": _l("The card was removed during the operation. Put it back on the reader and try again."),
    "pcsc_unavailable": _l("The smart card service of this PC is not running. Start it and try again."),
    "card_busy": _l("Another program is using the card. Close that program and try again."),
    "pin_blocked": _l("The PIN is locked after too many wrong tries. Reset it at your municipal office, "
                      "then try again."),
    "certificate_mismatch": _l("The card on the reader is not the card you registered with. Use your own card."),
    "cancelled": _l("You cancelled at the card helper. Press the button again when you are ready."),
    "expired": _l("The request to the card expired. Press the button again."),
    "popup_blocked": _l("The PIN window could not open. Use the link below to open it."),
    "generic": _l("The card could not be used. Take it off the reader, put it back and try again."),
}

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
