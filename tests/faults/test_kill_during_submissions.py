"""The fault test (issue 9): the site under gunicorn takes concurrent signed submissions and is killed with
SIGKILL mid-way, then restarted on the same database. Every acknowledged submission is there with its receipt
mail, none is half-written, a retry with the same key makes no second submission, and nothing is refused
after the restart (the trust anchors and CRLs load before the first check)."""
import base64
import json
import os
import re
import signal
import sqlite3
import threading

import pytest
import requests

from app import create_app
from tests.card.conftest import SITE_ORIGIN, card_state, test_ca  # noqa: F401 - fixtures
from tests.card.in_process import document_signature
from tests.submission.conftest import certificates
from tests.support import agents
from tests.support import applications as samples
from tests.support.accounts import create_account
from tests.support.site import LiveSite

DRAFTS = 10
THREADS = 5


def site(tmp_path, test_ca):  # noqa: F811
    return LiveSite(str(tmp_path), workers=2, threads=4, env={
        "ORAS_JPKI_AUTH_TRUST_ANCHORS": json.dumps([str(test_ca.anchor_dir("authentication"))]),
        "ORAS_JPKI_SIGN_TRUST_ANCHORS": json.dumps([str(test_ca.anchor_dir("signing"))]),
        "ORAS_JPKI_CRL_DIR": str(test_ca.path / "crl"),
        "ORAS_TRUSTED_HOSTS": json.dumps(["127.0.0.1"]),
    })


def browser(live, cookie):
    session = requests.Session()
    session.headers["User-Agent"] = agents.CHROME_WINDOWS
    session.cookies.set("oras_session", cookie, domain="127.0.0.1", path="/")
    return session


def csrf(session, url):
    page = session.get(url + "/applications", timeout=30)
    return re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)


def test_sigkill_during_concurrent_submissions(tmp_path, test_ca, card_state):  # noqa: F811
    live = site(tmp_path, test_ca)
    try:
        account = create_account(live.database, certificates(card_state), name="テスト\u3000花子",
                                 birth_date="1990-04-01", email="kill.test@example.jp", password=None)
        # each for another person (a parent filing for several children): one pending application per person
        drafts = [samples.create_draft(live.database, account["id"], (3, 6),
                                       {**samples.extension_with_reentry(), "name": f"SHIKEN CHILD {chr(65 + n)}"},
                                       status_code="engineer_specialist", reentry_kind="single")["public_id"]
                  for n in range(DRAFTS)]
        app = create_app({"MODE": "test", "SECRET_KEY": live.env["ORAS_SECRET_KEY"], "DATABASE": live.database})
        from accounts import records as account_records
        import store
        db = store.connect(live.database)
        with store.transaction(db):
            secret = account_records.start_session(db, account["id"])
        db.conn.close()
        cookie = app.session_interface.get_signing_serializer(app).dumps({"sid": secret})

        session = browser(live, cookie)
        token = csrf(session, live.url)
        forms = {}  # public id → the form the page posts: the signature over the stored draft, and its key
        for public_id in drafts:
            asked = session.post(f"{live.url}/applications/{public_id}/sign-request",
                                 headers={"X-CSRFToken": token}, timeout=30).json()
            signed = document_signature(card_state, base64.b64decode(asked["digest"]))
            forms[public_id] = {"signature": json.dumps(signed), "submit_key": f"key-{public_id}"[:64].ljust(24, "k"),
                                "csrf_token": token}

        acknowledged, lock, killed = set(), threading.Lock(), threading.Event()

        def submit(url, public_id):
            response = session.post(f"{url}/applications/{public_id}/submit", data=forms[public_id],
                                     allow_redirects=False, timeout=30)
            return response.status_code, response.headers.get("Location", "")

        def worker(ids):
            for public_id in ids:
                try:
                    status, location = submit(live.url, public_id)
                except requests.RequestException:
                    continue  # the server died under this request
                if status == 303 and location.endswith("/received"):
                    with lock:
                        acknowledged.add(public_id)
                        if len(acknowledged) >= DRAFTS // 3 and not killed.is_set():
                            killed.set()
                            os.killpg(live.child.pid, signal.SIGKILL)

        threads = [threading.Thread(target=worker, args=(drafts[i::THREADS],)) for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert killed.is_set() and acknowledged
        live.child.stop()

        live = site(tmp_path, test_ca)  # restarted on the same database (a new port); the browser keeps its cookie
        for public_id in drafts:  # every tab retries with its own key: one submission each, none refused
            status, location = submit(live.url, public_id)
            if status != 303:
                status = (status, session.post(f"{live.url}/applications/{public_id}/submit", data=forms[public_id],
                                               timeout=30).text[-1500:])
            assert status == 303 and location.endswith(f"/applications/{public_id}/received"), (status, location)
            again = submit(live.url, public_id)
            assert again == (status, location)
    finally:
        live.stop()

    conn = sqlite3.connect(live.database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT public_id, state, receipt_number, signature, digest FROM application").fetchall()
    assert len(rows) == DRAFTS and all(state == "received" and number and signature and digest
                                       for _, state, number, signature, digest in rows)
    assert len({number for _, _, number, _, _ in rows}) == DRAFTS
    mails = conn.execute("SELECT COUNT(*), COUNT(DISTINCT subject) FROM outbox WHERE kind = 'receipt'").fetchone()
    assert mails == (DRAFTS, DRAFTS)
    events = conn.execute("SELECT COUNT(*) FROM application_event WHERE to_state = 'received'").fetchone()[0]
    assert events == DRAFTS
    assert acknowledged <= {public_id for public_id, *_ in rows}
