"""A new applicant's whole first day, through the real stack: register with the card, the approval email
over SMTP, set the password, log in and out, forget the password, reset it and log in again.

Once in Japanese with the mouse, once in Chinese with the keyboard only; axe-core on every page.
"""
import datetime
import re
import time

import pytest
from playwright.sync_api import expect

import store
from tests.support import journey as j
from tests.support.browser import axe_violations
from tests.support.card_prompt import use_card

pytestmark = pytest.mark.e2e

FIRST_PASSWORD = "kyoto autumn maple 2025"
NEW_PASSWORD = "osaka castle spring 77"

# What each language's pages say, for the few strings the test looks for.
WORDS = {
    "ja": {"start": "登録を始める", "auth": "利用者証明用電子証明書を読み取る", "sign": "署名用電子証明書を読み取る",
           "user_id": "認証ID", "password": "パスワード", "new": "新しいパスワード", "again": "新しいパスワード（確認用）",
           "save": "パスワードを保存する", "login": "カードを読み取ってログイン", "logout": "ログアウト",
           "forgot": "パスワードを忘れた場合", "email": "メールアドレス", "send": "リンクを送信する",
           "my_page": "マイページ", "taken": "既に登録されています", "revoked": "失効しています",
           "used": "既に使用されています", "expired": "有効期限が切れています"},
    "zh": {"start": "开始注册用户信息", "auth": "读取利用者证明用电子证明书", "sign": "读取署名用电子证明书",
           "user_id": "认证ID", "password": "密码", "new": "新密码", "again": "新密码（确认）", "save": "保存密码",
           "login": "读取卡并登录", "logout": "退出登录", "forgot": "如忘记密码", "email": "电子邮件地址",
           "send": "发送链接", "my_page": "个人中心"},
}


def accessible(page):
    violations = axe_violations(page)
    assert not violations, violations


def user_id_in(message):
    return re.search(r"(?:認証ID|认证ID)\s*[:：]\s*([A-Z0-9]{6,})", j.mail_text(message)).group(1)


class Mouse:
    """Mouse and fill(): the Japanese run."""

    def __init__(self, page):
        self.page = page

    def fill(self, label, text):
        self.page.get_by_label(label, exact=True).fill(text)
        self.page.get_by_label(label, exact=True).blur()

    def choose(self, label, value):
        self.page.get_by_label(label, exact=True).select_option(value)

    def tick(self, name):
        self.page.locator(f"#{name}").check()

    def press(self, name):
        self.page.get_by_role("button", name=name, exact=True).click()

    def follow(self, name):
        self.page.get_by_role("link", name=name, exact=True).click()


class Keyboard:
    """Tab, Enter, Space and typing only: the Chinese run."""

    def __init__(self, page):
        self.page = page

    def tab_to(self, locator, limit=80):
        for _ in range(limit):
            if locator.evaluate("e => e === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {locator}")

    def fill(self, label, text):
        self.tab_to(self.page.get_by_label(label, exact=True))
        self.page.keyboard.type(text)

    def choose(self, label, value):
        field = self.page.get_by_label(label, exact=True)
        self.tab_to(field)
        self.page.keyboard.press("End")  # 中国 sorts near the end in pinyin order (before 中国香港…, 中国澳门…)
        for _ in range(5):
            if field.input_value() == value:
                break
            self.page.keyboard.press("ArrowUp")
        assert field.input_value() == value

    def tick(self, name):
        self.tab_to(self.page.locator(f"#{name}"))
        self.page.keyboard.press("Space")

    def press(self, name):
        self.tab_to(self.page.get_by_role("button", name=name, exact=True))
        self.page.keyboard.press("Enter")

    def follow(self, name):
        self.tab_to(self.page.get_by_role("link", name=name, exact=True))
        self.page.keyboard.press("Enter")


