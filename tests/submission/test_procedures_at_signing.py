"""Procedures that could not be completed before, and what is checked again when the application is signed:
acquisition for a newborn, the legal representative, re-entry kind from the answer, the extension window,
the photo, permission for other activities, and a second application while one is pending."""
import datetime
import json

import pytest

from applications import canonical, lifecycle, records
from rules.clock import today_in_japan
from tests.applications.conftest import start
from tests.submission.conftest import post_submit, sign_request, signed
from tests.support import applications as samples
from tests.support.sessions import csrf_token

TODAY = today_in_japan()


def days_ago(days):
    return (TODAY - datetime.timedelta(days=days)).isoformat()


def submit(member, row, card_state):
    return post_submit(member, row["public_id"], signed(member, row["public_id"], card_state))


def refusal(member, row):
    response = member.post(f"/applications/{row['public_id']}/sign-request", headers={"X-CSRFToken": csrf_token(member)})
    assert response.status_code == 409, response.text
    return response.json["error"]


def newborn(**page1):
    return samples.sample_answers((4,), "dependent", {
        "acquisition_page1": {"desired_status": "dependent", "name": "MARIE-LOU D'ARCY", "birth_date": days_ago(12),
                              "has_passport": "no", "passport_missing_reason": "Born in Japan 12 days ago.",
                              "acquisition_reason": "birth", "acquisition_date": days_ago(12), "prefecture": "13",
                              "marital_status": "single", **page1},
        "filer": {"filed_by": "legal_representative", "legal_representative_name": "Jean D'Arcy",
                  "legal_representative_relationship": "father", "legal_representative_address": "東京都新宿区西新宿2-8-1",
                  "legal_representative_phone": "0312345678"},
        "receipt": {"receipt_method": "post"}})


def test_acquisition_for_a_newborn_filed_by_a_parent_without_photo_card_or_passport(member, database, account, db,
                                                                                  card_state):
    data = newborn()
    assert "current_status" not in data and "residence_card_number" not in data and "expiry_date" not in data
    row = samples.create_draft(database, account["id"], (4,), data, status_code="dependent", attachments=())
    review = member.get(f"/applications/{row['public_id']}/review").text
    assert "MARIE-LOU D&#39;ARCY" in review or "MARIE-LOU D'ARCY" in review
    for label in ("Why you need a status of residence", "Birth in Japan", "Date it happened",
                  "Name of the legal representative", "Jean D&#39;Arcy", "Why you have no passport"):
        assert label in review, label
    assert submit(member, row, card_state).status_code == 303
    assert records.by_public_id(db, row["public_id"])["state"] == "received"
    copy = member.get(f"/applications/{row['public_id']}/copy").text
    assert "Birth in Japan" in copy and "Jean D&#39;Arcy" in copy


def test_a_newborn_needs_the_legal_representative_and_the_30_days(member, database, account):
    alone = newborn()
    alone["filed_by"] = "applicant"
    row = samples.create_draft(database, account["id"], (4,), alone, status_code="dependent", attachments=())
    assert refusal(member, row)["code"] == "representative_required"
    page = member.get(f"/applications/{row['public_id']}/review").text
    assert 'id="signing-blocked"' in page and "data-card-step" not in page
    late = samples.create_draft(database, account["id"], (4,), newborn(acquisition_date=days_ago(31),
                                                                        birth_date=days_ago(31)),
                                status_code="dependent", attachments=())
    assert refusal(member, late)["code"] == "acquisition_too_late"


def test_the_photo_is_required_at_signing_from_16(member, database, account):
    row = samples.create_draft(database, account["id"], (2,), samples.change_to_engineer(), attachments=())
    assert refusal(member, row)["code"] == "photo_required"
    assert "photo" in member.get(f"/applications/{row['public_id']}/review").text


