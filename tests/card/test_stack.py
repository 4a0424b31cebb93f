"""Browser-free journey through the real stack: helper HTTP API → pyscard → pcscd → vpcd → virtual card → verification."""
import base64
import copy
import hashlib

import pytest
import requests

import store
import verification as v
from simulator import card_file
from tests.card.conftest import HOLDER, SITE_ORIGIN
from tests.support.pcsc import REPO, started_stack
from tests.support.processes import free_port, wait_until

pytestmark = pytest.mark.pcsc
API = {"Origin": SITE_ORIGIN}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    yield from started_stack(tmp_path_factory)


@pytest.fixture(scope="module")
def helper(stack):
    port = free_port()
    stack.helper([SITE_ORIGIN], port)
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def inserted(stack, card_state, tmp_path):
    """A fresh copy of the session card in the reader; yields its state and path, removes it afterwards."""
    path = tmp_path / "card.json"
    card_file.save(path, copy.deepcopy(card_state))
    info = {"path": path, "state": card_file.load(path), "child": stack.insert(path)}
    yield info
    stack.remove(info["child"])


@pytest.fixture
def db(tmp_path):
    return store.migrate(store.connect(tmp_path / "site.db"))


def operation(helper, **body):
    response = requests.post(f"{helper}/v1/operations", json={"lang": "en", **body}, headers=API, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()


def enter_pin(helper, op, pin):
    return requests.post(op["prompt_url"], data={"pin": pin}, headers={"Origin": helper}, timeout=20)


def outcome(helper, op):
    return requests.get(f"{helper}/v1/operations/{op['id']}", headers=API, timeout=10).json()


def test_status_shows_reader_and_card(helper, inserted):
    body = requests.get(f"{helper}/v1/status", headers=API, timeout=10).json()
    assert body["card"] == "present" and body["reader"].startswith("Virtual PCD")


def test_login_and_registration_then_verified_by_the_server(helper, inserted, db, trust):
    state = inserted["state"]
    nonce = v.issue_nonce(db, "s1", "login")
    op = operation(helper, kind="authenticate", nonce=nonce)
    assert "Tries left before the card locks: 3" in requests.get(op["prompt_url"], timeout=10).text
    assert enter_pin(helper, op, state["authentication"]["pin"]).status_code == 200
    token = outcome(helper, op)["result"]
    result = v.verify_authentication_token(
        token, db=db, session_id="s1", nonce_purpose="login", origin=SITE_ORIGIN, purpose="authentication",
        trust_anchors=trust["authentication"], revocation=trust["revocation"])
    assert result.certificate_der == base64.b64decode(state["authentication"]["certificate"])
    # Registration: the signing password proves the signing key, and the server reads the basic-4 info.
    nonce = v.issue_nonce(db, "s1", "register")
    op = operation(helper, kind="authenticate", key="signing", nonce=nonce)
    enter_pin(helper, op, state["signing"]["pin"].lower())
    signed = v.verify_authentication_token(
        outcome(helper, op)["result"], db=db, session_id="s1", nonce_purpose="register", origin=SITE_ORIGIN,
        purpose="signing", trust_anchors=trust["signing"], revocation=trust["revocation"])
    assert signed.basic_info == HOLDER


def test_document_signature_verified(helper, inserted, trust):
    state = inserted["state"]
    digest = hashlib.sha256(b"canonical application").digest()
    op = operation(helper, kind="sign", digest=base64.b64encode(digest).decode(),
                   certificate=state["signing"]["certificate"])
    enter_pin(helper, op, state["signing"]["pin"])
    body = outcome(helper, op)["result"]
    v.verify_document_signature(digest=digest, signature=body["signature"], certificate=body["certificate"],
                                trust_anchors=trust["signing"], revocation=trust["revocation"],
                                expected_certificate=base64.b64decode(state["signing"]["certificate"]))


def test_wrong_pin_down_to_blocked_survives_reinsertion(stack, helper, inserted):
    op = operation(helper, kind="authenticate", nonce="n" * 44)
    pages = [enter_pin(helper, op, "0000") for _ in range(3)]
    assert "locks: 2" in pages[0].text and "only one try is left" in pages[1].text
    assert "municipal office" in pages[2].text
    assert outcome(helper, op)["error"]["code"] == "pin_blocked"
    stack.remove(inserted["child"])
    inserted["child"] = stack.insert(inserted["path"])  # the card file keeps the counter
    again = operation(helper, kind="authenticate", nonce="n" * 44)
    assert "municipal office" in requests.get(again["prompt_url"], timeout=10).text
    assert outcome(helper, again)["error"]["code"] == "pin_blocked"


def test_card_removed_mid_sign(stack, helper, card_state, tmp_path):
    path = tmp_path / "card.json"
    card_file.save(path, copy.deepcopy(card_state))
    child = stack.insert(path, "--remove-on-sign")
    op = operation(helper, kind="authenticate", nonce="n" * 44)
    page = enter_pin(helper, op, card_state["authentication"]["pin"])
    assert "removed during the operation" in page.text
    assert outcome(helper, op)["last_error"]["code"] == "card_removed"
    wait_until(lambda: not child.alive(), 5, what="the card to leave")
    child.stop()


def test_no_card(helper, stack):
    op = operation(helper, kind="authenticate", nonce="n" * 44)
    page = requests.get(op["prompt_url"], timeout=10)
    assert page.status_code == 503 and "No card is on the reader" in page.text
    status = requests.get(f"{helper}/v1/status", headers=API, timeout=10).json()
    assert status["card"] == "absent"


def test_foreign_origin_and_rebinding_host_refused(helper):
    assert requests.get(f"{helper}/v1/status", headers={"Origin": "https://evil.example"},
                        timeout=10).status_code == 403
    port = helper.rsplit(":", 1)[1]
    rebound = requests.get(f"{helper}/v1/status", headers={**API, "Host": f"evil.example:{port}"}, timeout=10)
    assert rebound.status_code == 403 and rebound.json()["error"]["code"] == "host_forbidden"


def test_revoked_card_refused_by_the_server(helper, stack, test_ca, db, trust, tmp_path):
    state = card_file.issue_card(test_ca)
    path = tmp_path / "card.json"
    card_file.save(path, state)
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "simulator", "revoke", str(path), "--which", "auth"], check=True,
                   capture_output=True, cwd=REPO)
    child = stack.insert(path)
    try:
        nonce = v.issue_nonce(db, "s1", "login")
        op = operation(helper, kind="authenticate", nonce=nonce)
        enter_pin(helper, op, state["authentication"]["pin"])
        trust["revocation"]._checked = 0  # as if the reload interval had passed
        with pytest.raises(v.CertificateRevoked):
            v.verify_authentication_token(
                outcome(helper, op)["result"], db=db, session_id="s1", nonce_purpose="login",
                origin=SITE_ORIGIN, purpose="authentication", trust_anchors=trust["authentication"],
                revocation=trust["revocation"])
    finally:
        stack.remove(child)
