"""Who opened my file, in the browser: a Tokyo examiner (Chromium's virtual authenticator) opens a submitted
application in the console and views its attachment; the applicant's status page, in Chinese and Japanese, then
lists both with the bureau and never the officer. Every page the browsers visit passes axe-core (page guards)."""
import os
import time

import pytest

import store
from app import create_app
from applications import records
from console.cli import add_officer
from rules import application_states as states
from tests.e2e.test_console_journey import enrol_at, with_security_key
from tests.e2e.test_document_requirements import logged_in_with_account
from tests.submission.test_status import pdf_bytes
from tests.support import applications as samples
from tests.support.submitting import words

pytestmark = pytest.mark.e2e
EXPECTED = {"zh": ("谁打开过您的申请", "东京出入国在留管理局", "打开了您的申请", "查看了您附上的文件"),
            "ja": ("申請を開いた記録", "東京出入国在留管理局", "申請を開きました", "添付書類を閲覧しました")}


def submitted_application(site, account_id, receipt_number):
    """A received extension with one attached PDF, stored as the submission stores it (the signing has its own
    journeys)."""
    draft = samples.create_draft(site.database, account_id, (3,), samples.sample_answers((3,), "engineer_specialist"),
                                 status_code="engineer_specialist")
    db = store.connect(site.database)
    try:
        with store.transaction(db):
            sha = records.add_blob(db, os.path.join(os.path.dirname(site.database), "blobs"), pdf_bytes(),
                                   "application/pdf")
            records.attach(db, draft["id"], sha, "document", "passport.pdf")
            records.transition(db, draft["id"], states.INITIAL, states.SUBMITTED, states.APPLICANT,
                               submitted_at=time.time(), receipt_number=receipt_number, bureau="tokyo", digest="00" * 32, signature=b"",
                               signer_certificate=b"", submit_key=receipt_number)
    finally:
        db.conn.close()
    return draft


def enrolment_link(site, email):
    app = create_app({"MODE": "test", "SECRET_KEY": "e2e-only-secret", "DATABASE": site.database,
                      "CONSOLE_ORIGIN": site.console_url.rsplit("/console", 1)[0]})
    with app.app_context():
        db = store.connect(site.database)
        try:
            officer, secret, code = add_officer(db, email, "開示 次郎", "tokyo", "examiner")
        finally:
            db.conn.close()
    return f"{site.console_url}/enrol/{secret}", code


@pytest.mark.parametrize("language, card", [("zh", "AR11223344ZH"), ("ja", "AR55667788JA")])
def test_the_applicant_sees_that_the_bureau_opened_the_file(live_site, new_page, language, card):
    applicant, account_id = logged_in_with_account(new_page, live_site, language, card)
    application = submitted_application(live_site, account_id, f"TKY-2026-0{card[2:7]}")
    status_url = f"{live_site.url}/applications/{application['public_id']}/status"
    heading, bureau, opened, viewed = EXPECTED[language]
    applicant.goto(status_url)
    assert applicant.get_by_role("heading", name=heading).is_visible()
    assert applicant.locator("ul.access-record").count() == 0

    email = f"access.{language}@bureau.example.jp"
    examiner = with_security_key(new_page)
    enrol_at(examiner, enrolment_link(live_site, email), email, "examiner")
    examiner.goto(f"{live_site.console_url}/cases/{application['public_id']}")
    attachment = examiner.locator("#attachments tbody tr", has_text="passport")
    # The file as served is what the bureau opened (the console journey sees it displayed in the full browser).
    with examiner.context.expect_event("response", lambda response: "/attachments/" in response.url) as served:
        attachment.get_by_role("link", name=words("ja", "View")).click()
    assert served.value.ok

    applicant.reload()
    lines = applicant.locator("ul.access-record li").all_inner_texts()
    assert len(lines) == 2 and viewed in lines[0] and opened in lines[1], lines
    assert all(bureau in line for line in lines)
    assert "開示" not in applicant.content() and email not in applicant.content()
