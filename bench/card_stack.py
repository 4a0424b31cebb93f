"""APDUs and milliseconds per card operation through the full PC/SC stack, and the helper's HTTP overhead.

Starts its own pcscd (serialized with the tests by the same lock), a virtual card and the card helper;
stops them by PID. Run: .venv/bin/python bench/card_stack.py [--rounds 30]
"""
import argparse
import base64
import fcntl
import hashlib
import http.client
import json
import math
import os
import pathlib
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from card_helper import actions, pcsc  # noqa: E402
from jpki import protocol as p  # noqa: E402
from simulator import card_file, pcscd  # noqa: E402
from simulator.ca import TestJLIS  # noqa: E402

ORIGIN = "http://127.0.0.1:5000"


def minimum_apdus(auth_len, sign_len):
    """The protocol's floor: select AP, per file a select and ⌈len/256⌉ reads, verify = select + verify, sign = select + sign."""
    reads = lambda n: 1 + math.ceil(n / 256)  # noqa: E731
    return {"read both certificates": 1 + reads(auth_len) + 2 + reads(sign_len),
            "authenticate": 1 + 2 + reads(auth_len) + 2,
            "sign": 1 + 2 + reads(sign_len) + 2}


def timed(fn, rounds):
    samples, count = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        count = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), count


def wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    if pcscd.missing_parts():
        sys.exit(f"missing: {pcscd.missing_parts()}")
    lock = open(pcscd.LOCK_PATH, "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    if pcscd.serving():
        sys.exit("a pcscd is already running; stop it first (this benchmark starts its own)")
    children = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        state = card_file.issue_card(TestJLIS.open(tmp / "ca"))
        card_file.save(tmp / "card.json", state)
        port = pcscd.free_port_pair()
        helper_port = pcscd.free_port_pair()
        repo = pathlib.Path(__file__).resolve().parent.parent
        try:
            children.append(subprocess.Popen(pcscd.command(pcscd.write_reader_config(tmp / "conf", port)),
                                             start_new_session=True, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL))
            wait(pcscd.serving, 10)
            children.append(subprocess.Popen([sys.executable, "-m", "simulator", "insert", str(tmp / "card.json"),
                                              "--port", str(port)], cwd=repo, start_new_session=True,
                                             stdout=subprocess.DEVNULL))
            children.append(subprocess.Popen([sys.executable, "-m", "card_helper", "--port", str(helper_port),
                                              "--origin", ORIGIN, "--quiet"], cwd=repo, start_new_session=True,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            wait(lambda: pcsc.status()["card_present"], 10)
            helper = f"http://127.0.0.1:{helper_port}"
            wait(lambda: _up(helper), 10)
            run(state, helper, args.rounds)
        finally:
            for child in reversed(children):
                os.killpg(child.pid, signal.SIGTERM)
                child.wait(5)


def _up(helper):
    try:
        return requests.get(f"{helper}/v1/status", headers={"Origin": ORIGIN}, timeout=1).ok
    except requests.ConnectionError:
        return False


def run(state, helper, rounds):
    auth_pin, sign_pin = state["authentication"]["pin"], state["signing"]["pin"]
    auth_len = len(base64.b64decode(state["authentication"]["certificate"]))
    sign_len = len(base64.b64decode(state["signing"]["certificate"]))
    sign_cert = base64.b64decode(state["signing"]["certificate"])
    digest = hashlib.sha256(b"application").digest()
    nonce = base64.b64encode(os.urandom(32)).decode()

    def direct(body):
        def go():
            with pcsc.jpki_session() as card:
                body(card)
                return card.apdu_count
        return go

    def read_both(card):
        card.read_file(p.EF_AUTH_CERT)
        card.verify("signing", sign_pin)
        card.read_file(p.EF_SIGN_CERT)

    ops = {
        "read both certificates": direct(read_both),
        "authenticate": direct(lambda c: actions.authenticate(c, purpose="authentication", pin=auth_pin,
                                                             origin=ORIGIN, nonce=nonce)),
        "sign": direct(lambda c: actions.sign_digest(c, pin=sign_pin, digest=digest,
                                                     expected_certificate=sign_cert)),
    }
    # One keep-alive connection, as a browser keeps to the helper; a thin client so its own cost stays small.
    connection = http.client.HTTPConnection(helper.removeprefix("http://"))

    def call(method, path, origin, body=None, content_type=None):
        headers = {"Origin": origin, **({"Content-Type": content_type} if content_type else {})}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.read()

    def over_http(body):
        pin = sign_pin if body.get("key") == "signing" or body["kind"] == "sign" else auth_pin

        def go():
            op = json.loads(call("POST", "/v1/operations", ORIGIN, json.dumps(body), "application/json"))
            prompt = urllib.parse.urlsplit(op["prompt_url"])
            call("POST", f"{prompt.path}?{prompt.query}", helper, urllib.parse.urlencode({"pin": pin}),
                 "application/x-www-form-urlencoded")
            result = json.loads(call("GET", f"/v1/operations/{op['id']}", ORIGIN))
            assert result["state"] == "done", result
        return go

    via_helper = {
        "authenticate": over_http({"kind": "authenticate", "nonce": nonce}),
        "sign": over_http({"kind": "sign", "digest": base64.b64encode(digest).decode(),
                           "certificate": state["signing"]["certificate"]}),
    }
    floor = minimum_apdus(auth_len, sign_len)
    print(f"certificates: authentication {auth_len} B, signing {sign_len} B; median of {rounds} rounds")
    print(f"{'operation':24} {'APDUs':>6} {'minimum':>8} {'direct ms':>10} {'HTTP ms':>8} {'overhead ms':>12}")
    for name, fn in ops.items():
        for _ in range(3):
            fn()  # warm up
        ms, count = timed(fn, rounds)
        line = f"{name:24} {count:>6} {floor[name]:>8} {ms:>10.2f}"
        if name in via_helper:
            via_helper[name]()
            http_ms, _ = timed(via_helper[name], rounds)
            line += f" {http_ms:>8.2f} {http_ms - ms:>12.2f}"
        print(line)


if __name__ == "__main__":
    main()
