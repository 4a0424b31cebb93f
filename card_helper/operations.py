"""Operations the site asks for and the user completes at the helper's own PIN prompt."""
import base64
import binascii
import dataclasses
import secrets
import threading
import time
import unicodedata

from jpki import protocol as p
from card_helper import actions
from card_helper.errors import HelperError

LIFETIME = 5 * 60  # as long as the server's nonce lives
MAX_NONCE = 256
MAX_OPEN = 32  # a page cannot fill the helper's memory with operations
STEPS = ("login", "register", "renew")
# What a signature is for, as the site describes it for the window (shown escaped, never trusted for the digest,
# which the helper shows from what the card signs): bounded so a page cannot fill or distort the window.
DISPLAY_TEXTS = ("applicant", "bureau")
MAX_DISPLAY_TEXT = 200
MAX_PROCEDURES = 7


@dataclasses.dataclass
class Operation:
    id: str
    kind: str  # "authenticate" or "sign"
    purpose: str  # which key: "authentication" or "signing"
    origin: str  # the Origin the helper saw when the site asked
    params: dict
    lang: str
    step: str = "login"  # what the site's page is doing: "login", "register" or "renew" (the window's heading)
    created: float = dataclasses.field(default_factory=time.monotonic)
    state: str = "waiting_for_pin"  # → done | failed | cancelled | expired
    result: dict = None
    error: HelperError = None
    last_error: HelperError = None  # the latest retryable failure, shown at the prompt

    def public(self):
        body = {"id": self.id, "kind": self.kind, "key": self.purpose, "state": self.state}
        if self.result is not None:
            body["result"] = self.result
        if self.error is not None:
            body["error"] = self.error.as_json()
        if self.last_error is not None and self.state == "waiting_for_pin":
            body["last_error"] = self.last_error.as_json()
        return body


def parse_request(body):
    """(kind, purpose, params) from the site's JSON, or HelperError('bad_request')."""
    if not isinstance(body, dict):
        raise HelperError("bad_request", "expected a JSON object")
    kind = body.get("kind")
    if body.get("step", "login") not in STEPS:
        raise HelperError("bad_request", "step must be login, register or renew")
    if kind == "authenticate":
        purpose = body.get("key", "authentication")
        nonce = body.get("nonce")
        if purpose not in p.PURPOSES:
            raise HelperError("bad_request", "key must be authentication or signing")
        if not isinstance(nonce, str) or not 16 <= len(nonce) <= MAX_NONCE or not nonce.isascii():
            raise HelperError("bad_request", "nonce must be an ASCII string of 16 to 256 characters")
        return kind, purpose, {"nonce": nonce}
    if kind == "sign":
        try:
            digest = base64.b64decode(body.get("digest", ""), validate=True)
            certificate = base64.b64decode(body.get("certificate", ""), validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise HelperError("bad_request", "digest and certificate must be base64") from None
        if len(digest) != 32 or not certificate:
            raise HelperError("bad_request", "digest must be a SHA-256 digest and certificate a DER certificate")
        return kind, "signing", {"digest": digest, "certificate": certificate, "display": _display(body.get("display"))}
    raise HelperError("bad_request", "kind must be authenticate or sign")


def _display_text(value):
    """One line of the site's description: a string of 1 to MAX_DISPLAY_TEXT characters, no control or format
    characters (a bidirectional override could make the window read otherwise)."""
    if (not isinstance(value, str) or not 0 < len(value) <= MAX_DISPLAY_TEXT
            or any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value)):
        raise HelperError("bad_request", f"display texts must be 1 to {MAX_DISPLAY_TEXT} printable characters")
    return value


def _display(body):
    """The signature's description for the window, {"procedures": [...], "applicant", "bureau"}, or None."""
    if body is None:
        return None
    if not isinstance(body, dict) or set(body) != {"procedures", *DISPLAY_TEXTS}:
        raise HelperError("bad_request", "display must have procedures, applicant and bureau")
    procedures = body["procedures"]
    if not isinstance(procedures, list) or not 0 < len(procedures) <= MAX_PROCEDURES:
        raise HelperError("bad_request", f"display procedures must be a list of 1 to {MAX_PROCEDURES}")
    return {"procedures": [_display_text(name) for name in procedures],
            **{name: _display_text(body[name]) for name in DISPLAY_TEXTS}}


class Registry:
    def __init__(self, open_session):
        self._open_session = open_session  # () -> context manager yielding a JPKICard
        self._operations = {}
        self._lock = threading.Lock()
        self.card_lock = threading.Lock()  # one card session at a time

    def create(self, kind, purpose, params, origin, lang, step="login"):
        with self._lock:
            self._expire()
            if sum(op.state == "waiting_for_pin" for op in self._operations.values()) >= MAX_OPEN:
                raise HelperError("too_many_operations")
            op = Operation(secrets.token_urlsafe(24), kind, purpose, origin, params, lang, step)
            self._operations[op.id] = op
            return op

    def get(self, op_id):
        with self._lock:
            self._expire()
            return self._operations.get(op_id)

    def _expire(self):
        now = time.monotonic()
        for op_id, op in list(self._operations.items()):
            if now - op.created > LIFETIME:
                if op.state == "waiting_for_pin":
                    op.state = "expired"
                if now - op.created > 2 * LIFETIME:
                    del self._operations[op_id]  # the site has had its time to collect the result

    def cancel(self, op):
        with self._lock:
            if op.state == "waiting_for_pin":
                op.state = "cancelled"

    def _end(self, op, state, *, result=None, error=None):
        """The one way out of waiting_for_pin (done or failed), taken under the registry's lock."""
        with self._lock:
            if op.state != "waiting_for_pin":
                return
            op.state, op.result, op.error, op.last_error = state, result, error, None

    def _note(self, op, error):
        with self._lock:
            if op.state == "waiting_for_pin":
                op.last_error = error

    def tries_left(self, op):
        """The tries left for the operation's key; a locked PIN ends the operation (and raises pin_blocked)."""
        try:
            with self.card_lock, self._open_session() as card:
                left = card.tries_left(op.purpose)
        except HelperError as error:
            if error.code == "pin_blocked":
                self._end(op, "failed", error=error)
            raise
        if left == 0:
            error = HelperError("pin_blocked", tries_left=0)
            self._end(op, "failed", error=error)
            raise error
        return left

    def run(self, op, pin):
        """Try the PIN (normalised here); on success the result waits for the site, on failure the error says why."""
        pin = p.normalise_pin(op.purpose, pin)
        if not p.pin_well_formed(op.purpose, pin):
            self._note(op, HelperError("pin_malformed"))  # never sent: a malformed PIN must not cost a try
            return
        try:
            with self.card_lock, self._open_session() as card:
                if op.state != "waiting_for_pin":
                    return
                if op.kind == "authenticate":
                    result = actions.authenticate(card, purpose=op.purpose, pin=pin, origin=op.origin,
                                                  nonce=op.params["nonce"])
                else:
                    result = actions.sign_digest(card, pin=pin, digest=op.params["digest"],
                                                 expected_certificate=op.params["certificate"])
        except HelperError as error:
            if error.retryable:
                self._note(op, error)
            else:
                self._end(op, "failed", error=error)
            return
        self._end(op, "done", result=result)
