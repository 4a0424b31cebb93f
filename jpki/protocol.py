"""The JPKI card's APDU protocol: application and file ids, commands, status words, PIN rules."""
import re

JPKI_AID = bytes.fromhex("D392F000260100000001")
# The card's other two applications; this project never reads them (one holds the My Number).
TEXT_AID = bytes.fromhex("D3921000310001010408")
VISUAL_AID = bytes.fromhex("D3921000310001010402")

CLA = 0x00
CLA_PROPRIETARY = 0x80  # the sign command's class
INS_SELECT = 0xA4
INS_READ_BINARY = 0xB0
INS_VERIFY = 0x20
INS_SIGN = 0x2A
SELECT_BY_AID = 0x04
SELECT_EF = 0x02
SELECT_NO_FCI = 0x0C
PIN_P2 = 0x80
SIGN_P2 = 0x80
MAX_SIGN_INPUT = 256 - 11  # PKCS#1 v1.5 type-1 padding needs 11 bytes of a 2048-bit block

EF_AUTH_CERT = 0x000A
EF_AUTH_CA_CERT = 0x000B
EF_SIGN_CERT = 0x0001
EF_SIGN_CA_CERT = 0x0002
EF_AUTH_KEY = 0x0017
EF_AUTH_PIN = 0x0018
EF_SIGN_KEY = 0x001A
EF_SIGN_PIN = 0x001B
EF_TOKEN = 0x0006
TOKEN = b"JPKIAPICCTOKEN".ljust(32, b"\x00")

SW_OK = 0x9000
SW_WRONG_LENGTH = 0x6700
SW_FILE_INCOMPATIBLE = 0x6981
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_PIN_BLOCKED = 0x6984
SW_NO_CURRENT_EF = 0x6986
SW_FILE_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6A86
SW_OFFSET_PAST_END = 0x6B00
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00
SW_TRIES_LEFT_BASE = 0x63C0  # 63 Cx: x tries left


def tries_left(sw):
    """The tries left that a `63 Cx` status word reports, or None for any other word."""
    return sw & 0x0F if sw & 0xFFF0 == SW_TRIES_LEFT_BASE else None


# Keys, their PIN files and the certificate each one belongs to, per purpose.
KEYS = {
    "authentication": {"key": EF_AUTH_KEY, "pin": EF_AUTH_PIN, "cert": EF_AUTH_CERT,
                       "ca_cert": EF_AUTH_CA_CERT, "max_tries": 3},
    "signing": {"key": EF_SIGN_KEY, "pin": EF_SIGN_PIN, "cert": EF_SIGN_CERT,
                "ca_cert": EF_SIGN_CA_CERT, "max_tries": 5},
}
PURPOSES = tuple(KEYS)

_PIN_FORMATS = {
    "authentication": re.compile(r"[0-9]{4}"),
    "signing": re.compile(r"[A-Z0-9]{6,16}"),
}


def normalise_pin(purpose, pin):
    """The PIN as the card stores it: users often lock the signing password by typing lower case."""
    return pin.strip().upper() if purpose == "signing" else pin.strip()


def pin_well_formed(purpose, pin):
    """Whether `pin` (already normalised) has the shape the card accepts; a malformed one is never sent."""
    return bool(_PIN_FORMATS[purpose].fullmatch(pin))


# --- Command APDUs -------------------------------------------------------------------------------

def select_ap(aid=JPKI_AID):
    return bytes([CLA, INS_SELECT, SELECT_BY_AID, SELECT_NO_FCI, len(aid)]) + aid


def select_ef(fid):
    return bytes([CLA, INS_SELECT, SELECT_EF, SELECT_NO_FCI, 2]) + fid.to_bytes(2, "big")


def read_binary(offset, length):
    """Read `length` (1..256) bytes at `offset`; Le=00 asks for 256."""
    return bytes([CLA, INS_READ_BINARY, offset >> 8, offset & 0xFF, length & 0xFF])


def pin_status():
    return bytes([CLA, INS_VERIFY, 0x00, PIN_P2])


def verify_pin(pin):
    data = pin.encode("ascii")
    return bytes([CLA, INS_VERIFY, 0x00, PIN_P2, len(data)]) + data


def compute_signature(data):
    return bytes([CLA_PROPRIETARY, INS_SIGN, 0x00, SIGN_P2, len(data)]) + data + b"\x00"


def der_length(header):
    """Total length of the DER object whose first bytes are `header` (clients read 4 bytes first)."""
    if len(header) < 2 or header[0] != 0x30:
        raise ValueError("not a DER SEQUENCE")
    first = header[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if not 1 <= count <= 3 or len(header) < 2 + count:
        raise ValueError("unsupported DER length")
    return 2 + count + int.from_bytes(header[2:2 + count], "big")
