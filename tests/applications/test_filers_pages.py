"""Who may file what (rules.filers), asked by the choice page and the form's save: the table's refusal in the
user's language, on the question it is about; nothing is created when the choice is refused."""
import datetime
import html

import pytest

from rules.clock import today_in_japan
from tests.applications.conftest import start

REFUSALS = {  # (the choice page's fields, the table's row, its words in ja and zh)
    "relative_coe_family_purposes": (
        {"main": "1", "status": "engineer_specialist", "expiry_date": ""},
        "親族が在留資格認定証明書交付申請をできるのは", "亲属只能为家庭目的"),
    "self_mid_to_long_term_status": (
        {"main": "3", "status": "official"},
        "中長期在留者ではないため、ご本人がオンラインで申請することはできません", "不是中长期在留者，本人不能在线申请"),
    "self_period_over_3_months": (
        {"main": "3", "status": "designated_activities", "current_period": "3m"},
        "在留期間が3月以下の方は中長期在留者ではないため", "在留期间为3个月以下者不是中长期在留者"),
    "permanent_resident_authorized_employment_not_online": (
        {"main": "5", "status": "permanent_resident"},
        "永住者の方の就労資格証明書交付申請はオンラインでは申請できません", "永住者的就劳资格证明书交付申请不能在线办理"),
}


def drafts(app):
    from store import connect
    with app.app_context():
        return connect(app.config["DATABASE"]).execute("SELECT COUNT(*) FROM application").fetchone()[0]


@pytest.mark.parametrize("row", sorted(REFUSALS))
@pytest.mark.parametrize("language", ["ja", "zh"])
def test_the_choice_page_refuses_with_the_tables_words(app, applicant, row, language):
    client, _ = applicant
    client.set_cookie("lang", language)
    fields, ja, zh = REFUSALS[row]
    before = drafts(app)
    response = start(client, **fields)
    assert response.status_code == 400
    assert (ja if language == "ja" else zh) in html.unescape(response.get_data(as_text=True)), row
    assert drafts(app) == before


def test_a_legal_representative_may_file_a_coe_for_work_and_a_relative_for_a_family_purpose(applicant):
    client, _ = applicant
    assert start(client, main="1", status="engineer_specialist", expiry_date="",
                 filed_by="legal_representative").status_code == 303
    assert start(client, main="1", status="spouse_of_japanese", expiry_date="").status_code == 303


def _birth(years, days=0):
    today = today_in_japan()
    return (datetime.date(today.year - years, today.month, min(today.day, 28)) + datetime.timedelta(days=days)).isoformat()


def test_the_forms_save_refuses_self_filing_under_15_on_who_fills_it_in(applicant):
    client, _ = applicant
    client.set_cookie("lang", "ja")
    draft = start(client).location.rsplit("/", 1)[-1]
    young = client.post(f"/applications/{draft}/form/applicant",
                        data={"version": "1", "birth_date": _birth(15, days=1), "filed_by": "applicant"})
    assert young.status_code == 400
    text = html.unescape(young.get_data(as_text=True))
    assert 'id="filed_by-error"' in text and "15歳未満の申請人はご本人がオンラインで申請できません" in text
    fifteen = client.post(f"/applications/{draft}/form/applicant",
                          data={"version": "2", "birth_date": _birth(15), "filed_by": "applicant"})
    assert 'id="filed_by-error"' not in fifteen.get_data(as_text=True)
    represented = client.post(f"/applications/{draft}/form/applicant",
                              data={"version": "3", "birth_date": _birth(15, days=1),
                                    "filed_by": "legal_representative"})
    assert "ご本人がオンラインで申請できません" not in html.unescape(represented.get_data(as_text=True))
