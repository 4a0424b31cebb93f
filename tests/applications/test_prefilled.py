"""What the account already knows is filled into a new application (editable, marked while unchanged): the
applicant's own details, or a legal representative's own; never the holder's details as an applicant abroad's."""
import re

from tests.applications.conftest import start

NOTE = {"en": "Filled in from your user information", "ja": "利用者情報から入力しました",
        "zh": "已根据用户信息填写"}


def value_of(page, name):
    match = re.search(rf'<(?:input|textarea)[^>]*\bname="{name}"[^>]*>', page)
    if match and "<input" in match.group(0):
        return re.search(r'value="([^"]*)"', match.group(0)).group(1)
    select = re.search(rf'<select[^>]*\bname="{name}".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="([^"]*)"[^>]*selected', select).group(1)


def field_html(page, name):
    return re.search(rf'id="{name}-field".*?(?=id="[a-z_]+-field"|</fieldset>)', page, re.S).group(0)


def new_draft(client, **choice):
    response = start(client, addons="6", reentry_kind="single", **choice)
    assert response.status_code == 303, response.text
    return response.location.rsplit("/", 1)[-1]


def test_the_applicants_own_details_are_filled_in_and_marked(applicant):
    client, account = applicant
    for language in ("ja", "zh"):
        client.set_cookie("lang", language)
        draft = new_draft(client)
        page = client.get(f"/applications/{draft}/form/applicant").get_data(as_text=True)
        assert value_of(page, "nationality") == "CN" and value_of(page, "birth_date") == account["birth_date"]
        assert value_of(page, "residence_card_number") == account["residence_card_number"]
        assert value_of(page, "mobile") == "09012345678" and value_of(page, "telephone") == ""
        for name in ("nationality", "birth_date", "residence_card_number", "mobile"):
            assert NOTE[language] in field_html(page, name), name
        assert NOTE[language] not in field_html(page, "telephone")
        receipt = client.get(f"/applications/{draft}/form/receipt").get_data(as_text=True)
        assert value_of(receipt, "notification_email") == account["email"]
        assert NOTE[language] in field_html(receipt, "notification_email")


def test_a_changed_answer_is_no_longer_marked(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    draft = new_draft(client)
    saved = client.post(f"/applications/{draft}/save", data={
        "version": "1", "editor": "tab1", "page": "applicant", "mobile": "08011112222"}, headers={"HX-Request": "true"})
    assert saved.status_code == 200
    page = client.get(f"/applications/{draft}/form/applicant").get_data(as_text=True)
    assert value_of(page, "mobile") == "08011112222" and NOTE["en"] not in field_html(page, "mobile")
    assert NOTE["en"] in field_html(page, "nationality")


def test_a_legal_representative_gets_their_own_details_not_the_applicants(app, applicant):
    client, account = applicant
    client.set_cookie("lang", "en")
    draft = new_draft(client, filed_by="legal_representative")
    page = client.get(f"/applications/{draft}/form/applicant").get_data(as_text=True)
    assert value_of(page, "birth_date") == "" and value_of(page, "mobile") == ""
    assert 'name="residence_card_number"' not in page  # not even "has a residence card": the child's answer
    assert value_of(page, "legal_representative_name") == account["name"]
    assert value_of(page, "legal_representative_phone") == "09012345678"
    assert NOTE["en"] in field_html(page, "legal_representative_name")


def test_nothing_of_the_holders_own_on_a_certificate_of_eligibility():
    from applications.choosing import account_answers
    from rules.procedures import CERTIFICATE_OF_ELIGIBILITY
    account = {"name": "試験　一郎", "nationality": "CN", "birth_date": "1988-07-14", "phone": "0312345678",
               "residence_card_number": "AB12345678CD", "email": "ichiro@example.jp"}
    assert account_answers((CERTIFICATE_OF_ELIGIBILITY,), account, "applicant") == {
        "notification_email": "ichiro@example.jp"}
