"""Review, signing and submitting through the test client, with the in-process virtual card's signatures."""
import datetime
import json
import re
import threading

import pytest

from applications import lifecycle, records
from store import transaction
from tests.submission.conftest import logged_in, post_submit, sign_request, signed
from tests.support import applications as samples
from tests.support.sessions import csrf_token


def state_of(db, public_id):
    return records.by_public_id(db, public_id)


def outbox(db, kind="receipt"):
    return db.execute("SELECT recipient, subject, text_body FROM outbox WHERE kind = ?", [kind]).fetchall()


def assert_nothing_stored(db, public_id):
    row = state_of(db, public_id)
    assert row["state"] == "draft"
    assert row["receipt_number"] is None and row["signature"] is None and row["digest"] is None
    assert row["submit_key"] is None and row["bureau"] is None
    assert not outbox(db)
    assert db.execute("SELECT COUNT(*) FROM application_event WHERE to_state = 'received'").fetchone()[0] == 0


def test_review_lists_every_answer_with_change_links_fee_and_bureau(member, draft):
    page = member.get(f"/applications/{draft['public_id']}/review")
    assert page.status_code == 200
    text = page.text
    assert "Check your answers before signing" in text
    assert "SHIKEN ICHIRO" in text and "西新宿二丁目８番１号" in text
    assert f'/applications/{draft["public_id"]}/form/applicant?from=review#name' in text
    assert "Tokyo Regional Immigration Services Bureau" in text
    assert "5,500 yen" in text and "3,500 yen" in text and "9,000 yen" in text  # extension + single re-entry
    assert 'data-card-step' in text and "Sign with my card and submit" in text
    assert "signing password" in text


def test_sign_request_hands_the_helper_the_digest_and_the_accounts_certificate(member, draft, account, db):
    request = sign_request(member, draft["public_id"])
    assert request["kind"] == "sign"
    import base64
    assert base64.b64decode(request["certificate"]) == bytes(account["sign_certificate"])
    expected, _ = lifecycle.signable(db, state_of(db, draft["public_id"]), account)
    assert base64.b64decode(request["digest"]) == expected


def test_submit_receives_routes_numbers_and_emails_in_one_go(member, draft, db, card_state):
    response = post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/applications/{draft['public_id']}/received")
    row = state_of(db, draft["public_id"])
    year = datetime.date.today().year
    assert row["state"] == "received" and row["bureau"] == "tokyo"
    assert re.fullmatch(rf"TOK-{year}-0000001", row["receipt_number"])
    assert row["signature"] and row["signer_certificate"] and len(row["digest"]) == 64
    assert row["submitted_at"]
    events = records.events(db, row["id"])
    assert [(e["from_state"], e["to_state"], e["actor"]) for e in events] == [("draft", "received", "applicant")]
    [(to, subject, text)] = outbox(db)
    assert to == "ichiro.shiken@example.jp"  # the notification address the application gave
    assert row["receipt_number"] in subject and row["receipt_number"] in text
    assert f"/applications/{draft['public_id']}/status" in text
    received = member.get(response.headers["Location"])
    assert row["receipt_number"] in received.text
    # the next steps of a re-entry permit, collected at the counter, with the fee in revenue stamps
    for said in (received.text, text):
        assert "When it is granted" in said and "revenue stamps" in said and "9,000 yen" in said
        assert "Bring your passport" in said and "re-entry permit is put in your passport" in said
    copy = member.get(f"/applications/{draft['public_id']}/copy")
    assert copy.status_code == 200 and row["receipt_number"] in copy.text and row["digest"] in copy.text
    assert 'media="print"' in copy.text and "css/print.css" in copy.text
    assert " style=" not in copy.text  # the print layout comes from the stylesheet only
    assert member.get(f"/applications/{draft['public_id']}/review").status_code == 302


def test_the_stored_signature_verifies_against_the_stored_digest(member, draft, db, card_state, site):
    post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state))
    row = state_of(db, draft["public_id"])
    from verification import verify_document_signature
    with site.app_context():
        from blueprints.card import trust
        verified = verify_document_signature(
            digest=bytes.fromhex(row["digest"]), signature=bytes(row["signature"]),
            certificate=bytes(row["signer_certificate"]), trust_anchors=trust().anchors_for("signing"),
            revocation=trust().revocation)
    assert verified.certificate_der == bytes(row["signer_certificate"])


def test_a_change_after_signing_fails_verification(member, draft, db, card_state):
    signature = signed(member, draft["public_id"], card_state)
    with transaction(db):
        data = dict(draft["data"], reason="Changed after signing.")
        records.save_draft(db, draft["public_id"], draft["account_id"], data, draft["version"])
    response = post_submit(member, draft["public_id"], signature)
    assert response.status_code == 400
    assert "changed after you signed" in response.text
    assert_nothing_stored(db, draft["public_id"])


