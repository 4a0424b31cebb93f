"""A forgotten user ID (認証ID), in the real browser through the real card stack, in Japanese and Chinese: the login
page's link, the card read with the PIN in the helper's window, the ID by email to the registered address."""
import pytest

from tests.support import journey as j
from tests.support.browser import axe_violations
from tests.support.card_prompt import use_card

pytestmark = pytest.mark.e2e

WORDS = {
    "ja": {"link": "認証IDを忘れた場合", "button": "カードを読み取って認証IDを送信する",
           "sent": "このカードで登録されたメールアドレス（k***@example.jp）に認証IDをお送りしました"},
    "zh": {"link": "如忘记认证ID", "button": "读取个人编号卡并发送认证ID",
           "sent": "已将认证ID发送到用此卡注册的邮箱地址（k***@example.jp）"},
}


@pytest.fixture(scope="module")
def member(journey, journey_site):
    card, account = journey.member(journey_site, "試験\u3000九郎", "kuro.shiken@example.jp", "KL55667788MN",
                                   "forgotten-id.json")
    journey.insert(card)
    return account


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_the_user_id_comes_by_email_after_reading_the_card(journey, journey_site, member, new_page, language):
    page = new_page(locale="ja-JP" if language == "ja" else "zh-CN")
    page.context.add_cookies([{"name": "lang", "value": language, "url": journey_site.url}])
    page.goto(journey_site.url + "/login")
    page.get_by_role("link", name=WORDS[language]["link"]).click()
    page.wait_for_url("**/login/forgot-id")
    assert not (found := axe_violations(page)), found
    use_card(page, WORDS[language]["button"], j.AUTH_PIN)
    page.wait_for_url("**/login")
    assert WORDS[language]["sent"] in page.content()
    assert not (found := axe_violations(page)), found
    mail = journey.wait_for_mail(member["email"], count=1 if language == "ja" else 2)
    body = mail.get_body(preferencelist=("plain",)).get_content() if mail.is_multipart() else mail.get_content()
    assert member["user_id"] in body
