"""User information registration: both card steps, every question's checks, and nothing half-stored."""
import re

import pytest

from accounts import records
from simulator import card_file
from store import connect
from tests.registration.conftest import DETAILS, MEIMEI, Applicant, count


def outbox(app):
    db = connect(app.config["DATABASE"])
    try:
        return [dict(zip(("to", "kind", "language", "text"), row)) for row in
                db.execute("SELECT recipient, kind, language, text_body FROM outbox ORDER BY id").fetchall()]
    finally:
        db.conn.close()


def account(app):
    db = connect(app.config["DATABASE"])
    try:
        return records._row(db.execute("SELECT * FROM account"))
    finally:
        db.conn.close()


def stored(app):
    return {t: count(app, t) for t in ("account", "account_token", "outbox")}


NOTHING = {"account": 0, "account_token": 0, "outbox": 0}


def test_intro_explains_the_helper_and_chromes_prompt(applicant):
    page = applicant.get("/register").text
    assert 'href="/helper"' in page and "python -m card_helper" not in page
    # the kind of user is chosen first (a foreign resident, a Japanese national, a lawyer or gyoseishoshi)
    assert 'action="/register/kind"' in page
    assert all(f'value="{kind}"' in page for kind in ("foreign_resident", "japanese_national", "agent"))
    # as many numbered steps as the form's pages count ("Step 1 of 3"); the approval email follows them
    steps = page[page.index('card-list--numbered'):]
    assert steps[:steps.index("</ol>")].count('class="card-list__item"') == 3
    terms = applicant.get("/register/terms").text
    assert 'href="/register"' in terms  # a way back from the terms


def test_registration_creates_one_account_and_queues_the_approval_email(applicant, saburo_card, reg_app):
    applicant.read_both(saburo_card)
    page = applicant.get("/register/details").text
    assert "試験\u3000三郎" in page and "1992" in page  # read-only, from the signing certificate
    response = applicant.submit(residence_card_number=" ab-1234 5678-cd ")
    assert response.status_code == 303 and response.headers["Location"].endswith("/register/sent")
    sent = applicant.get("/register/sent").text
    assert 'href="/demo/mailbox/"' in sent.split("<main", 1)[1]  # the demo's email is read there
    assert "<p" not in sent.split("<title>", 1)[1].split("</title>", 1)[0]  # nothing but text in the title
    row = account(reg_app)
    assert (row["name"], row["birth_date"], row["residence_card_number"], row["phone"], row["nationality"],
            row["language"], row["password_hash"]) == (
        "試験\u3000三郎", "1992-02-29", "AB12345678CD", "09012345678", "CN", "ja", None)
    [mail] = outbox(reg_app)
    assert (mail["to"], mail["kind"], mail["language"]) == ("saburo.shiken@example.jp", "approval", "ja")
    assert row["user_id"] in mail["text"]
    assert re.search(r"http://127\.0\.0\.1:5000/password/set/[\w-]{40,}", mail["text"])
    assert count(reg_app, "card_proof") == 0
    assert "saburo.shiken@example.jp" in applicant.get("/register/sent").text


def test_approval_email_in_the_pages_language(reg_app, meimei_card):
    chinese = Applicant(reg_app, lang="zh")
    chinese.read_both(meimei_card)
    assert chinese.submit(email="meimei@example.jp", email_confirm="meimei@example.jp").status_code == 303
    assert outbox(reg_app)[0]["language"] == "zh" and account(reg_app)["language"] == "zh"


def test_double_submit_makes_one_account_and_one_email(applicant, saburo_card, reg_app):
    applicant.read_both(saburo_card)
    first, second = applicant.submit(), applicant.submit()
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"].endswith("/register/sent")
    assert stored(reg_app) == {"account": 1, "account_token": 1, "outbox": 1}


# --- each question, as it is left (htmx) and on submit -------------------------------------------

