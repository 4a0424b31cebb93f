"""Login faults, the session timeout and the logged-in pages, in the real browser through the real card stack.

Two sites of their own: one whose per-address login budget is raised (twenty wrong passwords here must not
spend the budget of every other login test on 127.0.0.1), and one with a 20-second idle limit.
"""
import datetime
import re
import time

import pytest
from playwright.sync_api import expect

from tests.support import journey as j
from tests.support.accounts import PASSWORD, create_account
from tests.support.browser import axe_violations
from tests.support.card_prompt import use_card

pytestmark = pytest.mark.e2e

LOGIN_BUTTON = {"ja": "カードを読み取ってログイン", "zh": "读取卡并登录"}
NO_MATCH = "認証ID、パスワード又はカードが登録内容と一致しません"
PASSWORD_WRONG = "認証ID又はパスワードが正しくありません"


@pytest.fixture(scope="module")
def site(journey):
    return journey.site(LOGIN_LIMIT_PER_IP="200 per 15 minutes")


@pytest.fixture(scope="module")
def timeout_site(journey):
    return journey.site(SESSION_IDLE_SECONDS=10, SESSION_WARNING_SECONDS=7)


@pytest.fixture(scope="module")
def cards(journey, site, timeout_site):
    """Four people's cards; each person has an account on `site` (and the first also on `timeout_site`)."""
    people = {
        "yuki": dict(name="試験\u3000由紀", birth_date=datetime.date(1992, 2, 3), email="yuki.shiken@example.jp",
                     residence_card_number="EF11223344GH"),
        "revoked": dict(name="試験\u3000三郎", birth_date=datetime.date(1979, 9, 9), email="saburo.shiken@example.jp",
                        residence_card_number="GH22334455IJ"),
        "kenji": dict(name="試験\u3000健二", birth_date=datetime.date(1990, 5, 5), email="kenji.shiken@example.jp",
                      residence_card_number="KL44556677MN"),
        "expired": dict(name="試験\u3000四郎", birth_date=datetime.date(1983, 3, 3), email="shiro.shiken@example.jp",
                        residence_card_number="IJ33445566KL"),
    }
    found = {}
    for key, person in people.items():
        path = journey.issue_card(name=person["name"], birth_date=person["birth_date"], file_name=f"faults-{key}.json")
        set_at = datetime.date.today() - datetime.timedelta(days=400) if key == "expired" else None
        account = create_account(site.database, journey.certificates(path), name=person["name"],
                                 birth_date=person["birth_date"].isoformat(), email=person["email"],
                                 residence_card_number=person["residence_card_number"], password_set_at=set_at)
        found[key] = (path, account)
    path, _ = found["yuki"]
    found["yuki@timeout"] = (path, create_account(timeout_site.database, journey.certificates(path),
                                                  name=people["yuki"]["name"], email=people["yuki"]["email"]))
    return found


def attempt(page, site, user_id, password, lang="ja", go=True):
    """One login through the page and the card helper; returns the response the form's submission got."""
    if go:
        page.goto(site.url + "/login")
    page.locator("#user_id").fill(user_id)
    page.locator("#password").fill(password)
    with page.expect_navigation(timeout=20000) as navigation:
        use_card(page, LOGIN_BUTTON[lang], j.AUTH_PIN)
    return navigation.value


def test_another_persons_card_with_this_persons_password(journey, site, cards, page):
    _, yuki = cards["yuki"]
    card, shiro = cards["expired"]
    journey.insert(card)
    response = attempt(page, site, yuki["user_id"], PASSWORD)
    assert response.status == 401 and "/login" in page.url
    assert NO_MATCH in page.locator("#login-error").inner_text()
    # Nothing about whose card it was.
    assert shiro["name"] not in page.content() and shiro["user_id"] not in page.content()
    page.goto(site.url + "/my")
    assert "/login" in page.url


def test_revoked_card(journey, site, cards, page):
    card, saburo = cards["revoked"]
    journey.revoke(card, "authentication")
    journey.insert(card)
    response = attempt(page, site, saburo["user_id"], PASSWORD)
    assert response.status == 400
    assert "失効しています" in page.locator("#login-error").inner_text()
    assert not axe_violations(page)


def test_expired_password_leads_to_the_reset_page(journey, site, cards, page):
    card, shiro = cards["expired"]
    journey.insert(card)
    attempt(page, site, shiro["user_id"], PASSWORD)
    assert "/password/forgot" in page.url
    assert "パスワードの有効期限が切れました" in page.content()
    page.goto(site.url + "/my")
    assert "/login" in page.url  # not logged in