def register(journey, site, page, hand, lang, email, residence_card_number):
    """From the intro page to the approval email; returns the user ID and the set-password link."""
    w = WORDS[lang]
    accessible(page)
    hand.press(w["start"])  # the kind of user is chosen first: a foreign resident unless changed
    page.wait_for_url("**/register/card/authentication")
    page.get_by_role("button", name=w["auth"]).wait_for()
    accessible(page)
    use_card(page, w["auth"], j.AUTH_PIN, keyboard=isinstance(hand, Keyboard))
    page.wait_for_url("**/register/card/signing")
    page.get_by_role("button", name=w["sign"]).wait_for()
    accessible(page)
    use_card(page, w["sign"], j.SIGN_PIN, keyboard=isinstance(hand, Keyboard))
    page.wait_for_url("**/register/details")
    accessible(page)
    email_label, again_label, card_label, nationality_label, phone_label = (
        page.locator(f"label[for={n}]").inner_text() for n in
        ("email", "email_confirm", "residence_card_number", "nationality", "phone"))
    hand.fill(email_label, email)
    hand.fill(again_label, email)
    hand.fill(card_label, residence_card_number.lower())
    hand.choose(nationality_label, "CN")
    # The field was checked as it was left, and came back in upper case (htmx swapped its fragment).
    expect(page.locator("#residence_card_number")).to_have_value(residence_card_number, timeout=10000)
    hand.fill(phone_label, "080-1234-5678")
    hand.tick("consent")
    accessible(page)
    # switching the language and back keeps every answer (it once wiped them all)
    typed = {name: page.locator(f"#{name}").input_value()
             for name in ("email", "email_confirm", "residence_card_number", "nationality", "phone")}
    for language_name in ({"ja": "简体中文", "zh": "日本語"}[lang], {"ja": "日本語", "zh": "简体中文"}[lang]):
        page.get_by_role("link", name=language_name, exact=True).click()
        page.wait_for_load_state()
        for name, value in typed.items():
            expect(page.locator(f"#{name}")).to_have_value(value)
        expect(page.locator("#consent")).to_be_checked()
    accessible(page)
    hand.press({"ja": "利用者情報を登録する", "zh": "提交用户信息"}[lang])
    page.wait_for_url("**/register/sent")
    assert email in page.content()
    accessible(page)
    message = journey.wait_for_mail(email)
    assert {"ja": "承認メール", "zh": "认证信息"}[lang] in str(message["Subject"])  # in the page's language
    return user_id_in(message), j.links(message)[0]


def choose_password(page, hand, lang, link, password):
    w = WORDS[lang]
    page.goto(link)
    accessible(page)
    hand.fill(w["new"], password)
    hand.fill(w["again"], password)
    hand.press(w["save"])
    page.wait_for_url("**/login")


def log_in(page, hand, lang, user_id, password):
    w = WORDS[lang]
    accessible(page)
    hand.fill(w["user_id"], user_id)
    hand.fill(w["password"], password)
    use_card(page, w["login"], j.AUTH_PIN, keyboard=isinstance(hand, Keyboard))
    page.wait_for_url("**/my")
    assert page.get_by_role("heading", level=1).inner_text() == w["my_page"]
    accessible(page)


def log_out(page, hand, lang):
    hand.press(WORDS[lang]["logout"])
    page.wait_for_url("**/login")


def request_link(journey, page, hand, lang, user_id, email, count):
    """The forgot-password form, filled in; returns the link of the `count`-th email to `email`."""
    w = WORDS[lang]
    page.wait_for_url("**/password/forgot")
    accessible(page)
    hand.fill(w["user_id"], user_id)
    hand.fill(w["email"], email)
    hand.press(w["send"])
    page.wait_for_url("**/password/forgot/sent")
    accessible(page)
    return j.links(journey.wait_for_mail(email, count=count))[0]


def forget_and_reset(journey, page, hand, lang, user_id, email):
    hand.follow(WORDS[lang]["forgot"])
    link = request_link(journey, page, hand, lang, user_id, email, count=2)
    assert "/password/reset/" in link
    choose_password(page, hand, lang, link, NEW_PASSWORD)
    return link


