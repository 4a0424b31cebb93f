"""Verification throughput of an authentication token per core, against `openssl speed rsa2048` verify/s.

Measures the certificate checks of a token (shape, purpose, chain, validity, revocation, signature) and the
whole verification including the SQLite nonce (issue + consume). Bounded (~2 s per figure).
Run: .venv/bin/python bench/verify_throughput.py
"""
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import types

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import store  # noqa: E402
import verification as v  # noqa: E402
from card_helper import actions  # noqa: E402
from card_helper.jpki_card import JPKICard  # noqa: E402
from jpki import binding  # noqa: E402
from simulator import card_file  # noqa: E402
from simulator.ca import TestJLIS  # noqa: E402
from simulator.card import VirtualCard  # noqa: E402
from verification import checks  # noqa: E402
from verification.verify import AUTHENTICATION_CHECKS  # noqa: E402

ORIGIN = "http://127.0.0.1:5000"
SECONDS = 2.0


def rate(fn):
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        fn()
        count += 1
    return count / (time.perf_counter() - start)


def openssl_verify_rate():
    out = subprocess.run(["openssl", "speed", "-seconds", "2", "rsa2048"], capture_output=True, text=True,
                         timeout=120).stdout
    match = re.search(r"^rsa 2048 bits\s+\S+\s+\S+\s+\S+\s+(\S+)", out, re.M)
    return float(match.group(1))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        ca = TestJLIS.open(tmp / "ca")
        state = card_file.issue_card(ca)
        virtual = VirtualCard(state)
        card = JPKICard(lambda apdu: (lambda r: (r[:-2], int.from_bytes(r[-2:], "big")))(virtual.transmit(apdu)))
        card.select_jpki()
        nonce = "bench-nonce-" + "x" * 32
        token = actions.authenticate(card, purpose="authentication", pin=state["authentication"]["pin"],
                                     origin=ORIGIN, nonce=nonce)
        anchors = v.TrustStore([ca.anchor_dir("authentication")])
        revocation = v.CrlDirectory(ca.path / "crl")
        db = store.migrate(store.connect(tmp / "bench.db"))
        certificate_checks = [check for name, check in AUTHENTICATION_CHECKS if name not in ("nonce", "origin")]
        env = types.SimpleNamespace(trust_anchors=anchors, revocation=revocation,
                                    digest=binding.authentication_digest(ORIGIN, nonce))

        def certificate_and_signature():
            parsed = checks.parse_token(token)
            subject = checks.Subject(
                purpose="authentication", now=v.verify._now(None), token=parsed,
                signature=checks.decode_base64(parsed["signature"], "signature", 1024),
                certificate_der=checks.decode_base64(parsed["certificate"], "certificate", 4096))
            for check in certificate_checks:
                check(subject, env)

        def full():
            fresh = v.issue_nonce(db, "s", "login")
            tok = {**token, "nonce": fresh}  # signing a new token per round would measure the card, not us
            try:
                v.verify_authentication_token(tok, db=db, session_id="s", nonce_purpose="login", origin=ORIGIN,
                                              purpose="authentication", trust_anchors=anchors,
                                              revocation=revocation)
            except v.SignatureInvalid:
                pass  # the signature covers another nonce: every check ran, the last one said no

        certificate_and_signature()
        checks_rate = rate(certificate_and_signature)
        full_rate = rate(full)
        openssl = openssl_verify_rate()
        print(f"openssl speed rsa2048 verify:              {openssl:10.0f} /s (one core)")
        print(f"token checks (chain+revocation+signature): {checks_rate:10.0f} /s  ratio {checks_rate / openssl:.2f}")
        print(f"full verification incl. SQLite nonce:      {full_rate:10.0f} /s  ratio {full_rate / openssl:.2f}")


if __name__ == "__main__":
    main()
