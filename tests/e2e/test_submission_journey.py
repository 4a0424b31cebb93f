"""From login to the receipt email, in the real browser through the real card stack (pcscd, virtual card, helper).

The form pages belong to the application-form part; these journeys start from complete drafts made through
applications.records and go: login → check your answers → sign with the signing password → receipt page →
status page → printable copy → receipt email over SMTP. axe-core checks every page on the way."""
import pytest
from flask_babel import force_locale, gettext

from app import create_app
from tests.support import applications as samples
from tests.support import journey as j
from tests.support.accounts import PASSWORD, create_account
from tests.support.browser import axe_violations
from tests.support.card_prompt import use_card

pytestmark = pytest.mark.e2e


def words(language, msgid):
    """The page's wording of `msgid` in `language`, from the site's own catalogs."""
    app = create_app({"MODE": "test", "DATABASE": ":memory:"})
    with app.test_request_context(), force_locale(language):
        return gettext(msgid)


@pytest.fixture(scope="module")
def applicant(journey, journey_site):
    card = journey.issue_card(name="試験\u3000三郎", file_name="submission-applicant.json")
    account = create_account(journey_site.database, journey.certificates(card), name="試験\u3000三郎",
                             email="saburo.shiken@example.jp", residence_card_number="EF11223344GH")
    return card, account


def draft_for(journey_site, account, procedures, data, mailbox, **options):
    data["notification_email"] = mailbox
    return samples.create_draft(journey_site.database, account["id"], procedures, data, **options)


def log_in(page, site, account, language, keyboard=False):
    page.goto(site.url + "/login")
    if keyboard:
        page.locator("#user_id").focus()
        page.keyboard.type(account["user_id"])
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
    else:
        page.locator("#user_id").fill(account["user_id"])
        page.locator("#password").fill(PASSWORD)
    use_card(page, words(language, "Read my card and log in"), j.AUTH_PIN, keyboard=keyboard)
    page.wait_for_url("**/my")


def sign_and_submit(page, site, row, language, keyboard=False):
    page.goto(f"{site.url}/applications/{row['public_id']}/review")
    assert not axe_violations(page)
    use_card(page, words(language, "Sign with my card and submit"), j.SIGN_PIN, keyboard=keyboard)
    page.wait_for_url(f"**/applications/{row['public_id']}/received")
    number = page.locator("[data-receipt-number]").inner_text()
    assert not axe_violations(page)
    if keyboard:
        page.get_by_role("link", name=words(language, "See the status of this application")).focus()
        page.keyboard.press("Enter")
    else:
        page.get_by_role("link", name=words(language, "See the status of this application")).click()
    page.wait_for_url("**/status")
    assert number in page.content()
    assert not axe_violations(page)
    page.goto(f"{site.url}/applications/{row['public_id']}/copy")
    assert number in page.content()
    assert not axe_violations(page)
    return number


def assert_receipt_mail(journey, mailbox, number):
    message = journey.wait_for_mail(mailbox)
    assert number in message["Subject"]
    assert number in j.mail_text(message)


def test_extension_with_reentry_permit_in_japanese(journey, journey_site, applicant, page):
    card, account = applicant
    journey.insert(card)
    row = draft_for(journey_site, account, (3, 6), samples.extension_with_reentry(), "saburo.ext@example.jp",
                    status_code="engineer_specialist", reentry_kind="single")
    log_in(page, journey_site, account, "ja")
    number = sign_and_submit(page, journey_site, row, "ja")
    assert number.startswith("TOK-")
    assert_receipt_mail(journey, "saburo.ext@example.jp", number)


def test_change_to_engineer_keyboard_only(journey, journey_site, applicant, page):
    card, account = applicant
    journey.insert(card)
    row = draft_for(journey_site, account, (2,), samples.change_to_engineer(), "saburo.change@example.jp")
    log_in(page, journey_site, account, "ja", keyboard=True)
    number = sign_and_submit(page, journey_site, row, "ja", keyboard=True)
    assert number.startswith("OSA-")
    assert_receipt_mail(journey, "saburo.change@example.jp", number)


def test_certificate_of_eligibility_in_chinese(journey, journey_site, applicant, new_page):
    card, account = applicant
    journey.insert(card)
    page = new_page(locale="zh-CN")
    row = draft_for(journey_site, account, (1,), samples.certificate_of_eligibility(), "saburo.coe@example.jp")
    log_in(page, journey_site, account, "zh")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    number = sign_and_submit(page, journey_site, row, "zh")
    assert number.startswith("FUK-")
    assert_receipt_mail(journey, "saburo.coe@example.jp", number)
