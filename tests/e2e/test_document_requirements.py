"""Documents matched to requirements in the browser, in Chinese and Japanese: the applicant adds a document saying
which required one it is (htmx upload); the list marks it attached; the review page warns of the one still
missing, by name. The page guards run axe-core on every page."""
import pytest

import store
from tests.applications.conftest import pdf
from tests.e2e.test_status_sections import logged_in_page
from tests.support import applications as samples
from tests.support.submitting import words

pytestmark = pytest.mark.e2e


def logged_in_with_account(new_page, site, language, card):
    """(a browser logged in as a new account of its own, that account's id)."""
    page = logged_in_page(new_page, site, language, card=card)
    db = store.connect(site.database)
    try:
        return page, db.execute("SELECT id FROM account WHERE residence_card_number = ?",
                                [card if language == "ja" else card[:2][::-1] + card[2:]]).fetchone()[0]
    finally:
        db.conn.close()


@pytest.mark.parametrize("language, card", [("zh", "DR11223344ZH"), ("ja", "DR55667788JA")])
def test_a_missing_required_document_is_warned(live_site, new_page, language, card):
    page, account_id = logged_in_with_account(new_page, live_site, language, card)
    draft = samples.create_draft(live_site.database, account_id, (3,), samples.extension_with_reentry(),
                                 status_code="engineer_specialist")
    page.goto(f"{live_site.url}/applications/{draft['public_id']}/attachments")
    marks = page.locator("ul.document-list li")
    assert marks.count() == 2
    employment, tax = (words(language, d) for d in (
        "A certificate of employment or your contract, showing the work, the pay and the period",
        "Your resident tax certificates for the latest year: the taxation certificate and the certificate of payment"))
    page.locator("#upload-document").set_input_files({"name": "contract.pdf", "mimeType": "application/pdf",
                                                       "buffer": pdf()})
    page.locator("#upload-requirement").select_option("employment")
    page.locator("#upload-document-form button[type=submit]").click()
    page.locator("ul.attachment-list li", has_text="contract.pdf").wait_for(timeout=10000)
    assert words(language, "attached") in marks.nth(0).inner_text()
    assert words(language, "not attached yet") in marks.nth(1).inner_text()

    page.goto(f"{live_site.url}/applications/{draft['public_id']}/review")
    warning = page.locator(".notice", has=page.locator("#missing-documents"))
    assert words(language, "Required documents are missing") in warning.inner_text()
    assert page.locator("#missing-documents li").all_inner_texts() == [tax]
    assert employment in page.locator("main").inner_text()  # the file named as the document it is