def test_the_re_entry_kind_is_the_answer_alone(member, db, card_state):
    """Started as single, changed to multiple in the form: the fee and the signed document both say multiple."""
    response = member.post("/applications/new", data={
        "csrf_token": csrf_token(member), "main": "3", "addons": "6", "reentry_kind": "single",
        "status": "engineer_specialist", "current_period": "1y",
        "expiry_date": (TODAY + datetime.timedelta(days=30)).isoformat()})
    assert response.status_code == 303, response.text
    public_id = response.location.rsplit("/", 1)[-1]
    row = records.by_public_id(db, public_id)
    assert row["data"]["permit_kind"] == "single" and row["reentry_kind"] is None
    data = {**samples.extension_with_reentry(), "permit_kind": "multiple"}
    db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data), row["id"]])
    review = member.get(f"/applications/{public_id}/review").text
    assert "6,500 yen" in review and "3,500 yen" not in review and "12,000 yen" in review
    application = records.by_public_id(db, public_id)
    assert canonical.document(application, [], "U", canonical.normalise(application))["reentry_kind"] == "multiple"
    assert lifecycle.fee(application, canonical.normalise(application)).total == 5500 + 6500


def test_an_extension_whose_expiry_was_edited_out_of_the_window_is_refused_at_signing(member, database, account):
    data = {**samples.extension_with_reentry(), "expiry_date": (TODAY + datetime.timedelta(days=200)).isoformat()}
    row = samples.create_draft(database, account["id"], (3, 6), data)
    assert refusal(member, row)["code"] == "extension_not_open_yet"
    ended = {**samples.extension_with_reentry(), "expiry_date": days_ago(1)}
    row = samples.create_draft(database, account["id"], (3, 6), ended)
    assert refusal(member, row)["code"] == "period_of_stay_ended"


def test_a_spouse_of_a_japanese_national_is_refused_permission_for_other_activities(member, database, account):
    response = start(member, main="3", addons="7", status="spouse_of_japanese", csrf_token=csrf_token(member))
    assert response.status_code == 400 and "may work without restriction" in response.text
    data = samples.sample_answers((2, 7), "spouse_of_japanese", {"change_page1": {
        "current_status": "student", "desired_status": "spouse_of_japanese", "prefecture": "13"},
        "receipt": {"receipt_method": "post"}})
    row = samples.create_draft(database, account["id"], (2, 7), data)
    assert refusal(member, row)["code"] == "extra_activity_not_needed"


def test_blanket_permission_for_a_student_needs_no_workplace(member, database, account, db, card_state):
    data = samples.sample_answers((3, 7), "student", {
        "extension_page1": {"current_status": "student", "prefecture": "13", "name": "NGUYEN VAN AN"},
        "extra_activity": {"permission_kind": "blanket", "current_activity": "Student of economics",
                           "student_school": "Shiken University", "weekly_class_hours": "20"},
        "receipt": {"receipt_method": "post"}})
    assert "workplace_name" not in data
    row = samples.create_draft(database, account["id"], (3, 7), data)
    assert submit(member, row, card_state).status_code == 303
    application = records.by_public_id(db, row["public_id"])
    values = dict(canonical.normalise(application).sections)
    assert any(v.get("permission_kind") == "blanket" and v.get("workplace_name") is None
               for v in values.values() if isinstance(v, dict))


