"""A signed batch is received in chunks after the submit request: the request records the signature and returns, the
page's progress poll (a POST) receives the next drafts within its time budget, the bulk worker picks up a batch whose
page was closed; a draft changed after signing stays a draft; two drivers at once never receive a draft twice."""
import html
import json
import re
import threading

import pytest

import store
from applications import bulk_records, lifecycle
from organisations import bulk_filing
from tests.bulk import signing
from tests.staff_filing.conftest import SITE


@pytest.fixture
def site(make_app, tmp_path):
    """Every batch above one draft is received in chunks of at least one draft a request (a zero time budget)."""
    return make_app(SITE_ORIGIN=SITE, WTF_CSRF_ENABLED=False, ATTACHMENT_DIR=str(tmp_path / "blobs"),
                    BULK_SUBMIT_IN_REQUEST=1, BULK_DRIVE_SECONDS=0)


@pytest.fixture
def signer(site):
    return signing.signer(site)


def database(site):
    return store.connect(site.config["DATABASE"])


def drive(client, location):
    return client.post(location + "/progress", headers={"HX-Request": "true"})


def test_the_submit_request_records_the_signature_and_the_progress_poll_receives_the_rest(site, signer):
    client, _, key = signer
    location, response = signing.signed(client, key, 3)
    assert response.status_code == 303
    page = client.get(location).get_data(as_text=True)
    assert "data-bulk-half-submitted" in page and "この一括申請はまだすべて提出されていません" in page
    assert 'value="1" max="3"' in page and len(re.findall(r"data-receipt>", page)) == 1
    assert "一括申請の画面からこの一括申請をもう一度開いてください" in page  # no bulk worker in demo and test mode
    assert f'hx-post="{location.split("localhost", 1)[-1]}/progress"' in page
    db = database(site)
    try:
        batch = db.execute("SELECT state, to_submit, submitted, assertion, batch_document, signed_by, signed_at "
                           "FROM bulk_batch").fetchone()
        assert batch[:3] == ("submitting", 3, 1) and all(batch[3:])
        assert db.execute("SELECT count(*) FROM bulk_row WHERE listed_digest IS NOT NULL").fetchone()[0] == 3
    finally:
        db.conn.close()
    assert "3件中1件を提出中" in client.get("/organisations/bulk/").get_data(as_text=True)  # the list of uploads
    site.config["WTF_CSRF_ENABLED"] = True  # the poll posts the page's token (htmx's hx-vals); without it, nothing
    assert drive(client, location).status_code == 400
    token = html.unescape(re.search(r"hx-vals='([^']+)'", page).group(1))
    polled = client.post(location + "/progress", data=json.loads(token), headers={"HX-Request": "true"})
    site.config["WTF_CSRF_ENABLED"] = False
    text = polled.get_data(as_text=True)
    assert polled.status_code == 200 and "HX-Redirect" not in polled.headers
    assert 'value="2" max="3"' in text and len(re.findall(r"data-latest-receipt=", text)) == 2
    assert 'hx-trigger="every 1s"' in text
    done = drive(client, location)
    assert done.headers["HX-Redirect"].endswith(location.split("localhost", 1)[-1])
    assert 'value="3" max="3"' in done.get_data(as_text=True)
    page = client.get(location).get_data(as_text=True)
    receipts = re.findall(r"data-receipt>([^<]+)<", page)
    assert len(set(receipts)) == 3 and "data-bulk-half-submitted" not in page
    # Finished: its heading says so, and each receipt is listed once (the table), not again as the latest.
    assert '<h2 id="sign">提出済み</h2>' in page and "data-latest-receipt" not in page
    assert all(page.count(receipt) == 1 for receipt in receipts)
    db = database(site)
    try:
        signatures = db.execute("SELECT count(DISTINCT assertion), count(*) FROM staff_signature").fetchone()
        assert signatures == (1, 3)
        assert db.execute("SELECT state, submitted FROM bulk_batch").fetchone() == ("submitted", 3)
        assert db.execute("SELECT count(*) FROM bulk_row WHERE claimed_by IS NOT NULL").fetchone()[0] == 0
    finally:
        db.conn.close()


