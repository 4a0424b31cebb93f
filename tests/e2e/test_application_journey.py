"""Whole journeys in the browser, from login to the receipt email: the form filled page by page, the photo
uploaded, the answers checked, signed with the card's signing password through the helper, the receipt page
and the email over SMTP. axe-core on every page on the way (tests.support.submitting). The issue's three:
an extension with a re-entry permit (by mouse), a change of status to Engineer/Specialist (keyboard only)
and a Certificate of Eligibility (in Chinese)."""
import datetime

import pytest

from tests.support import applications as samples
from tests.support.browser import axe_violations
from tests.support.submitting import (
    activate, assert_receipt_mail, fill_form, log_in, sign_and_submit, upload_photo, words)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def applicant(journey, journey_site):
    return journey.member(journey_site, "試験\u3000四郎", "shiro.shiken@example.jp", "KL11223344MN",
                          "application-journey.json")


def start_application(page, language, main, addons=(), status="engineer_specialist", period=None,
                      expiry=None, reentry_kind=None, keyboard=False):
    """My page → your applications → a new application of these procedures; returns its public id."""
    from tests.support.submitting import set_answer
    activate(page, page.get_by_role("link", name=words(language, "Your applications")), keyboard)
    activate(page, page.get_by_role("link", name=words(language, "Start a new application")), keyboard)
    page.wait_for_url("**/applications/new")
    assert not axe_violations(page)
    set_answer(page, "main", str(main), keyboard)
    for number in addons:
        box = page.locator(f"#addon-{number}")
        if keyboard:
            activate_checkbox(page, box)
        else:
            box.check()
    if reentry_kind:
        set_answer(page, "reentry_kind", reentry_kind, keyboard)
    set_answer(page, "status", status, keyboard)
    if period:
        set_answer(page, "current_period", period, keyboard)
    if expiry:
        set_answer(page, "expiry_date", expiry, keyboard)
    activate(page, page.get_by_role("button", name=words(language, "Start the application")), keyboard)
    page.wait_for_url(lambda url: "/applications/" in url and not url.endswith("/new"))
    page.wait_for_load_state()
    assert not axe_violations(page)
    return page.url.rstrip("/").rsplit("/", 1)[1]


def activate_checkbox(page, box):
    from tests.support.submitting import tab_to
    tab_to(page, box)
    page.keyboard.press("Space")
    assert box.is_checked()


def test_extension_with_reentry_permit_from_login_to_receipt_email(journey, journey_site, applicant, page):
    card, account = applicant
    journey.insert(card)
    mailbox = "shiro.extension@example.jp"
    expiry = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    data = samples.extension_with_reentry()
    data.update(notification_email=mailbox, expiry_date=expiry, current_period="1y")

    log_in(page, journey_site, account, "ja")
    public_id = start_application(page, "ja", 3, addons=(6,), period="1y", expiry=expiry, reentry_kind="single")
    fill_form(page, (3, 6), data)
    upload_photo(page)
    page.get_by_role("link", name=words("ja", "Check your answers before signing")).click()
    page.wait_for_url(f"**/applications/{public_id}/review")
    assert "SHIKEN ICHIRO" in page.content()
    number = sign_and_submit(page, journey_site, public_id, "ja")
    assert number.startswith("TOK-")
    assert_receipt_mail(journey, mailbox, number)



def test_change_to_engineer_through_the_form_keyboard_only(journey, journey_site, applicant, page):
    card, account = applicant
    journey.insert(card)
    mailbox = "shiro.change@example.jp"
    data = samples.change_to_engineer()
    data.update(notification_email=mailbox)

    log_in(page, journey_site, account, "ja", keyboard=True)
    public_id = start_application(page, "ja", 2, status="student", keyboard=True)
    fill_form(page, (2,), data, keyboard=True)
    upload_photo(page)
    page.get_by_role("link", name=words("ja", "Check your answers before signing")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/applications/{public_id}/review")
    number = sign_and_submit(page, journey_site, public_id, "ja", keyboard=True)
    assert number.startswith("OSA-")
    assert_receipt_mail(journey, mailbox, number)


def test_certificate_of_eligibility_through_the_form_in_chinese(journey, journey_site, applicant, new_page):
    card, account = applicant
    journey.insert(card)
    mailbox = "shiro.coe@example.jp"
    data = samples.certificate_of_eligibility()
    data.update(notification_email=mailbox)
    page = new_page(locale="zh-CN")

    log_in(page, journey_site, account, "zh")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    public_id = start_application(page, "zh", 1, status="dependent")
    fill_form(page, (1,), data, language="zh")
    upload_photo(page, "zh")
    page.get_by_role("link", name=words("zh", "Check your answers before signing")).click()
    page.wait_for_url(f"**/applications/{public_id}/review")
    number = sign_and_submit(page, journey_site, public_id, "zh")
    assert number.startswith("FUK-")  # the host's address in Fukuoka decides the bureau
    assert_receipt_mail(journey, mailbox, number)
