"""The applicant withdraws (取下げ) an application under examination: they confirm, the state becomes withdrawn
(rules.application_states), an email tells them in their language, the audit log records it for the bureau, and
the console shows it withdrawn and refuses officers' actions on it with a message saying why."""
import pytest

from applications import records
from console import audit
from rules import application_states as states
from tests.console.test_cases import act, by_post, case_url, mails, received  # noqa: F401 - fixtures
from tests.support.sessions import csrf_token


def withdraw(member, application):
    return member.post(f"/applications/{application['public_id']}/withdraw",
                       headers={"X-CSRFToken": csrf_token(member, f"/applications/{application['public_id']}/status")})


def test_the_applicant_confirms_and_withdraws(member, received, db):
    status_url = f"/applications/{received['public_id']}/status"
    assert "Withdraw this application" in member.get(status_url).text
    confirm = member.get(f"/applications/{received['public_id']}/withdraw")
    assert confirm.status_code == 200 and "Withdraw this application?" in confirm.text
    assert received["receipt_number"] in confirm.text and "This cannot be undone" in confirm.text
    response = withdraw(member, received)
    assert response.status_code == 303 and response.location.endswith(status_url)
    assert records.by_public_id(db, received["public_id"])["state"] == states.WITHDRAWN
    page = member.get(status_url).text
    assert "Your application has been withdrawn" in page and "Withdrawn" in page
    assert "Withdraw this application" not in page  # once only
    recipient, subject, body = mails(db)[-1]
    assert recipient == received["data"]["notification_email"] and "Withdrawn" in subject and "You withdrew" in body
    [row] = [r for r in audit.rows(db, application_id=received["id"]) if r["action"] == "withdrawn_by_applicant"]
    assert row["office"] == received["bureau"] and row["officer_id"] is None


def test_the_email_is_in_the_applicants_language(member, received, db):
    db.execute("UPDATE account SET language = 'zh' WHERE id = ?", [received["account_id"]])
    assert withdraw(member, received).status_code == 303
    _, subject, body = mails(db)[-1]
    assert "已撤回" in subject and "您已撤回此申请" in body


def test_a_decided_or_withdrawn_application_cannot_be_withdrawn(member, received, db):
    assert withdraw(member, received).status_code == 303
    again = withdraw(member, received)
    assert again.status_code == 409 and "can no longer be withdrawn" in again.text
    assert member.get(f"/applications/{received['public_id']}/withdraw").status_code == 409
    with pytest.raises(states.InvalidTransition):
        states.transition("granted", states.WITHDRAWN, states.APPLICANT)
    with pytest.raises(states.InvalidTransition):
        states.transition("under_review", states.WITHDRAWN, states.OFFICER)


def test_the_console_shows_it_withdrawn_and_refuses_actions(make_officer, member, received, db):
    assert withdraw(member, received).status_code == 303
    examiner = make_officer("withdrawn@bureau.example.jp")
    examiner.client.set_cookie("lang", "ja")
    assert "取下げ" in examiner.page("/console/queue").text
    case = examiner.page(case_url(received)).text
    assert "取下げ" in case
    refused = act(examiner, received, "claim")
    assert refused.status_code in (403, 409) and "申請人がこの申請を取り下げました" in refused.text
    assert records.by_public_id(db, received["public_id"])["state"] == states.WITHDRAWN


def test_withdrawing_ends_an_open_request_for_documents(make_officer, member, received, db):
    examiner = make_officer("withdrawn.request@bureau.example.jp")
    assert act(examiner, received, "claim").status_code == 303
    assert act(examiner, received, "request", items=["employment_contract"], deadline="2099-01-31").status_code == 303
    still_open = "SELECT COUNT(*) FROM document_request WHERE application_id = ? AND closed_at IS NULL"
    assert db.execute(still_open, [received["id"]]).fetchone()[0] == 1
    assert withdraw(member, received).status_code == 303
    assert records.by_public_id(db, received["public_id"])["state"] == states.WITHDRAWN
    assert db.execute(still_open, [received["id"]]).fetchone()[0] == 0  # no overdue mark, no reminder after it
