"""The use application (利用申出) over HTTP: stored whole with its mail and audit row, or refused with a 4xx in the
user's language and nothing stored."""
import pytest

from tests.applications.conftest import png
from tests.organisations.conftest import Browser, application, apply, count, db_of, files, mails

STORED = ("organisation", "organisation_staff", "organisation_document", "outbox")


def nothing_stored(app):
    return all(count(app, table) == 0 for table in STORED)


def test_an_application_is_stored_whole_and_routed_by_its_head_office(site):
    response = apply(Browser(site))
    assert response.status_code == 303 and response.location.endswith("/organisations/applied")
    db = db_of(site)
    organisation = db.execute("SELECT state, bureau, address FROM organisation").fetchone()
    staff = db.execute("SELECT name, email, is_admin FROM organisation_staff ORDER BY id").fetchall()
    kinds = [row[0] for row in db.execute("SELECT kind FROM organisation_document ORDER BY id")]
    audit = db.execute("SELECT action, office FROM audit_log").fetchall()
    db.conn.close()
    assert organisation == ("applied", "tokyo", "東京都千代田区千代田１－１")
    assert staff == [("山田 花子", "hanako@example.test", 1), ("佐藤 一郎", "ichiro@example.test", 0)]
    assert kinds == ["registry_certificate", "pledge"]
    assert audit == [("organisation_applied", "tokyo")]
    assert [to for to, _s, _t in mails(site, "organisation_received")] == ["soumu@example.test"]


def test_the_received_page_names_the_bureau(site):
    browser = Browser(site)
    apply(browser)
    page = browser.get("/organisations/applied")
    assert "東京出入国在留管理局" in page.text


@pytest.mark.parametrize("overrides, field, words", [
    ({"corporate_number": "6010705000725"}, "corporate_number", "法人番号"),
    ({"corporate_number": "701070500072"}, "corporate_number", "13"),
    ({"kind": "receiving", "receiving_kind": ""}, "receiving_kind", ""),
    ({"kind": "public_interest"}, "staff-0-staff_agent_approval_number", ""),
    ({"staff-1-staff_email": "HANAKO@example.test"}, "staff-1-staff_email", ""),
    ({"staff-0-staff_name": "", "staff-0-staff_email": "", "staff-1-staff_name": "", "staff-1-staff_email": ""},
     "staff-0-staff_name", ""),
    ({"postal_code": "9999999"}, "postal_code", ""),
])
def test_bad_input_is_a_400_in_japanese_and_stores_nothing(site, overrides, field, words):
    response = apply(Browser(site), application(**overrides))
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.text and words in response.text
    assert nothing_stored(site)


def test_a_wrong_check_digit_says_so_in_chinese(site):
    response = apply(Browser(site, lang="zh"), application(corporate_number="6010705000725"))
    assert response.status_code == 400 and "法人编号" in response.text
    assert nothing_stored(site)


def test_a_missing_or_unreadable_document_is_refused(site):
    missing = apply(Browser(site), documents=files(**{"document-pledge": None}))
    assert missing.status_code == 400 and 'id="document-pledge-error"' in missing.text
    wrong = apply(Browser(site), documents=files(**{"document-pledge": b"MZ not a document"}))
    assert wrong.status_code == 400 and 'id="document-pledge-error"' in wrong.text
    assert nothing_stored(site)


def test_a_supervising_organisation_sends_its_licence(site):
    form = application(receiving_kind="supervising")
    assert apply(Browser(site), form).status_code == 400
    assert apply(Browser(site), form, files(**{"document-supervising_licence": png()})).status_code == 303


def test_an_email_already_used_by_staff_is_refused(site):
    assert apply(Browser(site)).status_code == 303
    again = apply(Browser(site), application(name="架空学園", receiving_kind="school"))
    assert again.status_code == 400 and 'id="staff-0-staff_email-error"' in again.text
    assert count(site, "organisation") == 1


def test_agents_give_each_staff_members_approval_number(site):
    form = application(kind="support_organisation", **{"staff-0-staff_agent_approval_number": "ＡＢ－１２３",
                                                       "staff-1-staff_agent_approval_number": "CD-456"})
    documents = files(**{"document-support_registration": png(), "document-agent_approvals": png()})
    assert apply(Browser(site), form, documents).status_code == 303
    db = db_of(site)
    numbers = [row[0] for row in db.execute("SELECT agent_approval_number FROM organisation_staff ORDER BY id")]
    db.conn.close()
    assert numbers == ["AB-123", "CD-456"]


def test_the_kind_swaps_in_the_questions_that_follow_it(site):
    browser = Browser(site)
    browser.get("/organisations/apply")
    rows = {f"staff-{i}-staff_name": "" for i in range(5)}
    agent = browser.post("/organisations/apply/check/kind", {"kind": "support_organisation", **rows})
    assert agent.status_code == 200
    assert 'id="staff-4-staff_agent_approval_number"' in agent.text and 'id="receiving_kind"' not in agent.text
    receiving = browser.post("/organisations/apply/check/kind", {"kind": "receiving", **rows})
    assert 'id="receiving_kind"' in receiving.text and 'id="staff-0-staff_agent_approval_number"' not in receiving.text
    assert browser.post("/organisations/apply/check/nothing", {}).status_code == 404
    assert nothing_stored(site)
