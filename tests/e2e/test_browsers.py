"""The two Chromiums the browser tests use (tests/support/browser.py): the headless shell for most pages, the full
browser for a test marked full_chromium, which only it can pass (a PDF shown in the browser's viewer)."""
import pytest

from tests.support.browser import assert_pdf_viewer

pytestmark = pytest.mark.e2e


def test_the_headless_shell_has_no_pdf_viewer(page):
    with pytest.raises(AssertionError, match="mark the test full_chromium"):
        assert_pdf_viewer(page)


@pytest.mark.full_chromium
def test_a_test_marked_full_chromium_gets_the_full_browser_and_its_viewer(page, full_browser):
    assert page.context.browser is full_browser
    assert_pdf_viewer(page)
