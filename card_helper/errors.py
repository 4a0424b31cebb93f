"""Every failure the helper reports, in one table that the helper's window and the site's card steps both read."""
import dataclasses


def N_(text):
    """Marks a msgid for the catalogs (card_helper domain) without translating it yet."""
    return text


@dataclasses.dataclass(frozen=True)
class ErrorKind:
    retryable: bool  # the operation stays open: the applicant can fix it at the PIN window and try again
    status: int  # HTTP status when the error answers an API request
    message: str = None  # msgid shown to the applicant; None: a request problem only a developer meets


ERRORS = {
    "wrong_pin": ErrorKind(True, 409, N_("The PIN is wrong.")),
    "pin_malformed": ErrorKind(True, 409),  # its message depends on the key: PIN_FORMAT
    "pin_blocked": ErrorKind(False, 409, N_(
        "The PIN is locked after too many wrong tries. Reset it at your municipal office "
        "(the window for My Number cards), then try again.")),
    "no_reader": ErrorKind(True, 409, N_("No IC card reader was found. Connect the reader and try again.")),
    "no_card": ErrorKind(True, 409, N_(
        "No card is on the reader. Put your My Number card on the reader and try again.")),
    "not_jpki": ErrorKind(True, 409, N_(
        "The card on the reader is not a My Number card with electronic certificates.")),
    "card_removed": ErrorKind(True, 409, N_(
        "The card was removed during the operation. Put it back on the reader and try again.")),
    "pcsc_unavailable": ErrorKind(True, 409, N_(
        "The smart card service of this PC is not running. Start it and try again.")),
    "card_busy": ErrorKind(True, 409, N_("Another program is using the card. Close that program and try again.")),
    "certificate_mismatch": ErrorKind(False, 409, N_(
        "The card on the reader is not the card you used to register. Use your own card.")),
    "card_error": ErrorKind(False, 409),
    "pcsc_error": ErrorKind(False, 409),
    "bad_request": ErrorKind(False, 400),
    "operation_unknown": ErrorKind(False, 404),
    "too_many_operations": ErrorKind(False, 429),
    "origin_forbidden": ErrorKind(False, 403),
    "host_forbidden": ErrorKind(False, 403),
}
UNKNOWN = ErrorKind(False, 409)
GENERIC_MESSAGE = N_("The card reported an error. Take it off the reader, put it back and try again.")
PIN_FORMAT = {
    "authentication": N_("The user authentication PIN is 4 digits."),
    "signing": N_("The signature password is 6 to 16 letters (A to Z) and digits."),
}
# The card problems for which the PIN window shows what to do and a retry link instead of the PIN form.
CARD_PROBLEMS = frozenset(code for code, kind in ERRORS.items()
                          if kind.retryable and code not in ("wrong_pin", "pin_malformed"))


def kind(code):
    return ERRORS.get(code, UNKNOWN)


def message(code, purpose=None):
    """The msgid that tells the applicant what happened and what to do (the generic one when none fits)."""
    if code == "pin_malformed" and purpose in PIN_FORMAT:
        return PIN_FORMAT[purpose]
    return kind(code).message or GENERIC_MESSAGE


class HelperError(Exception):
    def __init__(self, code, detail="", tries_left=None, status=None):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.tries_left = tries_left
        self.status = status or kind(code).status  # a werkzeug error keeps its own status

    @property
    def retryable(self):
        return kind(self.code).retryable

    def as_json(self):
        body = {"code": self.code}
        if self.tries_left is not None:
            body["tries_left"] = self.tries_left
        if self.detail:
            body["detail"] = self.detail
        return body
