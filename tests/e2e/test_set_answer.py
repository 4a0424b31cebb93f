"""Answering by mouse (tests/support/submitting.set_answer) waits for what the site swaps in for a choice: a slow
swap of the fields a choice controls used to land after the next answer was typed and wipe it (the console
journey's counter case timed out on a start page that had lost its period of stay)."""
import pathlib
import urllib.parse

import pytest

from tests.support.submitting import set_answer

HTMX = next((pathlib.Path(__file__).parents[2] / "static" / "vendor").glob("htmx-*.min.js")).read_bytes()
FIELDS = '<div id="fields"><input name="period" aria-label="period"></div>'
PAGE = f"""<!doctype html><html lang="en"><head><title>form</title><script src="/htmx.js"></script></head>
<body><main><label>status <select name="status" hx-get="/fields" hx-trigger="change" hx-target="#fields"
hx-swap="outerHTML swap:700ms"><option value="">-</option><option value="a">a</option></select></label>
{FIELDS}</main></body></html>"""


@pytest.fixture
def form_page(new_page):
    page = new_page()
    bodies = {"/": (PAGE, "text/html"), "/htmx.js": (HTMX, "text/javascript"), "/fields": (FIELDS, "text/html")}

    def serve(route):
        body, kind = bodies[urllib.parse.urlsplit(route.request.url).path]
        route.fulfill(body=body, content_type=kind)
    page.route("http://form.test/**", serve)
    page.goto("http://form.test/")
    return page


def test_an_answer_typed_after_a_choice_outlives_the_choices_swap(form_page):
    set_answer(form_page, "status", "a")
    set_answer(form_page, "period", "1y")
    form_page.wait_for_timeout(900)  # past the swap had it not been waited for
    assert form_page.locator("[name='period']").input_value() == "1y"


def test_without_the_wait_the_swap_wipes_it(form_page):
    form_page.locator("[name='status']").select_option("a")
    form_page.locator("[name='period']").fill("1y")
    form_page.wait_for_timeout(900)
    assert form_page.locator("[name='period']").input_value() == ""  # why set_answer waits
