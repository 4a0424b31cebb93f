"""Receiving by post explained before choosing it, in the browser in Chinese and Japanese: the receipt page shows
what goes in the envelope, with the fee in revenue stamps, before the choice (axe-core by the page guards)."""
import pytest

from tests.e2e.test_document_requirements import logged_in_with_account
from tests.support import applications as samples
from tests.support.submitting import words

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language, card", [("zh", "RP11223344ZH"), ("ja", "RP55667788JA")])
def test_the_receipt_page_explains_receiving_by_post_before_the_choice(live_site, new_page, language, card):
    page, account_id = logged_in_with_account(new_page, live_site, language, card)
    draft = samples.create_draft(live_site.database, account_id, (3, 6), samples.extension_with_reentry(),
                                 status_code="engineer_specialist", reentry_kind="single")
    page.goto(f"{live_site.url}/applications/{draft['public_id']}/form/receipt")
    section = page.locator("#by-post")
    assert section.get_by_role("heading", name=words(language, "Receiving your residence card by post")).is_visible()
    assert "9,000" in section.locator("ul.checklist").inner_text()  # extension and a single re-entry permit
    above = page.evaluate("document.querySelector('#by-post').compareDocumentPosition("
                          "document.querySelector('[name=receipt_method]')) & Node.DOCUMENT_POSITION_FOLLOWING")
    assert above, "the explanation comes before the choice"