def test_a_draft_tampered_in_the_database_fails_verification(member, draft, db, card_state):
    signature = signed(member, draft["public_id"], card_state)
    data = dict(draft["data"], prefecture="27")  # would route it to Osaka
    db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data), draft["id"]])
    assert post_submit(member, draft["public_id"], signature).status_code == 400
    assert_nothing_stored(db, draft["public_id"])


def test_an_attachment_added_after_signing_fails_verification(member, draft, db, card_state, tmp_path):
    signature = signed(member, draft["public_id"], card_state)
    with transaction(db):
        sha = records.add_blob(db, str(tmp_path / "blobs"), b"%PDF-1.7 late", "application/pdf")
        records.attach(db, draft["id"], sha, "document", "late.pdf")
    assert post_submit(member, draft["public_id"], signature).status_code == 400
    assert_nothing_stored(db, draft["public_id"])


def test_a_signature_by_another_card_is_refused(member, draft, db, other_card_state):
    request = sign_request(member, draft["public_id"])
    import base64
    from tests.card.in_process import document_signature
    signature = json.dumps(document_signature(other_card_state, base64.b64decode(request["digest"])))
    response = post_submit(member, draft["public_id"], signature)
    assert response.status_code == 400
    assert "your own My Number Card" in response.text
    assert_nothing_stored(db, draft["public_id"])


def test_a_signature_whose_holder_is_not_the_account_holder_is_refused(member, draft, db, account, card_state):
    signature = signed(member, draft["public_id"], card_state)
    db.execute("UPDATE account SET birth_date = '1990-04-02' WHERE id = ?", [account["id"]])
    assert post_submit(member, draft["public_id"], signature).status_code == 400
    assert_nothing_stored(db, draft["public_id"])


@pytest.mark.parametrize("signature", ["", "not json", json.dumps({"signature": "AAAA"}),
                                       json.dumps({"certificate": "!!", "signature": "!!"}), "x" * 20000])
def test_malformed_signatures_are_a_clear_400(member, draft, db, signature):
    response = post_submit(member, draft["public_id"], signature)
    assert response.status_code == 400
    assert "The application was not submitted" in response.text
    assert_nothing_stored(db, draft["public_id"])


def test_double_submit_makes_one_application(member, draft, db, card_state):
    signature = signed(member, draft["public_id"], card_state)
    first = post_submit(member, draft["public_id"], signature, submit_key="same-key-" + "x" * 16)
    second = post_submit(member, draft["public_id"], signature, submit_key="same-key-" + "x" * 16)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert len(outbox(db)) == 1
    assert db.execute("SELECT COUNT(*) FROM application WHERE receipt_number IS NOT NULL").fetchone()[0] == 1


