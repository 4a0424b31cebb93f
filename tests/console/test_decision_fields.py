"""What an officer types into a decision, a request or a note is checked (issue 22, defect 6): the re-entry
validity and the new status from the rules' lists, the tracking number in ASCII digits, requested items each
once, and free text through the site's unsafe-text rule; a refusal stores nothing and says what to do."""
import json
import re

import pytest

from applications import records
from rules import casework
from tests.console.test_cases import (_propose_and_approve, act, by_post, case_url, mails,  # noqa: F401
                                      received)

RLO = "\u202e"


@pytest.fixture
def examiner(make_officer, received):  # noqa: F811
    officer = make_officer("fields.examiner@bureau.example.jp")
    assert act(officer, received, "claim").status_code == 303
    return officer


def _period(officer, application):
    page = officer.page(case_url(application)).text
    return re.search(r'<select id="propose-period" name="period">.*?<option value="([^"]+)" selected', page,
                     re.S).group(1)


def proposals(db, application):
    return db.execute("SELECT COUNT(*) FROM case_decision WHERE application_id = ?", [application["id"]]).fetchone()[0]


@pytest.mark.parametrize("field, value, message", [
    ("reentry_years", "99", "Choose how many years the re-entry permit is valid"),
    ("reentry_years", "-1", "Choose how many years the re-entry permit is valid"),
    ("reentry_years", "<b>3</b>", "Choose how many years the re-entry permit is valid"),
    ("reentry_years", "3" * 10_000, "Choose how many years the re-entry permit is valid"),
    ("reentry_years", "３", "Choose how many years the re-entry permit is valid"),
    ("new_status", "emperor", "Choose the new status of residence from the list"),
    ("new_status", "diplomat", "Choose the new status of residence from the list"),  # not an online status
])
def test_a_grant_proposal_takes_only_the_rules_values(examiner, received, db, field, value, message):  # noqa: F811
    response = act(examiner, received, "propose", outcome="grant", period=_period(examiner, received), **{field: value})
    assert response.status_code == 400 and message in response.text
    assert proposals(db, received) == 0


def test_a_grant_proposal_with_the_rules_values_is_stored(examiner, received, db):  # noqa: F811
    response = act(examiner, received, "propose", outcome="grant", period=_period(examiner, received),
                   reentry_years="5", new_status="engineer_specialist")
    assert response.status_code == 303
    detail = json.loads(db.execute("SELECT detail FROM case_decision").fetchone()[0])
    assert detail["reentry_years"] == "5" and detail["new_status"] == "engineer_specialist"


@pytest.mark.parametrize("action, fields", [
    ("notes", {"text": f"確認済み{RLO}gnp.exe"}),
    ("request", {"items": ["bank_statement"], "message": f"{RLO}see", "deadline": "2099-01-31"}),
    ("request", {"other": f"源泉徴収票{RLO}", "deadline": "2099-01-31"}),
    ("propose", {"outcome": "refuse", "reason": "other", "text": f"理由{RLO}"}),
])
def test_control_characters_in_officers_text_are_refused(examiner, received, db, action, fields):  # noqa: F811
    before = db.execute("SELECT (SELECT COUNT(*) FROM case_entry), (SELECT COUNT(*) FROM outbox)").fetchone()
    response = act(examiner, received, action, **fields)
    assert response.status_code == 400 and "invisible control characters" in response.text
    assert db.execute("SELECT (SELECT COUNT(*) FROM case_entry), (SELECT COUNT(*) FROM outbox)").fetchone() == before


def test_a_requested_item_is_listed_once(examiner, received, db):  # noqa: F811
    response = act(examiner, received, "request", items=["bank_statement"] * 10_000 + ["photo_again"],
                   deadline="2099-01-31", message="二点お願いします。")
    assert response.status_code == 303
    assert mails(db)[-1][2].count("Bank statement") == 1
    (items,) = db.execute("SELECT items FROM document_request").fetchone()
    assert json.loads(items)["codes"] == ["bank_statement", "photo_again"]


def test_check_items_is_capped_at_the_known_items():
    assert casework.check_items(list(casework.DOCUMENT_ITEMS) * 1000, "") == list(casework.DOCUMENT_ITEMS)


@pytest.mark.parametrize("typed", ["١٢٣٤٥٦٧٨٩٠١" + "3", "１２３４５６７８９０１" + "x"])
def test_a_tracking_number_is_ascii_digits(typed):
    with pytest.raises(casework.CaseworkError):
        casework.tracking_number(typed)


def test_a_full_width_tracking_number_is_still_read():
    assert casework.tracking_number("１２３４－５６７８－９０１３") == "123456789013"


def test_a_tracking_number_in_other_digits_is_refused_and_not_mailed(make_officer, received, db):  # noqa: F811
    examiner = make_officer("track.ex@bureau.example.jp")
    supervisor = make_officer("track.sv@bureau.example.jp", role="supervisor")
    _propose_and_approve(examiner, supervisor, received, outcome="grant")
    assert act(examiner, received, "envelope").status_code == 303
    sent = len(mails(db))
    response = act(examiner, received, "dispatch", tracking_number="١٢٣٤٥٦٧٨٩٠١" + "3")
    assert response.status_code == 400 and len(mails(db)) == sent
    assert records.by_id(db, received["id"])["state"] == "granted"
