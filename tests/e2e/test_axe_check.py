"""The axe-core check every page passes (tests/support/browser.run_axe): it finds a violation, in a document checked
before as well (the script sent once is kept and reads the page as it is now), and after the page is left."""
import pytest

from tests.support.browser import run_axe

pytestmark = pytest.mark.e2e

CLEAN = "<!doctype html><html lang='en'><head><title>t</title></head><body><main><h1>Fine</h1></main></body></html>"


def violations(page):
    return sorted(v["id"] for v in run_axe(page).response["violations"])


def test_a_violation_is_found_after_a_clean_check_of_the_same_document_and_after_leaving_it(page):
    page.set_content(CLEAN)
    assert violations(page) == []
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"data:,\">')")
    assert violations(page) == ["image-alt"]  # the same document: the kept script sees the new image
    page.goto("data:text/html," + CLEAN.replace("</h1>", "</h1><button></button>"))  # a new document, no axe in it
    assert page.evaluate("typeof window.axe") == "undefined"
    assert violations(page) == ["button-name"]
