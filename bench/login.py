"""Login throughput per core (card token verification + Argon2id password check, the chosen parameters) and
the time one applicant waits for one login end to end through the site under gunicorn.

The end-to-end figure goes through the real card stack (pcscd + vpcd + virtual card + card helper over
HTTP, as the browser drives it) when pcscd is installed and free; otherwise it says so and uses tokens
made in this process. Everything it starts is stopped by PID. Bounded: about a minute, plus waiting
for pcscd if a test run holds it.
Run: .venv/bin/python bench/login.py [--rounds 10]
"""
import argparse
import json
import os
import pathlib
import re
import statistics
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

import store  # noqa: E402
import verification as v  # noqa: E402
from accounts import passwords  # noqa: E402
from simulator import card_file, pcscd  # noqa: E402
from simulator.ca import TestJLIS  # noqa: E402
from tests.card.in_process import token as in_process_token  # noqa: E402
from tests.support.accounts import PASSWORD, create_account  # noqa: E402

ORIGIN = "http://127.0.0.1:5000"
SECONDS = 3.0


def per_core(fn, prepare=None):
    """(calls per second of wall time, calls per second of this process's CPU time) over about SECONDS."""
    count, wall, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < SECONDS:
        try:
            argument = prepare() if prepare else None
        except StopIteration:  # every prepared input used: the rate over those is the figure
            break
        fn(argument)
        count += 1
    return count / (time.perf_counter() - wall), count / (time.process_time() - cpu)


def throughput(tmp):
    ca = TestJLIS.open(tmp / "ca")
    state = card_file.issue_card(ca)
    anchors, revocation = v.TrustStore([ca.anchor_dir("authentication")]), v.CrlDirectory(ca.path / "crl")
    db = store.migrate(store.connect(tmp / "bench.db"))
    # Tokens signed ahead, one per fresh nonce, so the loop measures the server and not the (virtual) card.
    tokens = []
    for _ in range(1000):
        nonce = v.issue_nonce(db, "bench", "login")
        tokens.append(in_process_token(state, ORIGIN, nonce))
    pending = iter(tokens)

    def verify(tok):
        v.verify_authentication_token(tok, db=db, session_id="bench", nonce_purpose="login", origin=ORIGIN,
                                      purpose="authentication", trust_anchors=anchors, revocation=revocation)

    token_wall, token_cpu = per_core(verify, lambda: next(pending))
    stored = passwords.hash_password(PASSWORD)
    hash_wall, hash_cpu = per_core(lambda _: passwords.verify_password(stored, PASSWORD))
    print(f"Argon2id t={passwords.TIME_COST} m={passwords.MEMORY_COST_KIB // 1024} MiB p={passwords.PARALLELISM}; "
          f"{os.cpu_count()} CPU(s)")
    print(f"token verification (incl. SQLite nonce): {token_cpu:8.0f} /s per core   ({token_wall:.0f} /s wall)")
    print(f"password hash verification:              {hash_cpu:8.1f} /s per core   ({hash_wall:.1f} /s wall, "
          f"{1000 / hash_wall:.0f} ms each)")
    login_cpu = 1 / (1 / token_cpu + 1 / hash_cpu)
    print(f"logins (token + password) per core:      {login_cpu:8.1f} /s   "
          f"= {login_cpu * 3600:,.0f} /h per core, {login_cpu * 3600 * (os.cpu_count() or 1):,.0f} /h on this machine")


# --- one login through the site ------------------------------------------------------------------

def csrf(text):
    return re.search(r'name="csrf-token" content="([^"]+)"', text).group(1)


def one_login(site_url, user_id, card_answer):
    """Seconds from opening the login page to the 'my page' answer: what the applicant waits (PIN typing aside)."""
    web = requests.Session()
    web.headers["User-Agent"] = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                 "Chrome/126.0.0.0 Safari/537.36")
    start = time.perf_counter()
    token = csrf(web.get(site_url + "/login").text)
    challenge = web.post(site_url + "/card/challenge/login", headers={"X-CSRFToken": token}).json()
    answer = card_answer(challenge)
    done = web.post(site_url + "/login", data={"csrf_token": token, "user_id": user_id, "password": PASSWORD,
                                               "card_token": json.dumps(answer)})
    elapsed = time.perf_counter() - start
    assert done.url.endswith("/my") and done.status_code == 200, (done.status_code, done.url)
    return elapsed


