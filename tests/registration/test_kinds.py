"""User information registration for each kind of user: a foreign resident (the residence card number), a Japanese
national (none; nationality Japan), a lawyer or gyoseishoshi (their registration, awaiting the bureau of their
office). Bad input is a 4xx in the page's language and stores nothing."""
import pytest

from store import connect
from tests.registration.conftest import AGENT_DETAILS, JAPANESE_DETAILS, Applicant, count


def rows(app, sql):
    db = connect(app.config["DATABASE"])
    try:
        cursor = db.execute(sql)
        return [dict(zip([c[0] for c in cursor.description], row)) for row in cursor.fetchall()]
    finally:
        db.conn.close()


def stored(app):
    return {t: count(app, t) for t in ("account", "account_token", "outbox", "agent_registration")}


NOTHING = {"account": 0, "account_token": 0, "outbox": 0, "agent_registration": 0}


def register_as(applicant, kind, card):
    applicant.get("/register")
    chosen = applicant.post("/register/kind", {"kind": kind})
    assert chosen.status_code == 303 and chosen.headers["Location"].endswith("/register/card/authentication")
    applicant.read_both(card)


@pytest.mark.parametrize("kind", ["", "organisation", "agent'--", "x" * 5000])
def test_an_unknown_kind_is_refused_in_the_users_language(applicant, reg_app, kind):
    applicant.get("/register")
    response = applicant.post("/register/kind", {"kind": kind})
    assert response.status_code == 400
    assert "外国人住民" in response.text.split("error-summary", 1)[1][:2000]  # the refusal names the kinds (ja)
    assert "<title>エラー" in response.text
    assert stored(reg_app) == NOTHING


def test_the_kind_is_posted_with_the_csrf_token(applicant):
    applicant.get("/register")
    assert applicant.post("/register/kind", {"kind": "agent"}, csrf=False).status_code == 400


def test_a_japanese_national_registers_without_a_residence_card(applicant, taro_card, reg_app):
    register_as(applicant, "japanese_national", taro_card)
    page = applicant.get("/register/details").text
    assert "日本\u3000太郎" in page and 'name="residence_card_number"' not in page
    assert 'name="nationality"' not in page and "日本人" in page  # the kind chosen, with a way to change it
    response = applicant.post("/register/details", JAPANESE_DETAILS)
    assert response.status_code == 303, response.text
    [account] = rows(reg_app, "SELECT * FROM account")
    assert (account["kind"], account["residence_card_number"], account["nationality"], account["name"],
            account["birth_date"], account["phone"]) == (
        "japanese_national", None, "JP", "日本\u3000太郎", "1985-05-05", "0312345678")
    assert stored(reg_app) == {"account": 1, "account_token": 1, "outbox": 1, "agent_registration": 0}


def test_a_residence_card_number_posted_by_a_japanese_national_is_not_stored(applicant, taro_card, reg_app):
    register_as(applicant, "japanese_national", taro_card)
    applicant.post("/register/details", {**JAPANESE_DETAILS, "residence_card_number": "AB12345678CD",
                                         "nationality": "CN"})
    [account] = rows(reg_app, "SELECT kind, residence_card_number, nationality FROM account")
    assert account == {"kind": "japanese_national", "residence_card_number": None, "nationality": "JP"}


@pytest.mark.parametrize("name, value", [("email", "taro.example.jp"), ("email_confirm", "other@example.jp"),
                                         ("phone", "090<script>"), ("consent", "")])
def test_a_japanese_nationals_bad_answer_stores_nothing(applicant, taro_card, reg_app, name, value):
    register_as(applicant, "japanese_national", taro_card)
    response = applicant.post("/register/details", {**JAPANESE_DETAILS, name: value})
    assert response.status_code == 400 and f'href="#{name}"' in response.text
    assert stored(reg_app) == NOTHING


def test_a_gyoseishoshi_registers_awaiting_the_bureau_of_their_office(applicant, yuko_card, reg_app):
    register_as(applicant, "agent", yuko_card)
    page = applicant.get("/register/details").text
    for name in ("profession", "registration_number", "association", "agent_number", "office_postal_code"):
        assert f'name="{name}"' in page
    assert 'name="residence_card_number"' not in page
    response = applicant.post("/register/details", AGENT_DETAILS)
    assert response.status_code == 303, response.text
    [account] = rows(reg_app, "SELECT * FROM account")
    assert (account["kind"], account["residence_card_number"], account["name"]) == ("agent", None, "代理\u3000優子")
    [agent] = rows(reg_app, "SELECT * FROM agent_registration")
    assert agent["account_id"] == account["id"]
    # the postal code gave the prefecture and municipality (no script): Tokyo's bureau confirms
    assert (agent["profession"], agent["registration_number"], agent["association"], agent["agent_number"],
            agent["office_postal_code"], agent["office_address"], agent["bureau"], agent["state"]) == (
        "gyoseishoshi", "12345678", "東京都行政書士会", "東京（行）第12-345号",
        "1600023", "東京都新宿区西新宿一丁目１－１", "tokyo", "awaiting")


