"""A forgotten user ID (認証ID): the card proves who asks (the login's card reading, PIN in the helper), and the ID
goes to the email address of the account the card is registered to, in the account's language."""
from tests.conftest import chrome_client
from tests.profile.conftest import card_answer, csrf_of


def ask(client, state):
    answer = card_answer(client, "recover_id", state)
    return client.post("/login/forgot-id", data={"csrf_token": csrf_of(client.get("/login/forgot-id")),
                                                 "card_token": answer})


def mails(db):
    return db.execute("SELECT recipient, language, subject, text_body FROM outbox WHERE kind = 'user_id'").fetchall()


def test_the_card_sends_the_user_id_to_the_registered_address(site, account, card_state, db):  # noqa: F811
    client = chrome_client(site)
    client.set_cookie("lang", "en")
    assert "Forgot your user ID?" in client.get("/login").text
    page = client.get("/login/forgot-id")
    assert page.status_code == 200 and 'purpose="recover_id"' not in page.text  # the URL carries it
    assert "/card/challenge/recover_id" in page.text
    challenge = client.post("/card/challenge/recover_id", headers={"X-CSRFToken": csrf_of(page)})
    assert challenge.json["key"] == "authentication" and challenge.json["step"] == "login"
    response = ask(client, card_state)
    assert response.status_code == 303 and response.location.endswith("/login")
    assert "We sent your user ID to the email address registered for this card (h***@example.jp)" in \
        client.get("/login").text
    [(recipient, language, subject, body)] = mails(db)
    assert recipient == account["email"] and language == account["language"]
    assert account["user_id"] in body and "認証ID" in subject


def test_an_unregistered_card_is_told_to_register(site, other_card_state, db):  # noqa: F811
    client = chrome_client(site)
    client.set_cookie("lang", "zh")
    response = ask(client, other_card_state)
    assert response.status_code == 404 and "此个人编号卡尚未注册" in response.text
    assert 'href="/register"' in response.text and mails(db) == []


def test_no_card_token_or_a_bad_one_is_refused(site, account, db):
    client = chrome_client(site)
    client.set_cookie("lang", "ja")
    csrf = csrf_of(client.get("/login/forgot-id"))
    missing = client.post("/login/forgot-id", data={"csrf_token": csrf})
    assert missing.status_code == 400 and "マイナンバーカード" in missing.text
    bad = client.post("/login/forgot-id", data={"csrf_token": csrf, "card_token": '{"certificate": "AA"}'})
    assert bad.status_code == 400 and mails(db) == []