def test_the_bulk_worker_finishes_a_batch_whose_page_was_closed(site, signer):
    client, _, key = signer
    location, _ = signing.signed(client, key, 3)
    result = site.test_cli_runner().invoke(args=["bulk-worker", "--once"])
    assert result.exit_code == 0 and "bulk-worker: 2 received, 0 kept as drafts" in result.output, result.output
    page = client.get(location).get_data(as_text=True)
    assert len(set(re.findall(r"data-receipt>([^<]+)<", page))) == 3 and 'value="3" max="3"' in page
    again = site.test_cli_runner().invoke(args=["bulk-worker", "--once"])
    assert "bulk-worker: 0 received, 0 kept as drafts" in again.output


def test_a_draft_changed_after_signing_stays_a_draft_and_the_page_says_so(site, signer):
    client, _, key = signer
    location, _ = signing.signed(client, key, 3)
    db = database(site)
    try:
        changed = db.execute("SELECT a.id, a.public_id, a.data FROM bulk_row r JOIN application a "
                             "ON a.id = r.application_id WHERE a.state = 'draft' ORDER BY r.number DESC").fetchone()
        data = json.loads(changed[2])
        data["name"] = "KAKU HENKO"  # a name typed anew after the list was signed
        with store.transaction(db):
            db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data), changed[0]])
    finally:
        db.conn.close()
    drive(client, location)
    done = drive(client, location)
    assert "HX-Redirect" in done.headers and "data-bulk-kept" in done.get_data(as_text=True)
    page = client.get(location).get_data(as_text=True)
    assert len(re.findall(r"data-receipt>", page)) == 2
    assert "1件の申請は、一覧への署名の後に変更されたため" in page
    assert "未提出：一覧への署名の後に変更されました" in page
    db = database(site)
    try:
        assert db.execute("SELECT state FROM application WHERE id = ?", [changed[0]]).fetchone()[0] == "draft"
        assert db.execute("SELECT state, submitted, to_submit FROM bulk_batch").fetchone() == ("submitted", 2, 3)
        assert db.execute("SELECT count(*) FROM staff_signature WHERE application_id = ?",
                          [changed[0]]).fetchone()[0] == 0
    finally:
        db.conn.close()


def test_two_drivers_at_once_receive_each_draft_once(site, signer, monkeypatch):
    client, _, key = signer
    count = 6
    location, _ = signing.signed(client, key, count)
    monkeypatch.setattr(bulk_filing, "CHUNK", 1)  # the two take turns draft by draft
    receive, taken, lock = lifecycle.receive, {}, threading.Lock()
    both = threading.Barrier(2)

    def slow_receive(db, application, *args, **kwargs):
        with lock:
            taken.setdefault(threading.current_thread().name, []).append(application["public_id"])
        submitted = receive(db, application, *args, **kwargs)
        try:
            both.wait(timeout=2)  # each holds a received draft while the other receives its own
        except threading.BrokenBarrierError:
            pass
        return submitted
    monkeypatch.setattr(lifecycle, "receive", slow_receive)
    results, errors = {}, []

    def run(name):
        db = database(site)
        try:
            with site.app_context():  # receive's mail links are the site's
                batch = db.execute("SELECT id FROM bulk_batch").fetchone()[0]
                results[name] = bulk_filing.drive(db, bulk_records.by_id(db, batch), lease_seconds=60)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            db.conn.close()
    threads = [threading.Thread(target=run, args=(name,), name=name) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert sum(r.received for r in results.values()) == count - 1 and not any(r.kept for r in results.values())
    assert all(taken.get(name) for name in ("first", "second")), taken  # both drove
    assert not set(taken["first"]) & set(taken["second"])
    db = database(site)
    try:
        assert db.execute("SELECT state, submitted FROM bulk_batch").fetchone() == ("submitted", count)
        assert db.execute("SELECT count(*), count(DISTINCT receipt_number) FROM application WHERE state = 'received'"
                          ).fetchone() == (count, count)
        assert db.execute("SELECT count(*) FROM staff_signature").fetchone()[0] == count
    finally:
        db.conn.close()
