"""Setting the first password from the approval email, and resetting a forgotten one."""
import re
import time

import pytest

from accounts import passwords, records
from rules.clock import today_in_japan
from store import connect
from tests.registration.conftest import Applicant, count
from tests.registration.test_registration import account, outbox, register

NEW_PASSWORD = "green tea at seven 42"


def link_in(mail, kind):
    return re.search(rf"http://127\.0\.0\.1:5000(/password/{kind}/[\w-]+)", mail["text"]).group(1)


@pytest.fixture
def registered(reg_app, saburo_card):
    register(reg_app, saburo_card)
    return link_in(outbox(reg_app)[0], "set")


def test_set_password_once_from_the_approval_link(reg_app, registered):
    browser = Applicant(reg_app, lang="en")
    page = browser.get(registered).text
    assert account(reg_app)["user_id"] in page and "At least 12 characters" in page  # rules up front
    response = browser.post(registered, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 303 and response.headers["Location"].endswith("/login")
    row = account(reg_app)
    assert passwords.verify_password(row["password_hash"], NEW_PASSWORD)
    assert row["password_set_at"] == today_in_japan().isoformat()
    again = browser.get(registered)
    assert again.status_code == 410 and "already been used" in again.text
    assert browser.post(registered, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}).status_code == 410


@pytest.mark.parametrize("password, again, message", [
    ("short", "short", "at least 12"),
    ("x" * 200, "x" * 200, "at most 128"),
    ("aaaaaaaaaaaaaa", "aaaaaaaaaaaaaa", "one character repeated"),
    ("saburo.shiken@example.jp", "saburo.shiken@example.jp", "user ID or your email"),
    ("green tea\x07 at seven", "green tea\x07 at seven", "letters, digits"),
    (NEW_PASSWORD, NEW_PASSWORD + "!", "not the same"),
])
def test_a_password_that_breaks_a_rule_is_refused(reg_app, registered, password, again, message):
    browser = Applicant(reg_app, lang="en")
    browser.get(registered)
    response = browser.post(registered, {"password": password, "password_confirm": again})
    assert response.status_code == 400 and message in response.text
    assert account(reg_app)["password_hash"] is None
    assert browser.get(registered).status_code == 200  # the link is still usable


def test_expired_and_unknown_links(reg_app, registered):
    db = connect(reg_app.config["DATABASE"])
    db.execute("UPDATE account_token SET expires_at = ?", [time.time() - 1])
    db.conn.close()
    browser = Applicant(reg_app, lang="en")
    expired = browser.get(registered)
    assert expired.status_code == 410 and "expired" in expired.text and 'href="/password/forgot"' in expired.text
    assert browser.get("/password/set/not-a-real-secret").status_code == 404
    assert browser.get("/password/reset/" + registered.rsplit("/", 1)[1]).status_code == 404  # wrong kind


def test_missing_csrf_token_changes_nothing(reg_app, registered):
    browser = Applicant(reg_app)
    browser.get(registered)
    response = browser.client.post(registered, data={"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 400
    assert account(reg_app)["password_hash"] is None


# --- forgot password ------------------------------------------------------------------------------

def forgot(browser, user_id, email):
    browser.get("/password/forgot")
    return browser.post("/password/forgot", {"user_id": user_id, "email": email})


def test_forgot_password_sends_a_one_hour_link_only_when_the_details_match(reg_app, registered):
    user_id = account(reg_app)["user_id"]
    browser = Applicant(reg_app, lang="zh")
    answers = [forgot(browser, *pair) for pair in [
        (user_id.lower(), "Saburo.Shiken@EXAMPLE.jp"), ("ZZZZZZZZZZ", "saburo.shiken@example.jp"),
        (user_id, "someone.else@example.jp")]]
    assert {a.status_code for a in answers} == {303}
    assert len({a.headers["Location"] for a in answers}) == 1  # the same page whatever matched
    mails = outbox(reg_app)
    assert [m["kind"] for m in mails] == ["approval", "password_reset"] and mails[1]["language"] == "zh"
    db = connect(reg_app.config["DATABASE"])
    expires, created = db.execute("SELECT expires_at, created_at FROM account_token WHERE kind = 'reset_password'"
                                  ).fetchone()
    db.conn.close()
    assert expires - created == 3600


def test_reset_sets_the_password_and_ends_every_session(reg_app, registered):
    row = account(reg_app)
    db = connect(reg_app.config["DATABASE"])
    records.start_session(db, row["id"])
    db.conn.close()
    browser = Applicant(reg_app, lang="en")
    forgot(browser, row["user_id"], row["email"])
    link = link_in(outbox(reg_app)[-1], "reset")
    assert "Choose a new password" in browser.get(link).text
    response = browser.post(link, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 303
    assert passwords.verify_password(account(reg_app)["password_hash"], NEW_PASSWORD)
    db = connect(reg_app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM user_session WHERE ended_at IS NULL").fetchone()[0] == 0
    db.conn.close()
    assert browser.get(link).status_code == 410


def test_a_new_reset_link_replaces_the_older_one(reg_app, registered):
    row = account(reg_app)
    browser = Applicant(reg_app, lang="en")
    forgot(browser, row["user_id"], row["email"])
    forgot(browser, row["user_id"], row["email"])
    first, second = (link_in(m, "reset") for m in outbox(reg_app)[1:])
    assert browser.get(first).status_code == 410 and browser.get(second).status_code == 200


def test_forgot_form_checks_its_fields(reg_app):
    browser = Applicant(reg_app, lang="en")
    assert 'value="AB12CD34EF"' in browser.get("/password/forgot?user_id=ab12cd34ef").text
    for user_id, email in [("", "a@example.jp"), ("AB<12>", "a@example.jp"), ("AB12", "not-an-email"),
                           ("AB12", "a\x00@example.jp")]:
        response = browser.post("/password/forgot", {"user_id": user_id, "email": email})
        assert response.status_code == 400 and "There is a problem" in response.text
    assert count(reg_app, "outbox") == 0
    assert browser.client.post("/password/forgot", data={"user_id": "AB12", "email": "a@example.jp"}
                               ).status_code == 400  # no CSRF token


def test_forgot_password_is_rate_limited_per_address(make_app, ca):
    app = make_app(PASSWORD_RESET_LIMIT_PER_IP="3 per hour", PASSWORD_RESET_LIMIT_PER_ACCOUNT="100 per hour")
    browser = Applicant(app, lang="en")
    codes = [forgot(browser, f"AB12CD34E{n}", "a@example.jp").status_code for n in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    assert "Too many attempts" in browser.post("/password/forgot", {"user_id": "X", "email": "a@example.jp"}).text
