"""A Japanese national or a filing agent registered without a residence card: the profile neither shows nor changes
one (changing it once wrote a history row of the missing number: a 500)."""
import pytest

from tests.support.logged_in import logged_in_client
from tests.support.sessions import csrf_token


@pytest.mark.parametrize("kind", ["japanese_national", "agent"])
def test_no_residence_card_to_change(make_app, kind):
    member, account = logged_in_client(make_app(), kind=kind, nationality="JP")
    member.set_cookie("lang", "en")
    assert account["residence_card_number"] is None
    profile = member.get("/profile")
    assert profile.status_code == 200
    assert "Residence card number" not in profile.text and 'href="/profile/card"' not in profile.text
    assert member.get("/profile/card").status_code == 404
    token = csrf_token(member)
    changed = member.post("/profile/card", data={"csrf_token": token, "residence_card_number": "AB12345678CD"})
    assert changed.status_code == 404
    assert member.post("/profile/card/validate/residence_card_number",
                       data={"csrf_token": token, "residence_card_number": "AB12345678CD"}).status_code == 404
    assert "Residence card number" not in member.get("/my").text.split("<main", 1)[1]
