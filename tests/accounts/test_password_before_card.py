"""The login's user ID and password are checked before the card's PIN is asked (the page's script asks
/login/password first): a typing mistake is said at once, in the applicant's language, on the login's budgets."""
import pytest

from tests.conftest import chrome_client
from tests.support.accounts import PASSWORD, create_account


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=False)


@pytest.fixture
def account(app):
    return create_account(app.config["DATABASE"], (b"auth-1", b"sign-1"))


WRONG = {"en": "The user ID or password is wrong", "ja": "認証ID又はパスワードが正しくありません",
         "zh": "认证ID或密码不正确"}


@pytest.mark.parametrize("language", sorted(WRONG))
def test_a_wrong_password_or_unknown_user_id_is_said_before_the_card(app, account, language):
    client = chrome_client(app)
    client.set_cookie("lang", language)
    for user_id, password in ((account["user_id"], "wrong password 1"), ("NO-SUCH-ID", PASSWORD)):
        refused = client.post("/login/password", data={"user_id": user_id, "password": password})
        assert refused.status_code == 401 and refused.json["error"]["code"] == "password_wrong"
        assert refused.json["error"]["message"].startswith(WRONG[language])


def test_the_right_password_goes_on_to_the_card_and_costs_no_try(app, account):
    client = chrome_client(app)
    for _ in range(8):  # more than the account's 5 tries: a check that passes draws on no budget
        right = client.post("/login/password", data={"user_id": account["user_id"].lower(), "password": PASSWORD})
        assert right.status_code == 200 and right.json == {"ok": True}


def test_wrong_checks_share_the_logins_budget(app, account):
    client = chrome_client(app)
    for _ in range(5):
        assert client.post("/login/password", data={"user_id": account["user_id"], "password": "x"}).status_code == 401
    assert client.post("/login/password", data={"user_id": account["user_id"], "password": PASSWORD}).status_code == 429
    assert client.post("/login", data={"user_id": account["user_id"], "password": PASSWORD}).status_code == 429


def test_an_account_without_a_password_yet_goes_on_to_the_card(app):
    fresh = create_account(app.config["DATABASE"], (b"auth-2", b"sign-2"), password=None,
                           email="jiro.shiken@example.jp", residence_card_number="CD12345678EF")
    answer = chrome_client(app).post("/login/password", data={"user_id": fresh["user_id"], "password": ""})
    assert answer.status_code == 200  # the login with the card says that the password is still to be set


def test_the_login_page_asks_for_the_check_before_the_card(app):
    page = chrome_client(app).get("/login").text
    assert 'data-check-url="/login/password"' in page


TOO_MANY = {"en": "There were too many attempts", "ja": "短時間に試行が多すぎました", "zh": "短时间内尝试次数过多"}


@pytest.mark.parametrize("language", sorted(TOO_MANY))
def test_the_scripts_check_over_the_budget_gets_words_it_can_show(app, account, language):
    """The page's script shows a refusal's own message in place; a 429 as an HTML page left it a generic card
    error, with nothing said about waiting."""
    client = chrome_client(app)
    client.set_cookie("lang", language)
    json_only = {"Accept": "application/json"}
    for _ in range(5):
        client.post("/login/password", data={"user_id": account["user_id"], "password": "x"}, headers=json_only)
    over = client.post("/login/password", data={"user_id": account["user_id"], "password": PASSWORD},
                       headers=json_only)
    assert over.status_code == 429 and over.headers.get("Retry-After")
    assert over.json["error"]["code"] == "http_429" and over.json["error"]["message"].startswith(TOO_MANY[language])
    page = client.post("/login", data={"user_id": account["user_id"], "password": PASSWORD})  # a page asks for a page
    assert page.status_code == 429 and page.mimetype == "text/html"
