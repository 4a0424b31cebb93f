"""From the review page to the receipt email, in the real browser through the real card stack (pcscd, virtual card, helper).

The form pages belong to the application-form part; these journeys start from complete drafts made through
applications.records and go: login → check your answers → sign with the signing password → receipt page →
status page → printable copy → receipt email over SMTP. axe-core checks every page on the way.
The extension with a re-entry permit goes through the form too: tests/e2e/test_application_journey.py."""
import pytest

from tests.support import applications as samples
from tests.support.accounts import create_account
from tests.support.submitting import assert_receipt_mail, log_in, sign_and_submit

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def applicant(journey, journey_site):
    card = journey.issue_card(name="試験\u3000三郎", file_name="submission-applicant.json")
    account = create_account(journey_site.database, journey.certificates(card), name="試験\u3000三郎",
                             email="saburo.shiken@example.jp", residence_card_number="EF11223344GH")
    return card, account


def draft_for(journey_site, account, procedures, data, mailbox, **options):
    data["notification_email"] = mailbox
    return samples.create_draft(journey_site.database, account["id"], procedures, data, **options)


def test_change_to_engineer_keyboard_only(journey, journey_site, applicant, page):
    card, account = applicant
    journey.insert(card)
    row = draft_for(journey_site, account, (2,), samples.change_to_engineer(), "saburo.change@example.jp")
    log_in(page, journey_site, account, "ja", keyboard=True)
    number = sign_and_submit(page, journey_site, row["public_id"], "ja", keyboard=True)
    assert number.startswith("OSA-")
    assert_receipt_mail(journey, "saburo.change@example.jp", number)


def test_certificate_of_eligibility_in_chinese(journey, journey_site, applicant, new_page):
    card, account = applicant
    journey.insert(card)
    page = new_page(locale="zh-CN")
    row = draft_for(journey_site, account, (1,), samples.certificate_of_eligibility(), "saburo.coe@example.jp")
    log_in(page, journey_site, account, "zh")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    number = sign_and_submit(page, journey_site, row["public_id"], "zh")
    assert number.startswith("FUK-")
    assert_receipt_mail(journey, "saburo.coe@example.jp", number)
