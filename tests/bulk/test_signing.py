"""The ready rows of a batch signed together: one passkey assertion over the list of the applications' digests, each
row its own application with its own receipt number, the console's evidence verifying the batch's signature."""
import io
import re

import pytest

import store
from applications import canonical, records as application_records
from applications.facts import facts_of
from console import evidence
from tests.bulk import signing
from tests.bulk.conftest import add_photos
from tests.bulk.signing import signing_form, uploaded
from tests.staff_filing.conftest import RP_ID, SITE
from tests.support.applications import photo_jpeg

@pytest.fixture
def site(make_app, tmp_path):
    return make_app(SITE_ORIGIN=SITE, WTF_CSRF_ENABLED=False, ATTACHMENT_DIR=str(tmp_path / "blobs"))


@pytest.fixture
def signer(site):
    return signing.signer(site)


def signed_and_submitted(client, key, location):
    """The batch prepared, its list signed with the staff member's key and submitted: the submission's response."""
    client.post(location + "/prepare")
    options, submit_key = signing_form(client, location)
    return client.post(location + "/submit", data={"credential": key.get(options), "submit_key": submit_key})


def test_three_rows_signed_once_become_three_applications_with_receipts(site, signer):
    client, organisation, key = signer
    location = uploaded(client, bad_row=1)
    assert client.post(location + "/prepare").status_code == 303
    options, submit_key = signing_form(client, location)
    response = client.post(location + "/submit", data={"credential": key.get(options), "submit_key": submit_key})
    assert response.status_code == 303
    page = client.get(location).get_data(as_text=True)
    receipts = re.findall(r"data-receipt>([^<]+)<", page)
    assert len(receipts) == 2 and len(set(receipts)) == 2  # the bad row stays out, unsubmitted
    assert 'data-row="5" data-valid="no"' in page
    db = store.connect(site.config["DATABASE"])
    try:
        signatures = db.execute("SELECT s.application_id, s.assertion, l.document, s.digest FROM staff_signature s "
                                "JOIN signed_list l ON l.sha256 = s.signed_list").fetchall()
        assert len(signatures) == 2 and signatures[0][1] == signatures[1][1]  # one assertion for the batch
        for application_id, _assertion, batch_document, digest in signatures:
            application = application_records.by_id(db, application_id)
            assert application["state"] == "received" and application["receipt_number"] in receipts
            assert f"{application['public_id']} {digest}" in batch_document
            with site.test_request_context():
                checked = evidence.check(facts_of(db, application), None,
                                         application_records.staff_signature(db, application_id), (RP_ID, SITE))
            assert checked["ok"] and checked["batch"], checked
    finally:
        db.conn.close()


def test_a_signature_over_another_batchs_list_submits_nothing(site, signer):
    client, _, key = signer
    first, second = uploaded(client, count=2), uploaded(client, count=1)
    for location in (first, second):
        client.post(location + "/prepare")
    options, _ = signing_form(client, first)
    _, submit_key = signing_form(client, second)
    response = client.post(second + "/submit", data={"credential": key.get(options), "submit_key": submit_key})
    assert response.status_code == 400
    db = store.connect(site.config["DATABASE"])
    try:
        assert db.execute("SELECT count(*) FROM application WHERE state != 'draft'").fetchone()[0] == 0
    finally:
        db.conn.close()


def test_a_batch_list_that_does_not_name_the_application_is_refused():
    sha = "ab" * 32
    document = canonical.batch_document([("A1", sha)])
    assert canonical.signed_challenge("A1", sha, document) == canonical.batch_challenge([("A1", sha)])
    assert canonical.signed_challenge("A1", sha) == bytes.fromhex(sha)
    with pytest.raises(ValueError):
        canonical.signed_challenge("A2", sha, document)
    with pytest.raises(ValueError):
        canonical.signed_challenge("A1", "cd" * 32, document)


def test_a_batch_being_signed_refuses_changes_and_says_why(site, signer):
    client, _, _ = signer
    location = uploaded(client, count=1)
    client.post(location + "/prepare")
    for response in (client.post(location + "/rows/4", data={"sex": "male"}),
                     client.post(location + "/rows/4/attachments",
                                 data={"kind": "photo", "file": (io.BytesIO(photo_jpeg()), "photo.jpg")},
                                 content_type="multipart/form-data")):
        assert response.status_code == 409
        assert "data-bulk-error" in response.get_data(as_text=True)


