"""A signed bulk batch received by real processes: a bulk worker killed with SIGKILL half way leaves the batch
half-submitted with its claim, and the next drive (the page's progress poll) finishes it once the claim's lease has
passed, a draft changed after signing staying a draft; two workers started at once on one batch receive each draft
exactly once."""
import json
import os
import signal
import sqlite3
import sys
import time

import pytest

from tests.bulk import signing
from tests.staff_filing.conftest import SITE
from tests.support.processes import Child, wait_until

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LEASE = 2


@pytest.fixture
def site(make_app, tmp_path):
    """The submit request receives one draft (a zero budget); the rest is left to the workers."""
    return make_app(SITE_ORIGIN=SITE, WTF_CSRF_ENABLED=False, ATTACHMENT_DIR=str(tmp_path / "blobs"),
                    BULK_SUBMIT_IN_REQUEST=0, BULK_DRIVE_SECONDS=0, BULK_LEASE_SECONDS=LEASE)


def worker(site, tmp_path, name):
    """`flask --app app bulk-worker --once` on the site's database, as its own process."""
    env = {"ORAS_MODE": "test", "ORAS_DATABASE": site.config["DATABASE"], "ORAS_SITE_ORIGIN": SITE,
           "ORAS_ATTACHMENT_DIR": site.config["ATTACHMENT_DIR"], "ORAS_BULK_LEASE_SECONDS": str(LEASE)}
    return Child([os.path.join(os.path.dirname(sys.executable), "flask"), "--app", "app", "bulk-worker", "--once"],
                 env=env, cwd=ROOT, log_path=str(tmp_path / f"{name}.log"))


def counts(site):
    db = sqlite3.connect(site.config["DATABASE"], timeout=10)
    try:
        return db.execute("SELECT state, submitted, to_submit FROM bulk_batch").fetchone()
    finally:
        db.close()


def assert_each_received_once(site, count, kept=0):
    """Every listed draft but the `kept` ones received exactly once: one receipt, one signature, one receipt mail."""
    received = count - kept
    db = sqlite3.connect(site.config["DATABASE"], timeout=10)
    try:
        assert db.execute("SELECT state, submitted, to_submit FROM bulk_batch").fetchone() == \
            ("submitted", received, count)
        assert db.execute("SELECT count(*), count(DISTINCT receipt_number) FROM application "
                          "WHERE state = 'received'").fetchone() == (received, received)
        assert db.execute("SELECT count(*), count(DISTINCT application_id) FROM staff_signature").fetchone() == \
            (received, received)
        assert db.execute("SELECT count(*) FROM outbox WHERE kind = 'receipt'").fetchone()[0] == received
        assert db.execute("SELECT count(*) FROM bulk_row r JOIN application a ON a.id = r.application_id "
                          "WHERE r.outcome = 'kept' AND a.state = 'draft'").fetchone()[0] == kept
        assert db.execute("SELECT count(*) FROM bulk_row WHERE claimed_by IS NOT NULL").fetchone()[0] == 0
    finally:
        db.close()


def change_last_draft(site):
    """The batch's last draft edited after the list was signed (its digest is no longer the listed one)."""
    db = sqlite3.connect(site.config["DATABASE"], timeout=10)
    try:
        with db:
            application_id, data = db.execute(
                "SELECT a.id, a.data FROM bulk_row r JOIN application a ON a.id = r.application_id "
                "ORDER BY r.number DESC").fetchone()
            db.execute("UPDATE application SET data = ? WHERE id = ?",
                       [json.dumps({**json.loads(data), "name": "KAKU HENKO"}), application_id])
    finally:
        db.close()


def test_a_worker_killed_half_way_leaves_a_batch_the_next_drive_finishes(site, tmp_path):
    count = 24
    client, _, key = signing.signer(site)
    location, response = signing.signed(client, key, count)
    assert response.status_code == 303 and counts(site) == ("submitting", 1, count)
    change_last_draft(site)
    child = worker(site, tmp_path, "killed")
    try:
        wait_until(lambda: counts(site)[1] >= 3, 60, interval=0.01, what="the worker's first receipts")
        os.killpg(child.pid, signal.SIGKILL)
        child.proc.wait(10)
    finally:
        child.stop()
    state, submitted, _ = counts(site)
    assert state == "submitting" and submitted < count, "the worker finished before it was killed"
    page = client.get(location).get_data(as_text=True)
    assert "data-bulk-half-submitted" in page and f'value="{submitted}" max="{count}"' in page
    time.sleep(LEASE + 0.5)  # the dead worker's claim lapses
    for _ in range(count):
        polled = client.post(location + "/progress", headers={"HX-Request": "true"})
        if "HX-Redirect" in polled.headers:
            break
    assert "HX-Redirect" in polled.headers and "data-bulk-kept" in polled.get_data(as_text=True)
    assert_each_received_once(site, count, kept=1)


def test_two_workers_at_once_receive_each_draft_once(site, tmp_path):
    count = 16
    client, _, key = signing.signer(site)
    signing.signed(client, key, count)
    children = [worker(site, tmp_path, name) for name in ("first", "second")]
    try:
        for child in children:
            assert child.proc.wait(120) == 0, child.log_tail()
    finally:
        for child in children:
            child.stop()
    reported = [child.log_tail() for child in children]
    received = [int(text.split("bulk-worker: ")[1].split(" received")[0]) for text in reported]
    assert sum(received) == count - 1 and all("0 kept as drafts" in text for text in reported), reported
    assert_each_received_once(site, count)