def test_individual_permission_with_two_workplaces(member, database, account, card_state):
    data = samples.sample_answers((3, 7), "student", {
        "extension_page1": {"current_status": "student", "prefecture": "13"},
        "extra_activity": {"permission_kind": "individual", "current_activity": "Student", "other_job": "language_teacher",
                           "contract_from": TODAY.isoformat(), "contract_to": (TODAY + datetime.timedelta(days=90)).isoformat(),
                           "hours_per_week": "10", "other_monthly_pay": "60000", "workplace_name": "Shiken Gakuin",
                           "workplace_address": "東京都新宿区1-1", "workplace_phone": "0311112222",
                           "workplace_industry": "Education"},
        "other_workplaces": [{"workplace_name": "Shiken Juku", "workplace_address": "東京都中野区1-2",
                              "workplace_phone": "0333334444", "workplace_industry": "Education",
                              "workplace_hours": "8"}],
        "receipt": {"receipt_method": "post"}})
    data["other_workplaces"] = [{"workplace_name": "Shiken Juku", "workplace_address": "東京都中野区1-2",
                                 "workplace_phone": "0333334444", "workplace_industry": "Education",
                                 "workplace_hours": "8"}]
    row = samples.create_draft(database, account["id"], (3, 7), data)
    review = member.get(f"/applications/{row['public_id']}/review").text
    assert "Shiken Gakuin" in review and "Shiken Juku" in review
    assert submit(member, row, card_state).status_code == 303


def test_authorized_employment_without_a_fixed_end(member, database, account, card_state):
    data = samples.sample_answers((5,), "engineer_specialist", {
        "authorized_employment_page1": {"current_status": "engineer_specialist", "prefecture": "13"},
        "authorized_employment": {"period_fixed": "no"}, "receipt": {"receipt_method": "post"}})
    assert "period_to" not in data
    row = samples.create_draft(database, account["id"], (5,), data)
    assert submit(member, row, card_state).status_code == 303


def test_a_second_application_for_the_same_procedure_is_refused_with_a_link(member, database, account, db, card_state):
    first = samples.create_draft(database, account["id"], (2,), samples.change_to_engineer())
    assert submit(member, first, card_state).status_code == 303
    second = samples.create_draft(database, account["id"], (2,), samples.change_to_engineer())
    assert refusal(member, second)["code"] == "pending_application"
    page = member.get(f"/applications/{second['public_id']}/review").text
    assert f'/applications/{first["public_id"]}/status' in page
    assert records.by_public_id(db, first["public_id"])["receipt_number"] in page
    # for another person (a parent filing for a child), the same procedure is not refused
    other = samples.create_draft(database, account["id"], (2,), {**samples.change_to_engineer(), "name": "SHIKEN JIRO"})
    assert submit(member, other, card_state).status_code == 303
    db.execute("UPDATE application SET state = 'refused' WHERE id = ?", [first["id"]])
    assert sign_request(member, second["public_id"])["kind"] == "sign"


def test_starting_a_second_application_while_one_is_pending_is_refused_with_a_link(member, database, account, db,
                                                                                   card_state):
    first = samples.create_draft(database, account["id"], (2,), samples.change_to_engineer())
    assert submit(member, first, card_state).status_code == 303
    form = {"csrf_token": csrf_token(member), "main": "2", "status": "student"}
    count = db.execute("SELECT COUNT(*) FROM application").fetchone()[0]
    refused = member.post("/applications/new", data={**form, "filed_by": "applicant"})
    assert refused.status_code == 400
    assert f'href="/applications/{first["public_id"]}/status"' in refused.text
    assert records.by_public_id(db, first["public_id"])["receipt_number"] in refused.text
    member.set_cookie("lang", "ja")
    japanese = member.post("/applications/new", data=form)  # for oneself unless said otherwise
    assert japanese.status_code == 400 and "この手続の申請が既に審査中です" in japanese.text
    assert db.execute("SELECT COUNT(*) FROM application").fetchone()[0] == count  # nothing half-stored
    # another procedure, or a parent starting one for a child, is not refused
    assert member.post("/applications/new", data={**form, "main": "5", "status": "student"}).status_code == 303
    child = member.post("/applications/new", data={**form, "filed_by": "legal_representative"})
    assert child.status_code == 303
    started = records.get_for_account(db, child.location.rsplit("/", 1)[-1], account["id"])
    assert started["data"]["filed_by"] == "legal_representative"
    # once decided, the same procedure can be started again
    db.execute("UPDATE application SET state = 'refused' WHERE id = ?", [first["id"]])
    assert member.post("/applications/new", data=form).status_code == 303
