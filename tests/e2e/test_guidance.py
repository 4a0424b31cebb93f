"""A visitor clicks through the guidance in Japanese and Chinese, switches language, and meets the gate."""
import pytest

from tests.support import agents
from tests.support.browser import axe_violations

pytestmark = pytest.mark.e2e

NAV = {
    "ja": ["トップ", "対象手続", "ご準備ください", "利用者情報登録の流れ", "よくある質問"],
    "zh": ["首页", "对象手续项目", "请准备以下所需物件", "用户信息注册流程", "常见问题"],
    "en": ["Top", "Procedures", "What to prepare", "Registration flow", "Frequently asked questions"],
}
HEADINGS = {  # the top page's is the service's name, a setting (the test mode's fictional one)
    "ja": ["在留申請オンラインシステム（デモ）", "オンラインで申請できる手続", "ご準備ください", "利用者情報登録の流れ",
           "よくある質問"],
    "zh": ["在留申请在线系统（演示）", "可以在线申请的手续", "请准备以下所需物件", "用户信息注册流程", "常见问题"],
    "en": ["Online Residence Application System (demo)", "What you can apply for online", "What to prepare",
           "User information registration flow", "Frequently asked questions"],
}
HTML_LANG = {"ja": "ja", "zh": "zh-Hans", "en": "en"}
SWITCH = {"ja": "日本語", "zh": "简体中文", "en": "English"}


@pytest.mark.parametrize("lang", ["ja", "zh", "en"])
def test_click_through_every_guidance_page(live_site, page, lang):
    page.goto(live_site.url + "/")
    if lang != "ja":
        page.get_by_role("link", name=SWITCH[lang]).click()
    assert page.locator("html").get_attribute("lang") == HTML_LANG[lang]
    problems = []
    for label, heading in zip(NAV[lang], HEADINGS[lang]):
        page.get_by_role("navigation", name={"ja": "ご案内", "zh": "指南", "en": "Guidance"}[lang]) \
            .get_by_role("link", name=label, exact=True).click()
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert page.locator("html").get_attribute("lang") == HTML_LANG[lang]
        problems.append(axe_violations(page))
    assert not "".join(problems)


def test_language_switch_is_remembered_across_pages(live_site, page):
    page.goto(live_site.url + "/faq")
    page.get_by_role("link", name="简体中文").click()
    assert page.url.endswith("/faq")
    assert page.get_by_role("heading", level=1).inner_text() == "常见问题"
    page.goto(live_site.url + "/prepare")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("link", name="日本語").click()
    assert page.get_by_role("heading", level=1).inner_text() == "ご準備ください"


def test_first_visit_follows_the_browser_language(live_site, new_page):
    page = new_page(locale="zh-CN")
    page.goto(live_site.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_skip_link_moves_focus_to_main_by_keyboard(live_site, page):
    page.goto(live_site.url + "/procedures")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_htmx_loads_under_the_content_security_policy(live_site, page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_site.url + "/")
    page.wait_for_function("window.htmx !== undefined")
    assert page.evaluate("htmx.version").startswith("2.0.")
    assert not errors


def test_other_browser_is_warned_and_may_continue(live_site, new_page):
    page = new_page(user_agent=agents.HEADLESS_CHROME)
    page.goto(live_site.url + "/faq")
    assert page.get_by_role("heading", level=1).inner_text() == "Google Chrome を推奨しています"
    assert not axe_violations(page)
    page.get_by_role("button", name="このブラウザで続ける").click()
    assert page.url.endswith("/faq")
    assert page.get_by_role("heading", level=1).inner_text() == "よくある質問"


@pytest.mark.parametrize("lang", ["ja", "zh"])
@pytest.mark.parametrize("case, user_agent, forwarded_for, status, heading", [
    ("foreign", agents.CHROME_LINUX, "8.8.8.8", 403,
     {"ja": "ご利用のネットワークからはこのシステムを利用できません", "zh": "无法从您所用的网络使用本系统"}),
    ("mobile", agents.IPHONE_CRIOS, "133.1.1.1", 403, {"ja": "パソコンをご利用ください", "zh": "请使用电脑"}),
    ("outdated", agents.CHROME_71, "133.1.1.1", 403,
     {"ja": "Google Chrome を更新してください", "zh": "请更新 Google Chrome"}),
    ("not found", agents.CHROME_LINUX, "133.1.1.1", 404, {"ja": "ページが見つかりません", "zh": "找不到页面"}),
])
def test_refusal_pages_are_translated_and_accessible(proxied_site, new_page, lang, case, user_agent,
                                                     forwarded_for, status, heading):
    page = new_page(user_agent=user_agent, extra_http_headers={"X-Forwarded-For": forwarded_for})
    page.context.add_cookies([{"name": "lang", "value": lang, "url": proxied_site.url}])
    response = page.goto(proxied_site.url + ("/no-such-page" if case == "not found" else "/"))
    assert response.status == status
    assert page.get_by_role("heading", level=1).inner_text() == heading[lang]
    assert not axe_violations(page)