def arrive(journey, site, page, name, birth_date, file_name):
    """A new applicant with a new card on the reader, at the registration intro page."""
    journey.insert(journey.issue_card(name=name, birth_date=birth_date, file_name=file_name))
    page.goto(site.url + "/register")


def test_japanese_applicant_registers_sets_password_logs_in_and_resets_it(journey, journey_site, page):
    arrive(journey, journey_site, page, "試験\u3000三郎", datetime.date(1990, 5, 3), "saburo.json")
    email = "saburo.shiken@example.jp"
    hand = Mouse(page)
    user_id, link = register(journey, journey_site, page, hand, "ja", email, "AB12345678CD")
    assert "試験\u3000三郎" not in link and "/password/set/" in link
    choose_password(page, hand, "ja", link, FIRST_PASSWORD)
    log_in(page, hand, "ja", user_id, FIRST_PASSWORD)
    assert "試験\u3000三郎" in page.content()
    log_out(page, hand, "ja")
    reset_link = forget_and_reset(journey, page, hand, "ja", user_id, email)
    log_in(page, hand, "ja", user_id, NEW_PASSWORD)
    log_out(page, hand, "ja")
    # Each link works once: the approval link and the reset link now say so, in the applicant's language.
    for used in (link, reset_link):
        page.goto(used)
        assert WORDS["ja"]["used"] in page.locator("h1").inner_text()
        accessible(page)
    # A link past its hour: made old in the database, as if the applicant came back the next day.
    hand.follow("新しいリンクを請求する")
    late = request_link(journey, page, hand, "ja", user_id, email, count=3)
    db = store.connect(journey_site.database)
    db.execute("UPDATE account_token SET expires_at = ? WHERE used_at IS NULL", [time.time() - 1])
    db.conn.close()
    page.goto(late)
    assert WORDS["ja"]["expired"] in page.locator("h1").inner_text()
    accessible(page)
    # The same card cannot register a second account.
    page.goto(journey_site.url + "/register/card/authentication")
    use_card(page, WORDS["ja"]["auth"], j.AUTH_PIN)
    page.wait_for_load_state()
    assert WORDS["ja"]["taken"] in page.locator("#card-error").inner_text()
    accessible(page)


def test_chinese_applicant_with_the_keyboard_only(journey, journey_site, page):
    arrive(journey, journey_site, page, "测试\u3000美美", datetime.date(1996, 8, 8), "meimei.json")
    email = "meimei.ceshi@example.jp"
    hand = Keyboard(page)
    hand.follow("简体中文")
    page.wait_for_url("**/register")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    user_id, link = register(journey, journey_site, page, hand, "zh", email, "EF98765432GH")
    choose_password(page, hand, "zh", link, FIRST_PASSWORD)
    log_in(page, hand, "zh", user_id, FIRST_PASSWORD)
    log_out(page, hand, "zh")
    forget_and_reset(journey, page, hand, "zh", user_id, email)
    log_in(page, hand, "zh", user_id, NEW_PASSWORD)


def test_a_revoked_card_cannot_register(journey, journey_site, page):
    card = journey.issue_card(name="試験\u3000四郎", file_name="shiro-revoked.json")
    journey.revoke(card, "authentication")
    journey.insert(card)
    time.sleep(1.1)  # the site re-reads the CRL directory at most once a second
    page.goto(journey_site.url + "/register/card/authentication")
    use_card(page, WORDS["ja"]["auth"], j.AUTH_PIN)
    page.wait_for_load_state()
    assert WORDS["ja"]["revoked"] in page.locator("#card-error").inner_text()
    db = store.connect(journey_site.database)
    revoked_certificate = journey.certificates(card)[0]
    assert db.execute("SELECT count(*) FROM card_proof WHERE certificate = ?",
                      [revoked_certificate]).fetchone()[0] == 0
    db.conn.close()
