"""A pcscd without any reader: the helper says so with its own code and message."""
import pytest
import requests

from tests.card.conftest import SITE_ORIGIN
from tests.support.pcsc import started_stack
from tests.support.processes import free_port

pytestmark = pytest.mark.pcsc


@pytest.fixture(scope="module")
def readerless(tmp_path_factory):
    yield from started_stack(tmp_path_factory, with_reader=False)


def test_no_reader(readerless):
    port = free_port()
    readerless.helper([SITE_ORIGIN], port)
    helper = f"http://127.0.0.1:{port}"
    status = requests.get(f"{helper}/v1/status", headers={"Origin": SITE_ORIGIN}, timeout=10).json()
    assert status["error"]["code"] == "no_reader" and status["reader"] is None
    op = requests.post(f"{helper}/v1/operations", json={"kind": "authenticate", "nonce": "n" * 44, "lang": "ja"},
                       headers={"Origin": SITE_ORIGIN}, timeout=10).json()
    page = requests.get(op["prompt_url"], timeout=10)
    assert page.status_code == 503 and "ICカードリーダライタが見つかりません" in page.text


def test_the_sites_card_step_says_no_reader(readerless, browser, tmp_path):
    from playwright.sync_api import expect

    from tests.support import agents
    from tests.support.site import LiveSite

    port = free_port()
    site = LiveSite(str(tmp_path), env={"ORAS_CARD_HELPER_ORIGIN": f"http://127.0.0.1:{port}"})
    try:
        readerless.helper([site.url], port)
        context = browser.new_context(user_agent=agents.E2E, locale="zh-CN")
        page = context.new_page()
        page.goto(site.url + "/login")
        expect(page.locator("[data-card-status]")).to_contain_text("未找到IC卡读卡器")
        context.close()
    finally:
        site.stop()