def refused_before_the_card(page, user_id, password):
    """One login through the page whose user ID and password the site refuses before the card is read: the helper's
    window opens with the click and is closed again. Returns (the check's response, the window)."""
    page.locator("#user_id").fill(user_id)
    page.locator("#password").fill(password)
    button = page.get_by_role("button", name=LOGIN_BUTTON["ja"])
    with page.expect_response(lambda r: r.url.endswith("/login/password")) as checked:
        with page.context.expect_page(timeout=15000) as opened:
            button.click()  # disabled by the page's script until the refusal is handled
    expect(button).to_be_enabled()
    return checked.value, opened.value


def test_twenty_wrong_passwords(journey, site, cards, page):
    card, yuki = cards["kenji"]  # an account of its own: it stays locked for 15 minutes
    journey.insert(card)
    page.goto(site.url + "/login")
    statuses = []
    status = page.locator("[data-card-status]")
    for n in range(5):  # the per-account budget: each a clear message, said before the card is read
        response, window = refused_before_the_card(page, yuki["user_id"], f"wrong password {n:02d}")
        statuses.append(response.status)
        expect(status).to_contain_text(PASSWORD_WRONG)  # said once the window is closed
        assert window.is_closed()
        assert page.locator("#user_id").input_value() == yuki["user_id"]  # kept for the next try
    # Tries 6 to 19 as the login form would send them (no card needed: the limit answers first).
    csrf = page.locator('meta[name="csrf-token"]').get_attribute("content")
    for n in range(5, 19):
        response = page.request.post(site.url + "/login", form={
            "csrf_token": csrf, "user_id": yuki["user_id"], "password": f"wrong password {n:02d}", "card_token": "{}"})
        statuses.append(response.status)
        assert response.headers.get("retry-after")
    # The twentieth through the page, as the applicant sees it; even the right password waits now.
    response, window = refused_before_the_card(page, yuki["user_id"], PASSWORD)
    statuses.append(response.status)
    assert statuses == [401] * 5 + [429] * 15
    expect(status).to_contain_text("短時間に試行が多すぎました。数分待ってから")
    assert window.is_closed()
    assert not axe_violations(page)


@pytest.mark.parametrize("lang, locale", [("ja", "ja-JP"), ("zh", "zh-CN")])
def test_my_page_and_profile_pass_axe(journey, site, cards, new_page, lang, locale):
    page = new_page(locale=locale)
    card, yuki = cards["yuki"]
    journey.insert(card)
    page.goto(site.url + "/login")
    page.locator("#user_id").fill(yuki["user_id"])
    page.locator("#password").fill(PASSWORD)
    with page.expect_navigation(timeout=20000):
        use_card(page, LOGIN_BUTTON[lang], j.AUTH_PIN)
    assert page.url.endswith("/my")
    problems = [axe_violations(page)]
    page.locator('a[href="/profile"]').click()
    for path in ("/profile", "/profile/email", "/profile/phone", "/profile/certificates"):
        page.goto(site.url + path)
        problems.append(axe_violations(page))
    page.goto(site.url + "/profile/email")
    page.locator("#new_email").fill("not an address")
    page.keyboard.press("Tab")  # leaving the field asks the server (htmx) for its fragment
    page.locator("#new_email-error").wait_for()
    page.locator("main form button[type=submit]").click()
    page.locator("[data-error-summary]").wait_for()
    problems.append(axe_violations(page))
    assert not [p for p in problems if p], "\n".join(problems)


def test_session_timeout_warning_extend_then_end(journey, timeout_site, cards, page):
    card, yuki = cards["yuki@timeout"]
    journey.insert(card)
    attempt(page, timeout_site, yuki["user_id"], PASSWORD)
    loaded = time.monotonic()
    assert page.url.endswith("/my")
    dialog = page.locator("dialog[data-session-dialog]")
    dialog.wait_for(state="visible", timeout=10000)  # 10 s idle, warned 7 s before
    assert dialog.get_by_role("heading").inner_text() == "まもなくログアウトします"
    # Keyboard only: the modal dialog takes focus to its button.
    assert page.evaluate("document.activeElement.hasAttribute('data-session-extend')")
    with page.expect_response("**/session/extend") as extended:
        page.keyboard.press("Enter")
    assert extended.value.status == 200
    dialog.wait_for(state="hidden")
    # Then nothing: the page leaves for the login page a full idle period after the extension.
    page.wait_for_url(re.compile(r"/login\?next=/my$"), timeout=40000)
    assert time.monotonic() - loaded > 12  # the warning after 3 s, then a whole idle period after the extension
    assert "一定時間操作がなかったため" in page.content()
    page.goto(timeout_site.url + "/profile")
    assert "/login?next=/profile" in page.url
