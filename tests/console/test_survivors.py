"""Tests for what a mutation sample showed no test would notice (reviews/mutation-survivors-2026-12.tsv): the
audit page's bureau boundary, a reassignment's assignee, and the examiner's message with a document request.
(The chain's format is pinned in test_audit_checkpoints.py.)"""
import json

from console import audit, desk
from store import transaction
from tests.console.test_cases import act, by_post, case_url, mails, received  # noqa: F401
from tests.console.test_hardening import post_form


def test_the_audit_rows_of_one_office_only(app, tmp_path):
    from store.db import connect
    db = connect(str(tmp_path / "oras.db"))
    with transaction(db):
        audit.append(db, "case_opened", office="tokyo", address="192.0.2.1")
        audit.append(db, "case_opened", office="osaka", address="192.0.2.2")
    assert [r["office"] for r in audit.rows(db, office="tokyo")] == ["tokyo"]
    assert [r["office"] for r in audit.rows(db, office="osaka", limit=10)] == ["osaka"]


def test_a_bureau_administrator_never_sees_another_bureaus_audit_rows(make_officer, db):
    osaka = make_officer("osaka.examiner@bureau.example.jp", office="osaka")
    osaka.page("/console/statistics")
    with transaction(db):
        audit.append(db, "case_opened", officer=osaka.row, address="198.51.100.77")
    admin = make_officer("tokyo.admin@bureau.example.jp", role="admin")
    page = admin.page("/console/audit").text
    assert "tokyo.admin@bureau.example.jp" in page
    assert "osaka.examiner@bureau.example.jp" not in page and "198.51.100.77" not in page


def test_a_reassigned_case_goes_to_the_chosen_officer(make_officer, received, db):  # noqa: F811
    supervisor = make_officer("reassign.sv@bureau.example.jp", role="supervisor", name="決裁 三郎")
    examiner = make_officer("reassign.ex@bureau.example.jp", name="審査 五郎")
    page = supervisor.page(case_url(received)).text
    version = desk.desk(db, received["id"])["version"]
    assert f'value="{examiner.row["id"]}"' in page
    response = post_form(supervisor, received, "reassign", officer=str(examiner.row["id"]), desk_version=str(version))
    assert response.status_code == 303
    assert desk.desk(db, received["id"])["assigned_to"] == examiner.row["id"]
    (entry,) = [e for e in desk.entries(db, received["id"]) if e["kind"] == "reassign"]
    assert entry["detail"] == {"to": "審査 五郎"} and entry["officer_name"] == "決裁 三郎"
    (row,) = [r for r in audit.rows(db, application_id=received["id"]) if r["action"] == "reassign"]
    assert json.loads(row["detail"]) == {"to": "reassign.ex@bureau.example.jp"}
    assert row["officer_email"] == "reassign.sv@bureau.example.jp"


def test_the_examiners_message_reaches_the_event_and_the_mail(make_officer, received, db):  # noqa: F811
    examiner = make_officer("message.ex@bureau.example.jp")
    assert act(examiner, received, "claim").status_code == 303
    message = "Please upload the contract signed by both parties."
    assert act(examiner, received, "request", items=["employment_contract"], deadline="2099-01-31",
               message=message).status_code == 303
    (note,) = db.execute("SELECT note FROM application_event WHERE application_id = ? AND to_state = "
                         "'documents_requested'", [received["id"]]).fetchone()
    assert note == message
    assert message in mails(db)[-1][2]