def test_concurrent_double_click_makes_one_application(site, account, draft, db, card_state):
    clients = [logged_in(site, account) for _ in range(4)]
    signature = signed(clients[0], draft["public_id"], card_state)
    tokens = [csrf_token(c) for c in clients]
    results = []

    def click(client, token):
        results.append(client.post(f"/applications/{draft['public_id']}/submit",
                                   data={"signature": signature, "submit_key": "double-click-key-123",
                                         "csrf_token": token}).status_code)

    threads = [threading.Thread(target=click, args=pair) for pair in zip(clients, tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [303] * 4
    assert len(outbox(db)) == 1
    assert db.execute("SELECT COUNT(*) FROM application_event WHERE to_state = 'received'").fetchone()[0] == 1


def test_a_replayed_request_with_another_key_makes_no_second_application(member, draft, db, card_state):
    signature = signed(member, draft["public_id"], card_state)
    post_submit(member, draft["public_id"], signature, submit_key="first-key-" + "x" * 16)
    replay = post_submit(member, draft["public_id"], signature, submit_key="second-key-" + "x" * 16)
    assert replay.status_code == 303 and replay.headers["Location"].endswith("/status")
    assert len(outbox(db)) == 1
    assert state_of(db, draft["public_id"])["submit_key"] == "first-key-" + "x" * 16


def test_missing_csrf_is_400_and_nothing_is_stored(member, draft, db, card_state):
    signature = signed(member, draft["public_id"], card_state)
    response = post_submit(member, draft["public_id"], signature, csrf=False)
    assert response.status_code == 400
    assert member.post(f"/applications/{draft['public_id']}/sign-request").status_code == 400
    assert_nothing_stored(db, draft["public_id"])


def test_a_failure_inside_the_transaction_leaves_nothing_half_stored(member, draft, db, card_state, monkeypatch):
    signature = signed(member, draft["public_id"], card_state)

    def broken_queue(*args, **kwargs):
        raise RuntimeError("outbox unavailable")
    monkeypatch.setattr(lifecycle, "queue", broken_queue)
    response = post_submit(member, draft["public_id"], signature)
    assert response.status_code == 500
    assert_nothing_stored(db, draft["public_id"])


def test_another_applicants_application_is_404_everywhere(site, draft, other_account, card_state):
    intruder = logged_in(site, other_account)
    token = csrf_token(intruder)
    public_id = draft["public_id"]
    for path in ("review", "received", "copy", "status"):
        assert intruder.get(f"/applications/{public_id}/{path}").status_code == 404, path
    assert intruder.post(f"/applications/{public_id}/sign-request", headers={"X-CSRFToken": token}).status_code == 404
    assert intruder.post(f"/applications/{public_id}/submit",
                         data={"csrf_token": token, "signature": "{}", "submit_key": "k" * 24}).status_code == 404


def test_logged_out_visitors_are_sent_to_login(site, draft):
    from tests.conftest import chrome_client
    response = chrome_client(site).get(f"/applications/{draft['public_id']}/review")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_incomplete_draft_cannot_be_signed(member, database, account, db):
    data = samples.extension_with_reentry()
    del data["passport_number"]
    row = samples.create_draft(database, account["id"], (3, 6), data, reentry_kind="single")
    page = member.get(f"/applications/{row['public_id']}/review")
    assert "There is a problem" in page.text and f'/form/applicant?from=review#passport_number' in page.text
    assert "data-card-step" not in page.text
    response = member.post(f"/applications/{row['public_id']}/sign-request", headers={"X-CSRFToken": csrf_token(member)})
    assert response.status_code == 409
    assert post_submit(member, row["public_id"], "{}").status_code == 400
    assert_nothing_stored(db, row["public_id"])


def test_receipt_numbers_count_per_office_and_a_coe_goes_to_the_hosts_bureau(member, database, account, db, card_state):
    numbers = []
    year = datetime.date.today().year
    for procedures, data in (((2,), samples.change_to_engineer()), ((2,), samples.change_to_engineer()),
                             ((1,), samples.certificate_of_eligibility())):
        row = samples.create_draft(database, account["id"], procedures, data)
        assert post_submit(member, row["public_id"], signed(member, row["public_id"], card_state)).status_code == 303
        numbers.append(state_of(db, row["public_id"])["receipt_number"])
        db.execute("UPDATE application SET state = 'refused' WHERE id = ?", [row["id"]])  # decided: no longer pending
    assert numbers == [f"OSA-{year}-0000001", f"OSA-{year}-0000002", f"FUK-{year}-0000001"]


def test_receipt_prefixes_are_unique_across_offices():
    from rules.bureaus import OFFICES
    assert len({lifecycle.receipt_prefix(o.code) for o in OFFICES}) == len(OFFICES)


def test_a_change_from_the_review_page_comes_back_to_it(member, draft):
    """GOV.UK's check-answers pattern: "Change", then "Save and continue", returns to the review page."""
    public_id = draft["public_id"]
    review = member.get(f"/applications/{public_id}/review").text
    change = re.search(rf'href="(/applications/{public_id}/form/applicant\?[^"#]*)#name"', review)
    assert change, "the change link says where it came from"
    form = member.get(change.group(1).replace("&amp;", "&")).text
    version = re.search(r'id="draft-version" value="(\d+)"', form).group(1)
    came_from = re.search(r'name="from" value="([^"]*)"', form)
    assert came_from and came_from.group(1) == "review"
    saved = member.post(f"/applications/{public_id}/form/applicant",
                        data={"csrf_token": csrf_token(member), "version": version, "from": "review"})
    assert saved.status_code == 303 and saved.headers["Location"].endswith(f"/applications/{public_id}/review")
    # without it, the form goes on to the next page as before
    onward = member.post(f"/applications/{public_id}/form/applicant",
                         data={"csrf_token": csrf_token(member), "version": str(int(version) + 1)})
    assert onward.status_code == 303 and "/review" not in onward.headers["Location"]


@pytest.mark.parametrize("key", ["\u3000" * 20, "key-with-é-" + "x" * 16, "x" * 65, "short"])
def test_a_submit_key_not_of_the_review_pages_shape_is_a_400_before_and_after_submitting(member, draft, db,
                                                                                        card_state, key):
    signature = signed(member, draft["public_id"], card_state)
    assert post_submit(member, draft["public_id"], signature, submit_key=key).status_code == 400
    assert_nothing_stored(db, draft["public_id"])
    assert post_submit(member, draft["public_id"], signature, submit_key="first-key-" + "x" * 16).status_code == 303
    # after submitting, the key is compared with the stored one: a non-ASCII one was a 500 there
    again = post_submit(member, draft["public_id"], signature, submit_key=key)
    assert again.status_code == 400 and "Go back, check what you entered" in again.text
