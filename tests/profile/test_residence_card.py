"""A new residence card after a renewal: its number is changed on the profile (the one identifier rule), the old
one is kept in the account's history, and the next application is filled in with the new one."""
import html

import pytest

from accounts import records
from tests.profile.conftest import csrf_of
from tests.support.accounts import create_account


def change(member, typed):
    return member.post("/profile/card", data={"csrf_token": csrf_of(member.get("/profile/card")),
                                              "residence_card_number": typed})


def test_a_new_number_is_saved_the_old_one_kept_and_used_by_the_next_application(member, db, account):
    profile = member.get("/profile").text
    assert "AB12345678CD" in profile and "/profile/card" in profile
    response = change(member, "cd 9876-5432 ef")
    assert response.status_code == 303
    assert records.account_by_id(db, account["id"])["residence_card_number"] == "CD98765432EF"
    assert records.residence_card_history(db, account["id"])[0][0] == "AB12345678CD"
    profile = member.get("/profile").text
    assert "Your residence card number has been changed." in profile
    assert "Earlier residence card numbers: AB12345678CD" in profile
    my_page = member.get("/my").text  # My page lists it with the rest of the account, and says where to change it
    assert "CD98765432EF" in my_page and "residence card number or card certificates" in my_page
    started = member.post("/applications/new", data={"main": "5", "status": "engineer_specialist",
                                                     "csrf_token": csrf_of(member.get("/applications/new"))})
    assert started.status_code == 303, started.text
    page = member.get(started.location + "/form/applicant").text
    assert 'value="CD98765432EF"' in page and 'value="AB12345678CD"' not in page


@pytest.mark.parametrize("typed, text", [
    ("", 'Enter or choose "Residence card number".'),
    ("AB1234567", "2 letters, 8 digits and 2 letters"),
    ("AB12345678CD", "This is already your residence card number"),
    ("<script>", "Do not use the characters"),
])
def test_bad_numbers_are_refused_with_a_message(member, db, account, typed, text):
    response = change(member, typed)
    assert response.status_code == 400 and text in html.unescape(response.text)
    assert 'href="#residence_card_number"' in response.text
    assert records.account_by_id(db, account["id"])["residence_card_number"] == "AB12345678CD"
    assert records.residence_card_history(db, account["id"]) == []


def test_another_accounts_number_is_refused(member, site, db, account):
    create_account(site.config["DATABASE"], (b"auth-other", b"sign-other"), email="other@example.jp",
                   residence_card_number="GH11223344JK")
    response = change(member, "GH11223344JK")
    assert response.status_code == 400 and "already registered" in response.text
    assert records.account_by_id(db, account["id"])["residence_card_number"] == "AB12345678CD"


def test_the_card_page_in_japanese_and_chinese(member):
    for language, heading in (("ja", "在留カード番号の変更"), ("zh", "更改在留卡号码")):
        member.set_cookie("lang", language)
        assert heading in member.get("/profile/card").text
