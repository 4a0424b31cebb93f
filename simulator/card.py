"""The virtual JPKI card: answers command APDUs exactly as JPKI.md describes, from one table of files and one of commands."""
import base64
import functools

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils

from jpki import binding
from jpki import protocol as p
from simulator import card_file, keys

# Applications on the card; only JPKI has files this simulator serves (the others hold data we never read).
APPLICATIONS = (p.JPKI_AID, p.TEXT_AID, p.VISUAL_AID)


class VirtualCard:
    def __init__(self, state, path=None):
        self.state = state
        self.path = path  # where counters are saved; None keeps them in memory (unit tests)
        self.apdu_count = 0
        self.power_off()
        self._commands = {
            (p.CLA, p.INS_SELECT): self._select,
            (p.CLA, p.INS_READ_BINARY): self._read_binary,
            (p.CLA, p.INS_VERIFY): self._verify,
            (p.CLA_PROPRIETARY, p.INS_SIGN): self._sign,
        }

    @classmethod
    def from_file(cls, path):
        return cls(card_file.load(path), path)

    @property
    def atr(self):
        return bytes.fromhex(self.state["atr"])

    def power_off(self):
        """Power off and reset clear the selected application and every verified PIN."""
        self.application = None
        self.current_ef = None
        self.verified = set()

    reset = power_off

    # --- files -----------------------------------------------------------------------------------
    @functools.cached_property
    def _files(self):
        """FID → (kind, purpose, content); kind is 'binary', 'pin' or 'key'."""
        s = self.state
        cert = lambda purpose, field: base64.b64decode(s[purpose][field])  # noqa: E731
        return {
            p.EF_AUTH_CERT: ("binary", None, cert("authentication", "certificate")),
            p.EF_AUTH_CA_CERT: ("binary", None, cert("authentication", "ca_certificate")),
            p.EF_SIGN_CERT: ("binary", "signing", cert("signing", "certificate")),
            p.EF_SIGN_CA_CERT: ("binary", None, cert("signing", "ca_certificate")),
            p.EF_TOKEN: ("binary", None, p.TOKEN),
            p.EF_AUTH_PIN: ("pin", "authentication", None),
            p.EF_SIGN_PIN: ("pin", "signing", None),
            p.EF_AUTH_KEY: ("key", "authentication", None),
            p.EF_SIGN_KEY: ("key", "signing", None),
        }

    def _private_key(self, purpose):
        return keys.private_key(self.state[purpose]["key"].encode())

    # --- APDUs -----------------------------------------------------------------------------------
    def transmit(self, apdu):
        """One command APDU (bytes) → response APDU (bytes)."""
        self.apdu_count += 1
        try:
            cla, ins, p1, p2, data, le = _parse(apdu)
        except ValueError:
            return _sw(p.SW_WRONG_LENGTH)
        handler = self._commands.get((cla, ins))
        if handler is None:
            known_ins = any(i == ins for _, i in self._commands)
            known_cla = any(c == cla for c, _ in self._commands)
            return _sw(p.SW_CLA_NOT_SUPPORTED if known_ins or not known_cla else p.SW_INS_NOT_SUPPORTED)
        return handler(p1, p2, data, le)

    def _select(self, p1, p2, data, le):
        if p2 != p.SELECT_NO_FCI or p1 not in (p.SELECT_BY_AID, p.SELECT_EF):
            return _sw(p.SW_WRONG_P1P2)
        if p1 == p.SELECT_BY_AID:
            if data not in APPLICATIONS:
                return _sw(p.SW_FILE_NOT_FOUND)
            self.power_off()  # re-selecting the AP clears verified PINs
            self.application = data
            return _sw(p.SW_OK)
        if len(data) != 2:
            return _sw(p.SW_WRONG_LENGTH)
        fid = int.from_bytes(data, "big")
        if self.application != p.JPKI_AID or fid not in self._files:
            return _sw(p.SW_FILE_NOT_FOUND)
        self.current_ef = fid
        return _sw(p.SW_OK)

    def _read_binary(self, p1, p2, data, le):
        if p1 & 0x80:
            return _sw(p.SW_WRONG_P1P2)  # short-EF addressing is not used on this card
        if data or le is None:
            return _sw(p.SW_WRONG_LENGTH)
        if self.current_ef is None:
            return _sw(p.SW_NO_CURRENT_EF)
        kind, guard, content = self._files[self.current_ef]
        if kind != "binary":
            return _sw(p.SW_FILE_INCOMPATIBLE)
        if guard and p.KEYS[guard]["pin"] not in self.verified:
            return _sw(p.SW_SECURITY_NOT_SATISFIED)
        offset = (p1 << 8) | p2
        if offset >= len(content):
            return _sw(p.SW_OFFSET_PAST_END)
        return content[offset:offset + (le or 256)] + _sw(p.SW_OK)

    def _verify(self, p1, p2, data, le):
        if (p1, p2) != (0x00, p.PIN_P2):
            return _sw(p.SW_WRONG_P1P2)
        if le is not None:
            return _sw(p.SW_WRONG_LENGTH)
        if self.current_ef is None:
            return _sw(p.SW_NO_CURRENT_EF)
        kind, purpose, _ = self._files[self.current_ef]
        if kind != "pin":
            return _sw(p.SW_FILE_INCOMPATIBLE)
        record = self.state[purpose]
        if not data:  # PIN status: tries left, also when already verified
            return _sw(p.SW_TRIES_LEFT_BASE | record["tries_left"])
        if record["tries_left"] == 0:
            return _sw(p.SW_PIN_BLOCKED)
        if data == record["pin"].encode("ascii"):
            self.verified.add(self.current_ef)
            if record["tries_left"] != p.KEYS[purpose]["max_tries"]:
                record["tries_left"] = p.KEYS[purpose]["max_tries"]
                self._save()
            return _sw(p.SW_OK)
        self.verified.discard(self.current_ef)
        record["tries_left"] -= 1
        self._save()
        return _sw(p.SW_TRIES_LEFT_BASE | record["tries_left"])

    def _sign(self, p1, p2, data, le):
        if (p1, p2) != (0x00, p.SIGN_P2):
            return _sw(p.SW_WRONG_P1P2)
        if not data or len(data) > p.MAX_SIGN_INPUT:
            return _sw(p.SW_WRONG_LENGTH)
        if self.current_ef is None:
            return _sw(p.SW_NO_CURRENT_EF)
        kind, purpose, _ = self._files[self.current_ef]
        if kind != "key":
            return _sw(p.SW_FILE_INCOMPATIBLE)
        if p.KEYS[purpose]["pin"] not in self.verified:
            return _sw(p.SW_SECURITY_NOT_SATISFIED)
        return pkcs1_type1_sign(self._private_key(purpose), data) + _sw(p.SW_OK)

    def _save(self):
        if self.path is not None:
            card_file.save(self.path, self.state)


