"""The helper pages' message for each error code (English msgids; the catalogs translate them)."""


def N_(text):
    """Marks a msgid for the catalogs without translating it yet."""
    return text


ERROR_MESSAGES = {
    "wrong_pin": N_("The PIN is wrong."),
    "pin_blocked": N_("The PIN is locked after too many wrong tries. Reset it at your municipal office "
                      "(the window for My Number cards), then try again."),
    "no_reader": N_("No IC card reader was found. Connect the reader and try again."),
    "no_card": N_("No card is on the reader. Put your My Number card on the reader and try again."),
    "not_jpki": N_("The card on the reader is not a My Number card with electronic certificates."),
    "card_removed": N_("The card was removed during the operation. Put it back on the reader and try again."),
    "pcsc_unavailable": N_("The smart card service of this PC is not running. Start it and try again."),
    "card_busy": N_("Another program is using the card. Close that program and try again."),
    "certificate_mismatch": N_("The card on the reader is not the card you used to register. "
                               "Use your own card."),
}
GENERIC_ERROR = N_("The card reported an error. Take it off the reader, put it back and try again.")
PIN_FORMAT = {
    "authentication": N_("The user authentication PIN is 4 digits."),
    "signing": N_("The signature password is 6 to 16 letters (A to Z) and digits."),
}


def error_message(gettext, code, purpose):
    if code == "pin_malformed":
        return gettext(PIN_FORMAT[purpose])
    return gettext(ERROR_MESSAGES.get(code, GENERIC_ERROR))
