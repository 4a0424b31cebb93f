"""The console's grant proposal offers and accepts only the periods the status's sub-category has on the Japan-time
date of acceptance (rules.periods, shared with the applicant's form): a 特定技能2号 extension, 3 years, 1 year or
6 months."""
import re

import store
from applications import records
from tests.console.test_cases import act, case_url
from tests.submission.conftest import post_submit, signed
from tests.support import applications as samples
from tests.support.sessions import csrf_token


def ssw_extension(database, account, subcategory, period):
    data = samples.sample_answers((3,), "specified_skilled_worker", overrides={
        "extension_page1": {"current_status": "specified_skilled_worker", "status_subcategory": subcategory,
                            "desired_period": period, "prefecture": "13"},
        "receipt": {"receipt_method": "post"}})
    return samples.create_draft(database, account["id"], (3,), data, status_code="specified_skilled_worker")


def offered(page):
    select = re.search(r'<select id="propose-period" name="period">(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]+)"', select)


def claimed_case(make_officer, member, database, account, card_state, subcategory, period):
    """(examiner, application): the 特定技能 extension submitted and claimed by an examiner."""
    draft = ssw_extension(database, account, subcategory, period)
    assert post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state)).status_code == 303
    db = store.connect(database)
    received = records.by_public_id(db, draft["public_id"])
    db.conn.close()
    examiner = make_officer(f"{subcategory}@bureau.example.jp")
    assert act(examiner, received, "claim").status_code == 303
    return examiner, received


def test_a_second_category_extension_is_granted_only_its_four_periods(make_officer, member, database, account,
                                                                       card_state):
    examiner, received = claimed_case(make_officer, member, database, account, card_state, "ssw_2", "3y")
    assert offered(examiner.page(case_url(received)).text) == ["6m", "1y", "2y", "3y"]
    assert act(examiner, received, "propose", outcome="grant", period="1y7m").status_code == 400
    assert act(examiner, received, "propose", outcome="grant", period="1y").status_code == 303


def test_a_first_category_extension_may_be_granted_any_whole_month(make_officer, member, database, account,
                                                                   card_state):
    examiner, received = claimed_case(make_officer, member, database, account, card_state, "ssw_1", "1y7m")
    found = offered(examiner.page(case_url(received)).text)
    assert found[0] == "1m" and found[-1] == "3y" and len(found) == 36


def test_the_applicant_form_refuses_a_period_the_category_lacks(member, database, account):
    draft = ssw_extension(database, account, "ssw_2", "3y")
    page = member.get(f"/applications/{draft['public_id']}/form/applicant").text
    assert 'id="status_subcategory"' in page
    data = {**records_data(database, draft), "status_subcategory": "ssw_2", "desired_period": "1y7m"}
    response = member.post(f"/applications/{draft['public_id']}/form/applicant", data={**data, "version": "1",
                                                                                     "csrf_token": csrf_token(member)})
    assert response.status_code == 400, response.text
    assert 'id="desired_period-error"' in response.text


def records_data(database, draft):
    db = store.connect(database)
    try:
        row = records.by_public_id(db, draft["public_id"])
    finally:
        db.conn.close()
    return {k: v for k, v in row["data"].items() if isinstance(v, str)}
