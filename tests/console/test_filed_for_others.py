"""An application filed by a relative for an applicant who has an account of their own: the filer and the applicant
recorded apart, the mails to both in their own languages, the status page open to both (only the filer acts), the
console showing both with the signer's certificate checked against the filer; another account gets a 404."""
import os
import re

import store
from applications import records
from tests.console.test_case_summary import summary_of
from tests.console.test_cases import by_post, case_url, received  # noqa: F401  (fixtures)
from tests.submission.conftest import logged_in, other_account, post_submit, signed  # noqa: F401  (fixture)
from tests.submission.test_status import pdf_bytes
from tests.support import applications as samples
from tests.support.accounts import create_account
from tests.support.sessions import csrf_token


def _filed_for(database, filer, applicant, with_document=True):
    """The filer's relative files an extension for `applicant` (in hospital), who has an account of their own."""
    data = {k: v for k, v in samples.extension_with_reentry().items() if k in samples.sample_answers(
        (3,), "engineer_specialist")}
    data.update(receipt_method="post", filed_by="relative", relative_relationship="wife", cannot_file_reason="illness",
                name="SHIKEN TARO", birth_date=applicant["birth_date"], has_residence_card="yes",
                residence_card_number=applicant["residence_card_number"], notification_email=filer["email"])
    data.pop("receiving_office", None)
    draft = samples.create_draft(database, filer["id"], (3,), data, status_code="engineer_specialist")
    if with_document:
        attach(database, draft, "cannot_file", "medical-certificate.pdf")
    return draft


def attach(database, draft, requirement, file_name):
    """A PDF assigned to one of the required documents (rules.documents), as the attachments page stores it."""
    db = store.connect(database)
    try:
        with store.transaction(db):
            sha = records.add_blob(db, os.path.join(os.path.dirname(database), "blobs"), pdf_bytes(),
                                   "application/pdf")
            records.attach(db, draft["id"], sha, "document", file_name, requirement=requirement)
    finally:
        db.conn.close()


def _received(member, database, account, other_account, card_state):
    draft = _filed_for(database, account, other_account)
    assert post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state)).status_code == 303
    db = store.connect(database)
    try:
        return records.by_public_id(db, draft["public_id"])
    finally:
        db.conn.close()


def test_the_filer_and_the_applicant_are_recorded_apart_and_both_get_the_mail(member, database, db, account,
                                                                              other_account, card_state):
    received = _received(member, database, account, other_account, card_state)
    assert (received["account_id"], received["filer_kind"]) == (account["id"], "relative")
    assert received["applicant_account_id"] == other_account["id"]
    assert (received["applicant_name"], received["applicant_birth_date"]) == ("SHIKEN TARO",
                                                                              other_account["birth_date"])
    mails = db.execute("SELECT recipient, language FROM outbox WHERE kind = 'receipt' ORDER BY id").fetchall()
    assert [tuple(m) for m in mails] == [(account["email"], "en"), (other_account["email"], "ja")]


def test_the_applicant_reads_the_status_page_and_only_the_filer_acts(site, member, database, account, other_account,
                                                                      card_state):
    received = _received(member, database, account, other_account, card_state)
    url = f"/applications/{received['public_id']}/status"
    applicant = logged_in(site, other_account)
    page = applicant.get(url)
    assert page.status_code == 200 and 'id="filed-for-you"' in page.text and "/withdraw" not in page.text
    assert applicant.get(f"/applications/{received['public_id']}/withdraw").status_code == 404
    assert applicant.post(f"/applications/{received['public_id']}/withdraw").status_code in (400, 404)
    assert member.get(url).status_code == 200 and 'id="filed-for-you"' not in member.get(url).text
    stranger = create_account(database, (b"auth-stranger", b"sign-stranger"), email="stranger@example.jp",
                              residence_card_number="EF11112222GH", password=None)
    assert logged_in(site, stranger).get(url).status_code == 404


