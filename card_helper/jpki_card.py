"""The JPKI application's commands, one short function each, over any `transmit(apdu) -> (data, sw)`."""
from jpki import protocol as p
from card_helper.errors import HelperError

# Status words → error codes, in one table.
_ERRORS = {
    p.SW_PIN_BLOCKED: "pin_blocked",
    p.SW_SECURITY_NOT_SATISFIED: "security_status_not_satisfied",
    p.SW_FILE_NOT_FOUND: "file_not_found",
}


class JPKICard:
    """The card as seen through one reader connection; counts APDUs so benchmarks can check the minimum."""

    def __init__(self, transmit):
        self._transmit = transmit
        self.apdu_count = 0

    def _send(self, apdu):
        self.apdu_count += 1
        return self._transmit(apdu)

    def _ok(self, apdu):
        data, sw = self._send(apdu)
        if sw != p.SW_OK:
            raise error_for(sw)
        return data

    def select_jpki(self):
        """Recognise the card by its JPKI application, never by ATR."""
        _, sw = self._send(p.select_ap())
        if sw != p.SW_OK:
            raise HelperError("not_jpki", f"SELECT JPKI answered {sw:04X}")

    def select_ef(self, fid):
        self._ok(p.select_ef(fid))

    def read_current_file(self):
        """The DER object in the selected EF: a full first chunk holds its header, then only what is left."""
        data = self._ok(p.read_binary(0, 256))
        length = p.der_length(data[:4])
        while len(data) < length:
            data += self._ok(p.read_binary(len(data), min(256, length - len(data))))
        return data[:length]

    def read_file(self, fid):
        self.select_ef(fid)
        return self.read_current_file()

    def tries_left(self, purpose):
        self.select_ef(p.KEYS[purpose]["pin"])
        _, sw = self._send(p.pin_status())
        left = p.tries_left(sw)
        if left is None:
            raise error_for(sw)
        return left

    def verify(self, purpose, pin):
        """Verify the (normalised, well-formed) PIN; wrong_pin carries the tries left, 0 meaning now blocked."""
        self.select_ef(p.KEYS[purpose]["pin"])
        _, sw = self._send(p.verify_pin(pin))
        if sw == p.SW_OK:
            return
        left = p.tries_left(sw)
        if left == 0:
            raise HelperError("pin_blocked", tries_left=0)
        if left is not None:
            raise HelperError("wrong_pin", tries_left=left)
        raise error_for(sw)

    def sign(self, purpose, data):
        """PKCS#1 v1.5 signature by the card over `data` (a DigestInfo); the PIN must be verified."""
        self.select_ef(p.KEYS[purpose]["key"])
        return self._ok(p.compute_signature(data))


def error_for(sw):
    left = p.tries_left(sw)
    if left is not None:
        return HelperError("wrong_pin" if left else "pin_blocked", tries_left=left)
    return HelperError(_ERRORS.get(sw, "card_error"), f"status word {sw:04X}")