def helper_answer(helper, site_url, pin):
    """The card helper over HTTP, as card.js drives it: operation, the PIN into its prompt, then the result."""
    web = requests.Session()

    def answer(challenge):
        op = web.post(helper + "/v1/operations", json={**challenge, "lang": "ja"}, headers={"Origin": site_url}).json()
        web.post(op["prompt_url"], data={"pin": pin}, headers={"Origin": helper})
        while True:
            state = web.get(f"{helper}/v1/operations/{op['id']}", headers={"Origin": site_url}).json()
            if state["state"] == "done":
                return state["result"]
            if state["state"] in ("failed", "cancelled", "expired"):
                raise RuntimeError(state)
            time.sleep(0.02)
    return answer


def end_to_end(tmp, rounds):
    from tests.support.journey import AUTH_PIN, JourneyStack

    limits = {"LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute", "LOGIN_LIMIT_PER_IP": "1000 per minute"}
    if pcscd.missing_parts():
        return in_process(tmp, rounds, limits, f"missing {', '.join(pcscd.missing_parts())}")
    print("end to end: gunicorn (1 worker, 4 threads) + pcscd + vpcd + virtual card + card helper over HTTP")
    try:
        stack = JourneyStack(tmp / "journey").start()
    except BaseException as error:  # the test support skips (raises) when pcscd will not start
        if isinstance(error, KeyboardInterrupt):
            raise
        return in_process(tmp, rounds, limits, f"pcscd did not start: {error}")
    try:
        site = stack.site(**limits)
        card = stack.issue_card()
        stack.insert(card)
        account = create_account(site.database, stack.certificates(card))
        _report(site.url, account, helper_answer(stack.helper_origin, site.url, AUTH_PIN), rounds)
    finally:
        stack.stop()


def in_process(tmp, rounds, limits, why):
    from tests.support.site import LiveSite

    print(f"end to end: MEASURED WITH AN IN-PROCESS CARD ({why}); gunicorn (1 worker, 4 threads), "
          "the card's and the helper's own time not included")
    ca = TestJLIS.open(tmp / "ca-e2e")
    state = card_file.issue_card(ca)
    env = {"ORAS_JPKI_AUTH_TRUST_ANCHORS": json.dumps([str(ca.anchor_dir("authentication"))]),
           "ORAS_JPKI_SIGN_TRUST_ANCHORS": json.dumps([str(ca.anchor_dir("signing"))]),
           "ORAS_JPKI_CRL_DIR": str(ca.path / "crl"), **{f"ORAS_{k}": x for k, x in limits.items()}}
    (tmp / "site").mkdir()
    site = LiveSite(str(tmp / "site"), env=env)
    try:
        certs = tuple(card_file.certificate(state, p).public_bytes(_der()) for p in ("authentication", "signing"))
        account = create_account(site.database, certs)
        _report(site.url, account, lambda challenge: in_process_token(state, site.url, challenge["nonce"]), rounds)
    finally:
        site.stop()


def _der():
    from cryptography.hazmat.primitives.serialization import Encoding
    return Encoding.DER


def _report(site_url, account, answer, rounds):
    one_login(site_url, account["user_id"], answer)  # warm up: first requests load catalogs and trust stores
    samples = [one_login(site_url, account["user_id"], answer) for _ in range(rounds)]
    print(f"one login, page to my page ({rounds} rounds): median {statistics.median(samples) * 1000:.0f} ms, "
          f"min {min(samples) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms (the applicant's PIN typing aside)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        throughput(tmp)
        end_to_end(tmp, max(1, min(args.rounds, 50)))


if __name__ == "__main__":
    main()