def pkcs1_type1_sign(key, data):
    """RSA over `00 01 FF.. 00 ‖ data`, as the card does: it pads whatever it receives."""
    if data.startswith(binding.SHA256_DIGEST_INFO_PREFIX) and len(data) == 51:
        # Same bytes as the raw path below (PKCS#1 v1.5 is deterministic), at OpenSSL's speed.
        return key.sign(data[19:], padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
    return raw_pkcs1_type1_sign(key, data)


def raw_pkcs1_type1_sign(key, data):
    numbers = key.private_numbers()
    size = (key.key_size + 7) // 8
    block = b"\x00\x01" + b"\xff" * (size - 3 - len(data)) + b"\x00" + data
    m = int.from_bytes(block, "big")
    # CRT: two half-size exponentiations instead of one full one.
    m1, m2 = pow(m, numbers.dmp1, numbers.p), pow(m, numbers.dmq1, numbers.q)
    h = (numbers.iqmp * (m1 - m2)) % numbers.p
    return (m2 + h * numbers.q).to_bytes(size, "big")


def _parse(apdu):
    """(cla, ins, p1, p2, data, le) of a short APDU; le None when absent, 0 meaning 256."""
    if len(apdu) < 4:
        raise ValueError("APDU shorter than its header")
    cla, ins, p1, p2 = apdu[:4]
    body = apdu[4:]
    if not body:
        return cla, ins, p1, p2, b"", None
    if len(body) == 1:
        return cla, ins, p1, p2, b"", body[0]
    lc = body[0]
    if lc == 0:
        raise ValueError("extended APDUs are not supported")
    if len(body) == 1 + lc:
        return cla, ins, p1, p2, body[1:], None
    if len(body) == 2 + lc:
        return cla, ins, p1, p2, body[1:1 + lc], body[-1]
    raise ValueError("Lc does not match the data")


def _sw(word):
    return word.to_bytes(2, "big")
