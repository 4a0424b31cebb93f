"""Filing for someone else (rules.filers): who fills the application in is recorded apart from the person it is
about (migration 14), a relative states the relationship and why the applicant does not file, the table decides
from it, and a document showing an illness is required."""
import datetime
import html

from rules.clock import today_in_japan
from tests.applications.conftest import start

RELATIVE_REFUSAL_JA = "親族が申請できるのは、申請人が16歳未満の場合又は疾病その他の事由により自ら申請できない場合に限られます"


def _birth(years):
    today = today_in_japan()
    return datetime.date(today.year - years, today.month, min(today.day, 28)).isoformat()


def _row(app, public_id):
    from applications import records
    from store import connect
    return records.by_public_id(connect(app.config["DATABASE"]), public_id)


def _relative_draft(client):
    response = start(client, filed_by="relative")
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.location.rsplit("/", 1)[-1]


def _applicant_page(client, draft, version, **fields):
    data = {"version": str(version), "name": "WANG FANG", "birth_date": _birth(40), "nationality": "CN",
            "has_residence_card": "yes", "residence_card_number": "CD87654321EF", "filed_by": "relative",
            "relative_relationship": "wife", **fields}
    return client.post(f"/applications/{draft}/form/applicant", data=data)


def test_a_relative_filing_for_a_healthy_adult_is_refused_with_the_tables_message(applicant):
    client, _ = applicant
    client.set_cookie("lang", "ja")
    draft = _relative_draft(client)
    refused = _applicant_page(client, draft, 1, cannot_file_reason="under_16")
    assert refused.status_code == 400
    text = html.unescape(refused.get_data(as_text=True))
    assert 'id="filed_by-error"' in text and RELATIVE_REFUSAL_JA in text


def test_a_relative_states_the_illness_and_the_table_admits_it_with_a_document_required(app, applicant):
    client, account = applicant
    client.set_cookie("lang", "zh")
    draft = _relative_draft(client)
    saved = _applicant_page(client, draft, 1, cannot_file_reason="illness")
    assert 'id="filed_by-error"' not in saved.get_data(as_text=True)
    row = _row(app, draft)
    # The filer is the account, as a relative; the applicant is the person the answers give, apart.
    assert (row["account_id"], row["filer_kind"]) == (account["id"], "relative")
    assert (row["applicant_name"], row["applicant_birth_date"], row["applicant_nationality"],
            row["applicant_residence_card_number"]) == ("WANG FANG", _birth(40), "CN", "CD87654321EF")
    assert row["applicant_account_id"] is None  # the applicant has no account of their own here
    page = html.unescape(client.get(f"/applications/{draft}/attachments").get_data(as_text=True))
    assert "说明申请人无法亲自申请的原因的文件" in page


def test_a_relative_must_say_why_the_applicant_does_not_file(applicant):
    client, _ = applicant
    draft = _relative_draft(client)
    missing = _applicant_page(client, draft, 1)
    assert 'id="cannot_file_reason-error"' in missing.get_data(as_text=True)


def test_an_applicant_filing_for_themself_is_the_applicant_of_their_own_account(app, applicant):
    client, account = applicant
    draft = start(client).location.rsplit("/", 1)[-1]
    row = _row(app, draft)
    assert (row["filer_kind"], row["applicant_account_id"]) == ("self", account["id"])


def test_a_foreign_residents_account_cannot_file_as_an_agent(app, applicant):
    client, _ = applicant
    client.set_cookie("lang", "ja")
    page = client.get("/applications/new").get_data(as_text=True)
    assert 'value="relative"' in page and 'value="agent"' not in page
    refused = start(client, filed_by="agent")
    assert refused.status_code == 400
