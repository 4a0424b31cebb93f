"""Driving the card helper's own PIN window from a Playwright page, by mouse or by keyboard."""
import re

from playwright.sync_api import Error as PlaywrightError

KANA = re.compile(r"[\u3040-\u30ff]")
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")


def check_window_language(page, popup):
    """The helper's window speaks the page's language: same `lang`, and a Chinese window holds no kana
    and no English sentence (it was Japanese in every Chinese journey)."""
    page_lang = page.locator("html").get_attribute("lang")
    window_lang = popup.locator("html").get_attribute("lang")
    assert window_lang == page_lang, f"helper window lang={window_lang!r}, page lang={page_lang!r}"
    if page_lang.startswith("zh"):
        text = popup.locator("body").inner_text()
        assert not KANA.search(text), f"kana in the Chinese helper window: {text!r}"
        assert not ENGLISH_SENTENCE.search(text), f"English in the Chinese helper window: {text!r}"


def check_what_is_signed(page, popup):
    """A signature's window says what it signs as the review page shows it: the same digest, each procedure of the
    page's caption, the bureau of its fee table (what you see is what you sign)."""
    shown = page.locator("#document-digest")
    signing = popup.locator("#signing")
    # Decided from the window, not the page: a window that signs procedures must have the page's digest to match.
    if not signing.count() or not popup.locator("#signing ul li").count():
        assert not shown.count(), "the page shows a digest to sign, the helper's window names no application"
        return
    assert shown.count(), "the helper's window signs an application, the page shows no digest to compare"
    assert popup.locator("#digest").inner_text() == shown.inner_text()
    procedures = popup.locator("#signing ul li").all_inner_texts()
    caption = page.locator("p.caption").inner_text()
    assert procedures and all(name in caption for name in procedures), (procedures, caption)
    assert popup.locator("#signing dd").nth(2).inner_text() in page.locator("main").inner_text()


def use_card(page, button_name, pin, keyboard=False, expect_done=True):
    """Press the page's card button, type `pin` in the helper's window that opens, and submit it.

    Returns the popup page (closed by the site's script once the card answered)."""
    button = page.get_by_role("button", name=button_name)
    with page.context.expect_page(timeout=15000) as opened:
        if keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
    popup = opened.value
    pin_field = popup.locator("#pin")
    pin_field.wait_for(timeout=15000)
    check_window_language(page, popup)
    check_what_is_signed(page, popup)
    if keyboard:
        pin_field.focus()  # the prompt autofocuses its field; focus() only confirms it
        popup.keyboard.type(pin)
        send = lambda: popup.keyboard.press("Enter")  # noqa: E731
    else:
        pin_field.fill(pin)
        send = popup.locator("form:has(#pin) button[type=submit]").click
    if expect_done:  # the card's RSA, the helper, pcscd and the site's answer: 2-4 s quiet, 15 s seen at load 12
        until_closed(popup, send, timeout=30000)
    else:
        send()
    return popup


def until_closed(window, act, timeout):
    """Do `act`, which ends in the window being closed, and wait until it is. The wait is set up first: the site
    closes the helper's window as soon as the card has answered, which can be while the click or key press is
    still being waited for, and a close already past is waited for in vain (the wife's journey failed so, three
    times in a day, its application received; tests/e2e/test_card_prompt.py)."""
    with window.expect_event("close", timeout=timeout):
        try:
            act()
        except PlaywrightError as error:
            # The click's own wait can end in the close it caused (1 in 20 in the headless shell): that is the aim.
            if not window.is_closed():
                raise


LOGIN_BUTTON = {"ja": "カードを読み取ってログイン", "zh": "读取卡并登录", "en": "Read my card and log in"}


def log_in(page, site, user_id, password, pin, language="ja", keyboard=False, expect_my_page=True):
    """The login page as an applicant uses it: user ID, password, then the card through the helper."""
    page.goto(site.url + "/login")
    page.locator("#user_id").fill(user_id)
    page.locator("#password").fill(password)
    use_card(page, LOGIN_BUTTON[language], pin, keyboard=keyboard)
    if expect_my_page:
        page.wait_for_url("**/my")
    else:
        page.wait_for_load_state()