def test_an_agents_office_in_kanagawa_is_confirmed_by_yokohama(applicant, yuko_card, reg_app):
    register_as(applicant, "agent", yuko_card)
    response = applicant.post("/register/details", {**AGENT_DETAILS, "office_postal_code": "2310023",
                                                    "office_address_rest": "山下町１"})
    assert response.status_code == 303, response.text
    [agent] = rows(reg_app, "SELECT bureau, office_address FROM agent_registration")
    assert agent["bureau"] == "yokohama" and agent["office_address"].startswith("神奈川県横浜市中区")


AGENT_BAD = [
    ("profession", "judge"), ("profession", ""),
    ("registration_number", "12AB5678"), ("registration_number", "123456789"), ("registration_number", ""),
    ("association", ""), ("association", "东京都行政书士会"),  # simplified Chinese: not in the Japanese set
    ("agent_number", ""), ("agent_number", "x" * 31), ("agent_number", "12\u202e34"),
    ("office_postal_code", "9999999"), ("office_postal_code", "abc"),
    ("office_prefecture", "27"),  # Osaka, but 160-0023 is in Tokyo
    ("office_address_rest", "西新宿东1"),  # simplified Chinese
    ("nationality", "ZZ"),
]


@pytest.mark.parametrize("name, value", AGENT_BAD, ids=[f"{n}-{v[:10]}" for n, v in AGENT_BAD])
def test_an_agents_bad_answer_is_a_400_and_stores_nothing(applicant, yuko_card, reg_app, name, value):
    register_as(applicant, "agent", yuko_card)
    response = applicant.post("/register/details", {**AGENT_DETAILS, name: value})
    assert response.status_code == 400, response.text
    assert f'href="#{name}"' in response.text
    assert stored(reg_app) == NOTHING


def test_a_registration_number_registered_already_is_a_409(reg_app, yuko_card, taro_card):
    first = Applicant(reg_app)
    register_as(first, "agent", yuko_card)
    assert first.post("/register/details", AGENT_DETAILS).status_code == 303
    second = Applicant(reg_app)
    register_as(second, "agent", taro_card)
    response = second.post("/register/details", {**AGENT_DETAILS, "email": "x@example.jp",
                                                 "email_confirm": "x@example.jp"})
    assert response.status_code == 409 and 'href="#registration_number"' in response.text
    assert count(reg_app, "account") == 1 and count(reg_app, "agent_registration") == 1
    # a lawyer may hold the same number as a gyoseishoshi
    assert second.post("/register/details", {**AGENT_DETAILS, "email": "x@example.jp", "email_confirm": "x@example.jp",
                                             "profession": "lawyer"}).status_code == 303


def test_the_office_postal_code_fills_the_address_as_it_is_left(applicant, yuko_card):
    register_as(applicant, "agent", yuko_card)
    fragment = applicant.post("/register/validate/office_postal_code",
                              {**AGENT_DETAILS, "office_address_rest": ""}).text
    assert 'value="1600023"' in fragment
    oob = fragment.split('hx-swap-oob', 1)[1]  # the address's parts, swapped in out of band
    assert 'value="新宿区"' in oob and 'value="13" selected' in oob.replace("selected ", "selected")


def test_a_question_of_another_kind_is_a_404(applicant, taro_card):
    register_as(applicant, "japanese_national", taro_card)
    assert applicant.post("/register/validate/residence_card_number", {}).status_code == 404
    assert applicant.post("/register/validate/registration_number", {}).status_code == 404


def test_changing_the_kind_after_the_card_keeps_the_reading(applicant, taro_card, reg_app):
    register_as(applicant, "foreign_resident", taro_card)
    again = applicant.post("/register/kind", {"kind": "japanese_national"})
    assert again.status_code == 303 and again.headers["Location"].endswith("/register/details")
    assert applicant.post("/register/details", JAPANESE_DETAILS).status_code == 303
    assert count(reg_app, "account") == 1


HOSTILE = ("<x-hostile>", '"><x-hostile a=1>', "\u202e1234", "\x00", "9" * 5000, "[" * 3000, "あ" * 2000)


@pytest.mark.parametrize("kind, details, card", [("japanese_national", JAPANESE_DETAILS, "taro_card"),
                                                 ("agent", AGENT_DETAILS, "yuko_card")])
def test_hostile_values_in_each_kinds_questions(reg_app, request, kind, details, card):
    """Every question of the kind's form with each hostile value alone: a 400 in the page's language, nothing
    echoed raw, nothing stored; the question's own check (htmx) answers without a 5xx too."""
    applicant = Applicant(reg_app)
    register_as(applicant, kind, request.getfixturevalue(card))
    for name in [n for n in details if n != "consent"]:
        for value in HOSTILE:
            response = applicant.post("/register/details", {**details, name: value})
            assert response.status_code == 400, (name, value[:20], response.status_code)
            assert "<x-hostile" not in response.text
            fragment = applicant.post(f"/register/validate/{name}", {**details, name: value})
            assert fragment.status_code == 200 and "<x-hostile" not in fragment.text
    assert stored(reg_app) == NOTHING