def test_the_console_shows_filer_and_applicant_and_checks_the_signer_against_the_filer(
        make_officer, member, database, db, account, other_account, card_state):
    received = _received(member, database, account, other_account, card_state)
    examiner = make_officer("filed.for@bureau.example.jp")
    page = examiner.page(case_url(received)).text
    facts, _ = summary_of(page)
    assert facts["Applicant"] == "SHIKEN TARO"
    assert facts["Filed by"].startswith("A relative") and account["name"] in facts["Filed by"]
    assert "the applicant's Wife" in facts["Filed by"] and "illness" in facts["Filed by"]
    signer = re.search(r"Signer is the filer</dt>\s*<dd[^>]*>(.*?)</dd>", page, re.S)
    assert signer and signer.group(1).strip() == "Yes" and 'id="signer-mismatch"' not in page
    assert account["name"] in page.split('id="signature"')[1]  # the certificate's name: the filer's, not the applicant's
    # The filer's account says someone else: the certificate does not match the filer, and the page says so.
    db.execute("UPDATE account SET name = ? WHERE id = ?", ["別人　一郎", account["id"]])
    page = examiner.page(case_url(received)).text
    assert 'id="signer-mismatch"' in page
    assert "MISMATCH" in re.search(r"Signer is the filer</dt>\s*<dd[^>]*>(.*?)</dd>", page, re.S).group(1)


def test_without_the_document_of_the_illness_the_relative_cannot_sign(member, database, account, other_account):
    draft = _filed_for(database, account, other_account, with_document=False)
    review = member.get(f"/applications/{draft['public_id']}/review")
    assert "Attach a document showing why the applicant cannot file themself" in review.text
    refused = member.post(f"/applications/{draft['public_id']}/sign-request",
                          headers={"X-CSRFToken": csrf_token(member), "Accept": "application/json"})
    assert 400 <= refused.status_code < 500 and "Attach a document showing why" in refused.text
    attach(database, draft, "cannot_file", "medical-certificate.pdf")
    assert member.post(f"/applications/{draft['public_id']}/sign-request",
                       headers={"X-CSRFToken": csrf_token(member), "Accept": "application/json"}).status_code == 200


def test_one_pending_application_per_applicant_whoever_files_it(site, received, database, other_account):  # noqa: F811
    """The applicant's own extension is under examination: their relative's extension for them waits, and the
    refusal does not give the relative the other filer's receipt number."""
    data = {k: v for k, v in samples.extension_with_reentry().items() if k in samples.sample_answers(
        (3,), "engineer_specialist")}
    data.update(receipt_method="post", filed_by="relative", relative_relationship="husband",
                cannot_file_reason="illness", name=received["data"]["name"],
                birth_date=received["data"]["birth_date"], notification_email=other_account["email"])
    data.pop("receiving_office", None)
    draft = samples.create_draft(database, other_account["id"], (3,), data, status_code="engineer_specialist")
    attach(database, draft, "cannot_file", "medical-certificate.pdf")
    relative = logged_in(site, other_account)
    review = relative.get(f"/applications/{draft['public_id']}/review").text
    assert "already under examination, filed by someone else" in review
    assert received["receipt_number"] not in review and received["public_id"] not in review
    refused = relative.post(f"/applications/{draft['public_id']}/sign-request",
                            headers={"X-CSRFToken": csrf_token(relative), "Accept": "application/json"})
    assert 400 <= refused.status_code < 500


def test_a_change_of_state_mails_the_filer_and_the_applicant_each_in_their_language(member, database, db, account,
                                                                                    other_account, card_state):
    received = _received(member, database, account, other_account, card_state)
    withdrawn = member.post(f"/applications/{received['public_id']}/withdraw",
                            data={"csrf_token": csrf_token(member)})
    assert withdrawn.status_code == 303
    mails = db.execute("SELECT recipient, language FROM outbox WHERE kind = 'status_change' ORDER BY id").fetchall()
    assert [tuple(m) for m in mails] == [(account["email"], "en"), (other_account["email"], "ja")]
