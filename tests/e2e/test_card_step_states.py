"""What a card step says before any PIN: no helper, helper blocked by Chrome's local network access prompt,
an old helper, no card; and what it says after a wrong PIN in the helper's window. (No reader: tests/card.)"""
import sys

import pytest
from playwright.sync_api import expect

from tests.support import agents, page_guards
from tests.support.accounts import PASSWORD
from tests.support.browser import FULL_CHROMIUM, axe_violations, launch
from tests.support.card_prompt import LOGIN_BUTTON, check_window_language
from tests.support.processes import Child, free_port, port_open, wait_until
from tests.support.site import ROOT, LiveSite

pytestmark = pytest.mark.e2e

HELPER_MISSING = "このパソコンでカードヘルパーが起動していません"
LNA_BLOCKED = "ブラウザーが、このサイトとこのパソコンのカードヘルパーとの通信をブロックしています"
OUTDATED = "カードヘルパーを更新してください"
NO_CARD = {"ja": "カードがリーダライタに置かれていません", "zh": "读卡器上没有卡"}


@pytest.fixture(scope="module")
def helper_port():
    return free_port()


@pytest.fixture(scope="module")
def lone_site(tmp_path_factory, helper_port):
    """A site whose helper port answers only when a test starts a helper there."""
    site = LiveSite(str(tmp_path_factory.mktemp("lone-site")),
                    env={"ORAS_CARD_HELPER_ORIGIN": f"http://127.0.0.1:{helper_port}"})
    yield site
    site.stop()


@pytest.fixture
def helper(lone_site, helper_port, tmp_path):
    child = Child([sys.executable, "-m", "card_helper", "--port", str(helper_port), "--origin", lone_site.url,
                   "--quiet"], cwd=ROOT, log_path=str(tmp_path / "helper.log"))
    wait_until(lambda: port_open(helper_port) or not child.alive(), 15, what="the card helper")
    yield child
    child.stop()


def status(page):
    return page.locator("[data-card-status]")


def test_no_helper_running(lone_site, page):
    page.goto(lone_site.url + "/login")
    expect(status(page)).to_contain_text(HELPER_MISSING)
    page.get_by_role("link", name="カードヘルパーの入手・更新").click()
    page.wait_for_url("**/helper")
    assert not axe_violations(page)


def test_helper_blocked_by_the_local_network_access_prompt(lone_site, helper, playwright_session):
    """Chromium treats the site as public (as in production): its fetch to 127.0.0.1 needs the permission (the
    full browser: the headless shell has no such prompt)."""
    public = launch(playwright_session, FULL_CHROMIUM,
                    [f"--ip-address-space-overrides=127.0.0.1:{lone_site.port}=public"])
    try:
        denied = page_guards.watch(public.new_context(user_agent=agents.E2E, locale="ja-JP").new_page(), "ja-JP")
        denied.goto(lone_site.url + "/login")
        expect(status(denied)).to_contain_text(LNA_BLOCKED)
        assert not axe_violations(denied)
        allowed = public.new_context(user_agent=agents.E2E, locale="ja-JP")
        allowed.grant_permissions(["local-network-access"], origin=lone_site.url)
        page = allowed.new_page()
        page.goto(lone_site.url + "/login")
        expect(status(page)).not_to_contain_text("確認しています", timeout=10000)
        assert LNA_BLOCKED not in status(page).inner_text() and HELPER_MISSING not in status(page).inner_text()
    finally:
        public.close()


def test_old_helper_is_asked_to_update(tmp_path, helper_port, page):
    (tmp_path / "newer").mkdir()
    newer = LiveSite(str(tmp_path / "newer"), env={"ORAS_CARD_HELPER_ORIGIN": f"http://127.0.0.1:{helper_port}",
                                                   "ORAS_CARD_HELPER_MIN_VERSION": "99.0.0"})
    child = Child([sys.executable, "-m", "card_helper", "--port", str(helper_port), "--origin", newer.url,
                   "--quiet"], cwd=ROOT, log_path=str(tmp_path / "helper.log"))
    try:
        wait_until(lambda: port_open(helper_port) or not child.alive(), 15, what="the card helper")
        page.goto(newer.url + "/login")
        expect(status(page)).to_contain_text(OUTDATED)
        assert page.get_by_role("link", name="カードヘルパーの入手・更新").get_attribute("href") == "/helper"
    finally:
        child.stop()
        newer.stop()


@pytest.mark.parametrize("lang, locale", [("ja", "ja-JP"), ("zh", "zh-CN")])
def test_no_card_then_a_wrong_pin_is_said_on_the_sites_page(journey, journey_site, new_page, lang, locale):
    page = new_page(locale=locale)
    card, account = journey.member(journey_site, "試験\u3000五郎", f"goro.{lang}@example.jp", f"MN5566778{lang.upper()}",
                                   f"states-{lang}.json")
    journey.remove()
    page.goto(journey_site.url + "/login")
    expect(status(page)).to_contain_text(NO_CARD[lang])
    journey.insert(card)
    page.reload()
    page.locator("#user_id").fill(account["user_id"])
    page.locator("#password").fill(PASSWORD)  # a wrong one is refused before the card (/login/password)
    with page.context.expect_page(timeout=15000) as opened:
        page.get_by_role("button", name=LOGIN_BUTTON[lang]).click()
    popup = opened.value
    popup.locator("#pin").wait_for(timeout=15000)
    check_window_language(page, popup)
    popup.locator("#pin").fill("0000")
    popup.locator("form:has(#pin) button[type=submit]").click()
    wrong = {"ja": ("暗証番号が違います", "残り回数：2"), "zh": ("密码错误", "剩余次数：2")}[lang]
    for text in wrong:
        expect(status(page)).to_contain_text(text)
    popup.get_by_role("button", name={"ja": "キャンセル", "zh": "取消"}[lang]).click()
