"""Changing the telephone number with the one identifier rule (rules.identifiers.phone_number)."""
import html
import pytest

from accounts import records
from tests.profile.conftest import csrf_of


@pytest.mark.parametrize("typed, stored", [("03-1234-5678", "0312345678"), ("０９０（１２３４）５６７８", "09012345678")])
def test_phone_is_normalised_and_saved(member, db, account, typed, stored):
    response = member.post("/profile/phone", data={"csrf_token": csrf_of(member.get("/profile/phone")), "phone": typed})
    assert response.status_code == 303
    assert records.account_by_id(db, account["id"])["phone"] == stored
    assert "Your telephone number has been changed." in member.get("/profile").text


@pytest.mark.parametrize("typed, text", [
    ("", 'Enter or choose "Telephone number".'),
    ("03-1234-567a", "digits only"),
    ("1234567890123", "digits only"),
    ("<script>", "Do not use the characters"),
])
def test_bad_numbers_are_refused_with_a_message(member, db, account, typed, text):
    response = member.post("/profile/phone", data={"csrf_token": csrf_of(member.get("/profile/phone")), "phone": typed})
    assert response.status_code == 400 and text in html.unescape(response.text)
    assert 'href="#phone"' in response.text
    assert records.account_by_id(db, account["id"])["phone"] == "09012345678"


def test_phone_checked_as_it_is_left(member):
    csrf = csrf_of(member.get("/profile/phone"))
    fragment = member.post("/profile/phone/validate/phone", data={"csrf_token": csrf, "phone": "abc"})
    assert 'id="phone-error"' in fragment.text and 'aria-invalid="true"' in fragment.text
    assert member.post("/profile/phone/validate/nope", data={"csrf_token": csrf}).status_code == 404
    assert member.post("/profile/nope/validate/phone", data={"csrf_token": csrf}).status_code == 404


def test_missing_csrf(member, db, account):
    assert member.post("/profile/phone", data={"phone": "0312345678"}).status_code == 400
    assert records.account_by_id(db, account["id"])["phone"] == "09012345678"