def test_a_batch_list_changed_after_signing_shows_the_signature_failed(site, signer):
    """The queue and the case page with the batch's signature checked are the organisation's browser journey's
    (tests/e2e/test_organisation_journey.py); here the batch's list is changed afterwards."""
    from tests.console.conftest import Officer
    client, organisation, key = signer
    assert signed_and_submitted(client, key, uploaded(client, count=2)).status_code == 303
    examiner = Officer(site, "examiner@tokyo.example.jp", "tokyo", "examiner", "審査 一郎").enrol()
    assert examiner.sign_in().status_code == 303
    examiner.client.set_cookie("lang", "ja")
    db = store.connect(site.config["DATABASE"])
    try:
        application_id, public_id = db.execute("SELECT id, public_id FROM application ORDER BY id").fetchone()
        page = examiner.page(f"/console/cases/{public_id}").text
        assert organisation["name"] in page.split('id="signed-by">')[1].split("</p>")[0]
        assert "badge--good" in page.split('id="signature"')[1].split("</h2>")[0]
        # The batch's list changed afterwards (this application's line gone): shown as failed, never hidden.
        with store.transaction(db):
            db.execute("UPDATE signed_list SET document = replace(document, ?, 'X') WHERE sha256 = "
                       "(SELECT signed_list FROM staff_signature WHERE application_id = ?)", [public_id, application_id])
        page = examiner.page(f"/console/cases/{public_id}").text
        assert "badge--bad" in page.split('id="signature"')[1].split("</h2>")[0]
    finally:
        db.conn.close()


def test_the_progress_fragment_polls_while_submitting_and_leads_to_the_receipts(site, signer):
    client, _, key = signer
    location = uploaded(client, count=1)
    client.post(location + "/prepare")
    polling = client.get(location + "/progress", headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in polling.get_data(as_text=True) and "HX-Redirect" not in polling.headers
    options, submit_key = signing_form(client, location)
    client.post(location + "/submit", data={"credential": key.get(options), "submit_key": submit_key})
    done = client.get(location + "/progress", headers={"HX-Request": "true"})
    assert done.headers["HX-Redirect"].endswith(location.split("localhost", 1)[-1])
    assert 'value="1" max="1"' in done.get_data(as_text=True) and "hx-trigger" not in done.get_data(as_text=True)


def test_an_application_that_cannot_be_received_stays_a_draft_and_the_others_go_on(site, signer, monkeypatch):
    from applications import lifecycle
    client, _, key = signer
    location = uploaded(client, count=2)
    client.post(location + "/prepare")
    options, submit_key = signing_form(client, location)
    receive, calls = lifecycle.receive, []

    def changed_meanwhile_first(db, application, *args, **kwargs):
        calls.append(application["public_id"])
        if len(calls) == 1:
            raise lifecycle.StateConflict(application["public_id"])
        return receive(db, application, *args, **kwargs)
    monkeypatch.setattr(lifecycle, "receive", changed_meanwhile_first)
    response = client.post(location + "/submit", data={"credential": key.get(options), "submit_key": submit_key})
    assert response.status_code == 303
    page = client.get(location).get_data(as_text=True)
    assert len(re.findall(r"data-receipt>", page)) == 1
    assert "1件の申請は、一覧への署名の後に変更されたため" in page
    db = store.connect(site.config["DATABASE"])
    try:
        assert db.execute("SELECT state FROM application WHERE public_id = ?", [calls[0]]).fetchone()[0] == "draft"
        assert db.execute("SELECT state, submitted, to_submit FROM bulk_batch").fetchone() == ("submitted", 1, 2)
    finally:
        db.conn.close()


def test_a_row_without_its_photo_is_not_ready_and_stays_open_when_the_others_are_prepared(site, signer):
    """Shown ready without the photo, the row was frozen by the preparing and only then refused at signing, with no
    way left to add the photo."""
    client, _, _ = signer
    location = uploaded(client, count=2, photos=False)
    add_photos(client, location, (4,))
    page = client.get(location).get_data(as_text=True)
    assert 'data-row="4" data-valid="yes"' in page and 'data-row="5" data-valid="no"' in page
    assert "署名の前に申請人の写真を添付してください" in page.split('data-row="5"')[1].split("</tr>")[0]
    assert "申請できる1行を署名の準備に進める" in page
    assert client.post(location + "/prepare").status_code == 303
    signing = client.get(location).get_data(as_text=True)
    assert "これら1人について" in signing and "5行目:" not in signing
    db = store.connect(site.config["DATABASE"])
    try:
        assert db.execute("SELECT number FROM bulk_row WHERE application_id IS NOT NULL").fetchall() == [(4,)]
    finally:
        db.conn.close()


def test_a_submitted_row_says_so_instead_of_ready(site, signer):
    """After the submission the rows still read 申請可 ("ready"), as if nothing had been filed."""
    client, _, key = signer
    location = uploaded(client, count=1)
    assert signed_and_submitted(client, key, location).status_code == 303
    row = client.get(location).get_data(as_text=True).split('data-row="4"')[1].split("</tr>")[0]
    assert "提出済み" in row and "申請可" not in row
