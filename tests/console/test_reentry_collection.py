"""The re-entry permit's collection through the pages: asked in the re-entry part (the office only for the counter,
swapped in by htmx, only the routed office offered), shown on the review page, the printable copy, the steps after a
grant and the console's case page, and signed."""
import re

from applications import records
from tests.console.test_cases import case_url
from tests.submission.conftest import post_submit, signed
from tests.support import applications as samples
from tests.support.sessions import csrf_token


def kanagawa_extension(database, account, **reentry):
    data = samples.sample_answers((3, 6), "engineer_specialist", overrides={
        "extension_page1": {"current_status": "engineer_specialist", "prefecture": "14"},
        "reentry_permit": {"permit_kind": "multiple", **reentry}, "receipt": {"receipt_method": "post"}})
    return samples.create_draft(database, account["id"], (3, 6), data, status_code="engineer_specialist")


def test_the_counter_office_comes_with_the_counter_and_is_the_routed_one(member, database, account):
    draft = kanagawa_extension(database, account, permit_collection="post")
    url = f"/applications/{draft['public_id']}"
    page = member.get(f"{url}/form/procedure").text
    assert 'id="permit_collection"' in page and '<div id="permit_office-field" hidden></div>' in page
    swapped = member.post(f"{url}/check/permit_collection", data={"permit_collection": "counter"},
                          headers={"HX-Request": "true", "X-CSRFToken": csrf_token(member)}).text
    office = swapped[swapped.index('id="permit_office-field" hx-swap-oob="true"'):]
    assert re.findall(r'<option value="([^"]+)"', office[:office.index("</select>")]) == ["yokohama"]
    refused = member.post(f"{url}/form/procedure", data={
        "csrf_token": csrf_token(member), "version": "1", "permit_collection": "counter", "permit_office": ""})
    assert refused.status_code == 400 and 'id="permit_office-error"' in refused.text


def test_shown_on_the_review_page_the_copy_the_case_page_and_in_the_steps(member, database, account, card_state,
                                                                         make_officer, db):
    draft = kanagawa_extension(database, account, permit_collection="counter", permit_office="yokohama")
    review = member.get(f"/applications/{draft['public_id']}/review").text
    assert "How you receive the re-entry permit" in review and "Yokohama District Office" in review
    assert post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state)).status_code == 303
    copy = member.get(f"/applications/{draft['public_id']}/copy").text
    assert "How you receive the re-entry permit" in copy and "At the counter" in copy
    assert "Yokohama District Office" in copy
    received = member.get(f"/applications/{draft['public_id']}/received").text
    assert "the re-entry permit is put in your passport there" in received
    row = records.by_public_id(db, draft["public_id"])
    officer = make_officer("reentry@bureau.example.jp", office="tokyo")
    case = officer.page(case_url(row)).text
    assert "How you receive the re-entry permit" in case and "At the counter" in case
    assert "The signature check FAILED" not in case


def test_a_counter_elsewhere_than_the_routed_office_is_refused_at_signing(member, database, account):
    draft = kanagawa_extension(database, account, permit_collection="counter", permit_office="yokohama")
    db_path = database
    import json
    import store
    db = store.connect(db_path)
    with store.transaction(db):  # the address moved to Tokyo after Yokohama was chosen
        row = records.by_id(db, draft["id"])
        data = {**row["data"], "prefecture": "13", "postal_code": "1600023", "municipality": "新宿区"}
        db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data, ensure_ascii=False), draft["id"]])
    db.conn.close()
    response = member.post(f"/applications/{draft['public_id']}/sign-request", headers={"X-CSRFToken": csrf_token(member)})
    assert response.status_code == 409 and response.json["error"]["code"] == "incomplete"
    review = member.get(f"/applications/{draft['public_id']}/review").text  # the office is named as the answer to fix
    assert re.search(r'href="[^"]*/form/procedure[^"]*#permit_office"', review)
