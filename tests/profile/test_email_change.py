"""Changing the email address: a link to the new address, 24 hours, once; nothing changes before it is used."""
import html
import re
import time

import pytest

from accounts import records
from tests.profile.conftest import csrf_of


def outbox(db):
    return db.execute("SELECT recipient, kind, language, text_body FROM outbox ORDER BY id").fetchall()


def ask_for_change(member, new="hanako.new@example.jp", again=None):
    page = member.get("/profile/email")
    return member.post("/profile/email", data={"csrf_token": csrf_of(page), "new_email": new,
                                               "new_email_again": new if again is None else again})


def link_path(text):
    return re.search(r"https?://[^/\s]+(/profile/email/confirm/\S+)", text).group(1)


def test_link_goes_to_the_new_address_only_and_the_change_waits_for_it(member, db, account):
    response = ask_for_change(member, new="Hanako.New@EXAMPLE.JP")
    assert response.status_code == 303
    assert [(to, kind) for to, kind, _, _ in outbox(db)] == [("Hanako.New@example.jp", "email_change")]
    assert records.account_by_id(db, account["id"])["email"] == "hanako.test@example.jp"
    assert "Hanako.New@example.jp" in member.get("/profile").text  # shown as waiting for confirmation
    path = link_path(outbox(db)[0][3])
    # Opening the link (as a mail scanner would) changes nothing; the button does.
    assert "Use this email address" in member.get(path).text
    assert records.account_by_id(db, account["id"])["email"] == "hanako.test@example.jp"
    confirmed = member.post(path, data={"csrf_token": csrf_of(member.get(path))})
    assert confirmed.status_code == 303
    assert records.account_by_id(db, account["id"])["email"] == "Hanako.New@example.jp"
    assert len(outbox(db)) == 1  # nobody else is told


def test_the_email_is_in_the_page_language(member, db):
    member.set_cookie("lang", "zh")
    ask_for_change(member)
    assert outbox(db)[0][2] == "zh"


def test_a_link_works_once(member, db):
    ask_for_change(member)
    path = link_path(outbox(db)[0][3])
    csrf = csrf_of(member.get(path))
    assert member.post(path, data={"csrf_token": csrf}).status_code == 303
    again = member.post(path, data={"csrf_token": csrf})
    assert again.status_code == 410 and "already used" in again.text
    assert member.get(path).status_code == 410


def test_a_link_expires_after_24_hours(member, db, account):
    ask_for_change(member)
    path = link_path(outbox(db)[0][3])
    with db.conn:
        db.execute("UPDATE account_token SET expires_at = ? WHERE kind = 'email_change'", [time.time() - 1])
    response = member.post(path, data={"csrf_token": csrf_of(member.get("/"))})
    assert response.status_code == 410 and "expired" in response.text
    assert records.account_by_id(db, account["id"])["email"] == "hanako.test@example.jp"


def test_a_second_request_replaces_the_first_link(member, db, account):
    ask_for_change(member, new="first@example.jp")
    ask_for_change(member, new="second@example.jp")
    first, second = (link_path(text) for *_, text in outbox(db))
    assert member.post(first, data={"csrf_token": csrf_of(member.get("/"))}).status_code == 410
    member.post(second, data={"csrf_token": csrf_of(member.get("/"))})
    assert records.account_by_id(db, account["id"])["email"] == "second@example.jp"


def test_an_unknown_link(member):
    response = member.get("/profile/email/confirm/not-a-real-secret")
    assert response.status_code == 404 and "not valid" in response.text


@pytest.mark.parametrize("new, again, field, text", [
    ("", "", "new_email", 'Enter or choose "New email address".'),
    ("not-an-address", "not-an-address", "new_email", "Enter an email address such as"),
    ("hanako.new@example.jp", "hanako.nwe@example.jp", "new_email_again", "are not the same"),
    ("hanako.test@example.jp", "hanako.test@example.jp", "new_email", "already your email address"),
])
def test_refusals_name_the_field_and_store_nothing(member, db, new, again, field, text):
    response = ask_for_change(member, new, again)
    assert response.status_code == 400
    assert text in html.unescape(response.text)
    assert f'href="#{field}"' in response.text  # the error summary links to the field
    assert f'id="{field}-error"' in response.text
    assert "<title>Error:" in response.text
    assert outbox(db) == [] and db.execute("SELECT COUNT(*) FROM account_token").fetchone()[0] == 0


def test_each_field_is_checked_as_it_is_left(member):
    csrf = csrf_of(member.get("/profile/email"))
    fragment = member.post("/profile/email/validate/new_email_again", data={
        "csrf_token": csrf, "new_email": "a@example.jp", "new_email_again": "b@example.jp"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<div class="field field--error" id="new_email_again-field"')
    assert "are not the same" in fragment.text and "<html" not in fragment.text
    fine = member.post("/profile/email/validate/new_email", data={"csrf_token": csrf, "new_email": "a@example.jp"})
    assert "field--error" not in fine.text and 'value="a@example.jp"' in fine.text


def test_validation_in_japanese(member):
    member.set_cookie("lang", "ja")
    csrf = csrf_of(member.get("/profile/email"))
    fragment = member.post("/profile/email/validate/new_email", data={"csrf_token": csrf, "new_email": "x"})
    assert "Enter an email address" not in fragment.text


def test_missing_csrf_is_refused_and_nothing_is_sent(member, db):
    response = member.post("/profile/email", data={"new_email": "x@example.jp", "new_email_again": "x@example.jp"})
    assert response.status_code == 400 and "This form has expired" in response.text
    assert outbox(db) == []
    assert member.post("/profile/email/validate/new_email", data={"new_email": "x"}).status_code == 400


def test_login_is_required(site):
    from tests.conftest import chrome_client
    client = chrome_client(site)
    for path in ("/profile", "/profile/email", "/profile/phone", "/profile/certificates"):
        response = client.get(path)
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    assert client.post("/profile/email/validate/new_email").status_code in (302, 400)


def test_the_link_comes_from_site_origin_not_the_requests_host(member, db, site):
    # A Host the site serves but that is not its origin stands for any forged Host (issue 9, defect 5).
    member.environ_base["HTTP_HOST"] = "localhost:8123"
    assert ask_for_change(member).status_code == 303
    text = outbox(db)[0][3]
    assert site.config["SITE_ORIGIN"] + "/profile/email/confirm/" in text and "localhost:8123" not in text


def test_no_email_can_carry_a_link_off_the_site(site):
    import store
    from mail.messages import queue
    db = store.connect(site.config["DATABASE"])
    with site.app_context(), pytest.raises(ValueError, match="SITE_ORIGIN"):
        queue(db, "email_change", "x@example.jp", "ja", link="http://evil.example/profile/email/confirm/x",
              expires_at=time.time())


# Registration and the profile take an email address by one rule (rules.forms.accounts): they disagreed.
def test_an_address_registration_refuses_is_refused_here_too(member, db):
    response = ask_for_change(member, "花子@例え.jp")
    assert response.status_code == 400
    assert 'id="new_email-error"' in response.text
    assert "half-width letters" in html.unescape(response.text)
    assert outbox(db) == []


def test_the_address_typed_again_in_other_capitals_is_the_same_address(member, db):
    assert ask_for_change(member, "Hanako.New@example.jp", "hanako.new@example.jp").status_code == 303
    assert [to for to, _, _, _ in outbox(db)] == ["Hanako.New@example.jp"]
