"""The bureau decides use applications in the console: its own queue, the organisation's page, documents, four eyes,
every step audited; another bureau's organisation is a 404."""
import re

from tests.organisations.conftest import console_post, db_of, mails


def audit_actions(site):
    db = db_of(site)
    try:
        return [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY id")]
    finally:
        db.conn.close()


def state(site):
    db = db_of(site)
    try:
        return db.execute("SELECT state FROM organisation").fetchone()[0]
    finally:
        db.conn.close()


def test_the_queue_and_the_page_of_the_officers_bureau(site, applied, officers):
    examiner = officers("kakari@example.test")
    queue = examiner.page("/console/organisations")
    assert queue.status_code == 200 and "架空商事株式会社" in queue.text and applied in queue.text
    page = examiner.page(f"/console/organisations/{applied}")
    assert page.status_code == 200 and "hanako@example.test" in page.text and "7010705000725" in page.text
    document = re.search(rf'/console/organisations/{applied}/documents/(\d+)', page.text).group(0)
    shown = examiner.page(document)
    assert shown.status_code == 200 and shown.data.startswith(b"%PDF-") and shown.mimetype == "application/pdf"
    assert "sandbox" in shown.headers["Content-Security-Policy"]
    assert {"organisation_opened", "organisation_document_viewed"} <= set(audit_actions(site))


def test_another_bureau_sees_nothing_and_the_attempt_is_audited(site, applied, officers):
    osaka = officers("osaka@example.test", office="osaka")
    assert applied not in osaka.page("/console/organisations").text
    assert osaka.page(f"/console/organisations/{applied}").status_code == 404
    assert console_post(osaka, f"/console/organisations/{applied}/propose", outcome="approve").status_code == 404
    assert "organisation_refused_other_bureau" in audit_actions(site)
    assert state(site) == "applied"


def test_four_eyes_then_enrolment_mails_to_each_staff_member(site, applied, officers):
    examiner = officers("kakari@example.test")
    supervisor = officers("kessai@example.test", role="supervisor", name="試験 決裁者")
    other = officers("kessai2@example.test", role="supervisor", name="試験 次長")
    assert console_post(examiner, f"/console/organisations/{applied}/propose", outcome="approve").status_code == 303
    assert console_post(examiner, f"/console/organisations/{applied}/approve").status_code == 403
    assert console_post(supervisor, f"/console/organisations/{applied}/return", comment="書類を確認").status_code == 303
    assert console_post(supervisor, f"/console/organisations/{applied}/propose", outcome="approve").status_code == 303
    for own in ("approve", "return"):
        assert console_post(supervisor, f"/console/organisations/{applied}/{own}").status_code == 403
    assert state(site) == "applied"
    assert console_post(other, f"/console/organisations/{applied}/approve").status_code == 303
    assert state(site) == "approved"
    assert sorted(to for to, _s, _t in mails(site, "staff_enrolment")) == ["hanako@example.test",
                                                                          "ichiro@example.test"]
    actions = audit_actions(site)
    assert actions.count("organisation_proposed") == 2 and "organisation_returned" in actions
    assert actions[-1] == "organisation_approved"


def test_refusal_tells_the_organisation_why_and_no_staff_can_enrol(site, applied, officers):
    examiner = officers("kakari@example.test")
    supervisor = officers("kessai@example.test", role="supervisor", name="試験 決裁者")
    without = console_post(examiner, f"/console/organisations/{applied}/propose", outcome="refuse")
    assert without.status_code == 400
    assert console_post(examiner, f"/console/organisations/{applied}/propose", outcome="refuse",
                        reason="登記事項証明書の法人名が申出と異なるため。").status_code == 303
    assert console_post(supervisor, f"/console/organisations/{applied}/approve").status_code == 303
    assert state(site) == "refused"
    [(to, _subject, text)] = mails(site, "organisation_refused")
    assert to == "soumu@example.test" and "登記事項証明書の法人名が申出と異なるため。" in text
    assert mails(site, "staff_enrolment") == []


def test_a_request_for_documents_is_mailed_with_its_deadline(site, applied, officers):
    examiner = officers("kakari@example.test")
    past = console_post(examiner, f"/console/organisations/{applied}/request", message="誓約書の原本", deadline="2001-01-01")
    assert past.status_code == 400
    sent = console_post(examiner, f"/console/organisations/{applied}/request", message="誓約書の原本",
                        deadline="2099-01-31")
    assert sent.status_code == 303
    [(to, _subject, text)] = mails(site, "organisation_documents")
    assert to == "soumu@example.test" and "誓約書の原本" in text and "2099-01-31" in text
    assert "organisation_documents_requested" in audit_actions(site)


def test_an_administrator_has_no_organisation_pages(site, applied, officers):
    admin = officers("kanri@example.test", role="admin", name="試験 管理者")
    assert admin.page("/console/organisations").status_code == 404
    assert admin.page(f"/console/organisations/{applied}").status_code == 404
