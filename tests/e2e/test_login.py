"""Log in with the card and the password, in the real browser through the real card stack."""
import pytest
from playwright.sync_api import expect

from tests.support import journey as j
from tests.support.accounts import PASSWORD
from tests.support.browser import axe_violations
from tests.support.card_prompt import log_in, use_card

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def member(journey, journey_site):
    card, account = journey.member(journey_site, "試験\u3000二郎", "jiro.shiken@example.jp", "CD98765432EF",
                                   "login-member.json")
    journey.insert(card)
    return account


def test_login_with_card_and_password_then_logout(journey_site, member, page):
    page.goto(journey_site.url + "/login")
    expect(page.locator("[data-card-status]")).to_contain_text("カードヘルパーとカードの準備ができています")
    page.get_by_label("認証ID").fill(member["user_id"])
    page.get_by_label("パスワード").fill(PASSWORD)
    assert not axe_violations(page)
    use_card(page, "カードを読み取ってログイン", j.AUTH_PIN)
    page.wait_for_url("**/my")
    assert page.get_by_role("heading", level=1).inner_text() == "マイページ"
    assert member["user_id"] in page.content()
    assert not axe_violations(page)
    page.get_by_role("button", name="ログアウト", exact=True).click()
    page.wait_for_url("**/login")
    page.goto(journey_site.url + "/my")
    assert "/login" in page.url


def test_wrong_password_is_said_before_the_pin_and_no_more_than_needed(journey_site, member, page):
    """Said before the helper's PIN window opens (it once came only after the PIN), without saying which of the
    user ID and the password is wrong."""
    page.goto(journey_site.url + "/login")
    expect(page.locator("[data-card-status]")).to_contain_text("カードヘルパーとカードの準備ができています")
    page.locator("#user_id").fill(member["user_id"])
    page.locator("#password").fill("wrong password 1234")
    page.get_by_role("button", name="カードを読み取ってログイン").click()
    expect(page.locator("[data-card-status]")).to_contain_text("認証ID又はパスワードが正しくありません")
    assert len(page.context.pages) == 1  # no PIN window
    assert "/login" in page.url
