"""The virtual card's file: keys, certificates, PINs and retry counters, so a blocked PIN stays blocked."""
import base64
import dataclasses
import datetime
import json
import os
import pathlib

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from jpki import basic4
from jpki.protocol import KEYS, PURPOSES

FORMAT = "jpki-virtual-card/1"
CONTACT_ATR = "3BC5FF8131FB458073C6010000"  # a real contact card's ATR; clients must not rely on it

DEFAULT_HOLDER = basic4.BasicInfo(
    name="テスト\u3000花子", birth_date=datetime.date(1990, 4, 1), sex="2",
    address="東京都千代田区霞が関一丁目1番1号",
)
# A Japanese national's card (J-LIS issues the same certificates to every resident: the basic-4 information from
# the resident register, nothing of a residence card): registers as a Japanese national, without one.
JAPANESE_NATIONAL = basic4.BasicInfo(
    name="日本\u3000太郎", birth_date=datetime.date(1985, 5, 5), sex="1",
    address="東京都新宿区西新宿二丁目8番1号",
)
# The cards `python -m simulator issue --holder` and the demo (`--card`) offer, by the kind of user they register.
HOLDERS = {"foreign_resident": DEFAULT_HOLDER, "japanese_national": JAPANESE_NATIONAL}
DEFAULT_AUTH_PIN = "1234"
DEFAULT_SIGN_PIN = "TESTPASS1"


def issue_card(ca, *, holder=DEFAULT_HOLDER, auth_pin=DEFAULT_AUTH_PIN, sign_pin=DEFAULT_SIGN_PIN,
               not_after=None, generation=None, keys=None):
    """A new card's state: one key pair and certificate per purpose from the test CA `ca`."""
    from simulator.ca import new_key

    state = {"format": FORMAT, "atr": CONTACT_ATR, "ca_dir": str(pathlib.Path(ca.path).resolve()),
             "holder": {**dataclasses.asdict(holder), "birth_date": holder.birth_date.isoformat()}}
    pins = {"authentication": auth_pin, "signing": sign_pin}
    for purpose in PURPOSES:
        key = (keys or {}).get(purpose) or new_key()
        cert = ca.issue(purpose, key.public_key(), holder=holder, not_after=not_after, generation=generation)
        ca_cert = ca.ca_certificate(purpose, _generation(ca, purpose, cert))
        state[purpose] = {
            "key": key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()).decode(),
            "certificate": _b64(cert.public_bytes(serialization.Encoding.DER)),
            "ca_certificate": _b64(ca_cert.public_bytes(serialization.Encoding.DER)),
            "pin": pins[purpose],
            "tries_left": KEYS[purpose]["max_tries"],
        }
    return state


def _generation(ca, purpose, cert):
    return ca._generation_of(cert, purpose)


def certificate(state, purpose):
    return x509.load_der_x509_certificate(base64.b64decode(state[purpose]["certificate"]))


def load(path):
    state = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    if state.get("format") != FORMAT:
        raise ValueError(f"{path} is not a virtual JPKI card file")
    return state


def save(path, state):
    """Write atomically: a crash between two tries never resets a counter."""
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(state, f, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def _b64(data):
    return base64.b64encode(data).decode("ascii")