BAD = [
    ("email", "a" * 250 + "@example.jp", "too long"),
    ("email", "三郎@例え.jp", "wrong script"),
    ("email", "saburo\x07@example.jp", "control character"),
    ("email", "<b>saburo</b>@example.jp", "markup"),
    ("email", "saburo.example.jp", "no @"),
    ("email_confirm", "other@example.jp", "not the same"),
    ("residence_card_number", "AB12345678CDE", "too long"),
    ("residence_card_number", "АВ12345678CD", "Cyrillic letters"),
    ("residence_card_number", "AB1234\u202e5678CD", "bidi control"),
    ("residence_card_number", "<AB12345678CD>", "markup"),
    ("residence_card_number", "", "empty"),
    ("nationality", "ZZ", "not a country"),
    ("nationality", "", "not chosen"),
    ("phone", "0901234567890", "13 digits"),
    ("phone", "〇九〇一二三四五六七八", "kanji digits"),
    ("phone", "090<script>", "markup"),
    ("phone", "090\x00123", "NUL"),
]


@pytest.mark.parametrize("name, value, why", BAD, ids=[f"{n}-{w}" for n, _, w in BAD])
def test_each_bad_answer_is_refused_as_the_field_is_left_and_on_submit(applicant, saburo_card, reg_app,
                                                                         name, value, why):
    applicant.client.set_cookie("lang", "en")
    applicant.read_both(saburo_card)
    fragment = applicant.post(f"/register/validate/{name}", {**DETAILS, name: value}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith(f'<div class="field field--error" id="{name}-field"')
    assert f'id="{name}-error"' in fragment.text and 'aria-invalid="true"' in fragment.text
    assert "<html" not in fragment.text and "<script>" not in fragment.text
    response = applicant.submit(**{name: value})
    assert response.status_code == 400
    assert f'href="#{name}"' in response.text  # the error summary links to the field
    assert "<title>Error:" in response.text
    assert stored(reg_app) == NOTHING


def test_consent_is_needed(applicant, saburo_card, reg_app):
    applicant.client.set_cookie("lang", "en")
    applicant.read_both(saburo_card)
    response = applicant.submit(consent="")
    assert response.status_code == 400 and "tick the box to agree" in response.text
    assert stored(reg_app) == NOTHING


def test_a_good_answer_comes_back_normalised(applicant, saburo_card):
    applicant.read_both(saburo_card)
    fragment = applicant.post("/register/validate/residence_card_number",
                              {"residence_card_number": "ｅｆ９８７６５４３２ｇｈ"}).text
    assert 'value="EF98765432GH"' in fragment and "field--error" not in fragment
    assert 'hx-post="/register/validate/residence_card_number"' in fragment
    phone = applicant.post("/register/validate/phone", {"phone": "03(1234)5678"}).text
    assert 'value="0312345678"' in phone


def test_unknown_question_is_404(applicant):
    applicant.get("/register")
    assert applicant.post("/register/validate/password", {}).status_code == 404


# --- cards and identities already registered ------------------------------------------------------

def register(app, state, **changes):
    someone = Applicant(app, lang="en")
    someone.read_both(state)
    assert someone.submit(**changes).status_code == 303
    return someone


def test_a_card_already_registered_is_refused_at_the_first_step(reg_app, saburo_card):
    register(reg_app, saburo_card)
    again = Applicant(reg_app, lang="en")
    response = again.read_card(saburo_card, "authentication")
    assert response.status_code == 409 and "already registered" in response.text
    assert 'href="/login"' in response.text.split("<main", 1)[1]  # the login page it points to, linked
    assert count(reg_app, "card_proof") == 0 and count(reg_app, "account") == 1


def test_a_residence_card_number_already_registered_is_refused(reg_app, saburo_card, meimei_card):
    register(reg_app, saburo_card)
    before = stored(reg_app)
    other = Applicant(reg_app, lang="en")
    other.read_both(meimei_card)
    fragment = other.post("/register/validate/residence_card_number", {"residence_card_number": "ab12345678cd"})
    assert "already registered" in fragment.text
    response = other.submit(email="meimei@example.jp", email_confirm="meimei@example.jp")
    assert response.status_code == 409 and "residence card number is already registered" in response.text
    assert 'href="/login"' in response.text.split("<main", 1)[1]
    assert stored(reg_app) == before


def test_a_revoked_card_is_refused(reg_app, ca):
    revoked = card_file.issue_card(ca, holder=MEIMEI)
    ca.revoke("authentication", card_file.certificate(revoked, "authentication"))
    from blueprints.card import _trust
    _trust.cache_clear()
    someone = Applicant(reg_app, lang="en")
    response = someone.read_card(revoked, "authentication")
    assert response.status_code == 400 and "revoked" in response.text
    assert count(reg_app, "card_proof") == 0


def test_a_card_answer_for_another_step_is_refused(applicant, saburo_card, reg_app):
    applicant.get("/register/card/authentication")
    wrong = applicant.answer(saburo_card, "signing")  # a signing answer posted to the authentication step
    response = applicant.post("/register/card/authentication", {"card_token": wrong})
    assert response.status_code == 400 and count(reg_app, "card_proof") == 0


def test_no_card_answer_and_garbage(applicant, reg_app):
    applicant.get("/register/card/authentication")
    assert applicant.post("/register/card/authentication", {}).status_code == 400
    assert applicant.post("/register/card/authentication", {"card_token": "{" * 20000}).status_code == 400
    assert applicant.post("/register/card/authentication", {"card_token": "not json"}).status_code == 400
    assert applicant.get("/register/card/neither").status_code == 404


def test_the_signing_step_and_the_form_need_the_earlier_steps(applicant, saburo_card, reg_app):
    assert applicant.get("/register/card/signing").headers["Location"].endswith("/register/card/authentication")
    assert applicant.get("/register/details").status_code == 302
    applicant.get("/register")
    response = applicant.submit()
    assert response.status_code == 303 and "/register/card/authentication" in response.headers["Location"]
    assert stored(reg_app) == NOTHING


def test_missing_csrf_token_stores_nothing(applicant, saburo_card, reg_app):
    applicant.read_both(saburo_card)
    response = applicant.client.post("/register/details", data=DETAILS)
    assert response.status_code == 400
    assert stored(reg_app) == NOTHING
    assert applicant.client.post("/register/card/authentication", data={"card_token": "x"}).status_code == 400


def controls(page):
    """The text of every button and link on a page, tags stripped."""
    return [re.sub(r"<[^>]+>", "", text).strip()
            for text in re.findall(r"<(?:button|a)\b[^>]*>(.*?)</(?:button|a)>", page, re.S)]


def test_in_chinese_registration_buttons_say_what_they_do_and_only_log_in_says_登录(applicant, saburo_card):
    """GLOSSARY.md: 用户信息注册; the buttons 注册用户信息 / 提交用户信息; 登录 (log in) only where one logs in. The
    flyer's 登录利用者信息 is named once, on the guidance page (it stood beside 登录 on these pages)."""
    applicant.client.set_cookie("lang", "zh")
    pages = [applicant.get("/register").text, applicant.get("/login").text]
    assert "注册用户信息" in controls(pages[1])  # the login page's way to registration
    applicant.read_both(saburo_card)
    details = applicant.get("/register/details").text
    pages.append(details)
    assert re.search(r'<button type="submit"[^>]*>提交用户信息</button>', details)
    for page in pages:
        assert "用户信息注册" in page and "登录利用者信息" not in page and "利用者信息" not in page
        bare = [text for text in controls(page) if "登录" in text]
        assert set(bare) <= {"登录", "读取卡并登录"}, bare  # the log-in link and button, nothing else
    flow = applicant.get("/flow").text
    assert flow.count("登录利用者信息") == 1 and "注册用户信息" in controls(flow)
def test_the_challenge_tells_the_helper_it_is_a_registration(reg_app):
    """The helper's window heads its PIN form with the site's step (it said "log in" during registration)."""
    from tests.conftest import chrome_client
    client = chrome_client(reg_app)
    page = client.get("/register/card/authentication")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)
    body = client.post("/card/challenge/register_authentication", headers={"X-CSRFToken": csrf}).json
    assert body["step"] == "register" and body["key"] == "authentication"
    assert client.post("/card/challenge/login", headers={"X-CSRFToken": csrf}).json["step"] == "login"
