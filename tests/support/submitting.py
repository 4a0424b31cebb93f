"""A logged-in applicant's journey in the browser, shared by the e2e journeys: log in, fill the form pages
from a complete set of answers (tests.support.applications), upload the photo, sign and submit, the receipt
email. axe-core checks each page passed through.

    log_in(page, site, account, "ja", keyboard=True)
    fill_form(page, procedures, data, keyboard=True)       # from the application's overview
    number = sign_and_submit(page, site, public_id, "ja")  # from the review page (or goes there)
    assert_receipt_mail(journey, mailbox, number)
"""
import io

from flask_babel import force_locale, gettext
from PIL import Image

from applications import answers
from rules.forms.fields import controllers
from tests.support import journey as j
from tests.support.accounts import PASSWORD
from tests.support.browser import axe_violations, htmx_settled
from tests.support.card_prompt import use_card

_APP = None


def words(language, msgid):
    """The page's wording of `msgid` in `language`, from the site's own catalogs."""
    global _APP
    if _APP is None:
        from app import create_app
        _APP = create_app({"MODE": "test", "DATABASE": ":memory:"})
    with _APP.test_request_context(), force_locale(language):
        return gettext(msgid)


def photo_jpeg():
    out = io.BytesIO()
    Image.new("RGB", (600, 800), (230, 230, 235)).save(out, "JPEG", quality=90)
    return out.getvalue()


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


def tab_to(page, target, limit=400):
    """Press Tab until `target` (a selector or a locator) has the focus (keyboard only, as a person would)."""
    target = (page.locator(target) if isinstance(target, str) else target).first
    for _ in range(limit):
        if target.evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def activate(page, locator, keyboard):
    """Follow a link or press a button: by mouse, or by Tab until it has the focus and Enter."""
    if keyboard:
        tab_to(page, locator)
        page.keyboard.press("Enter")
    else:
        locator.click()


def set_answer(page, name, value, keyboard=False):
    """Answer one question of a form page (found by its field name) as typed in the browser."""
    element = page.locator(f"[name='{name}']")
    kind = element.first.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
    if kind == "radio":
        choice = page.locator(f"[name='{name}'][value='{value}']")
        if choice.is_checked():
            return
        if not keyboard:
            choice.check()
            htmx_settled(page)  # what the site swaps in for this choice lands before the next answer is typed
            return
        tab_to(page, f"[name='{name}']")  # the group's first (or checked) radio takes the focus
        for _ in range(element.count() + 1):
            if choice.is_checked():
                return
            page.keyboard.press("ArrowDown")
        raise AssertionError(f"no radio {name}={value}")
    current = element.input_value()
    if current == value:
        return
    if kind == "select":
        if not keyboard:
            element.select_option(value)
            htmx_settled(page)  # else a slow swap of the fields this choice controls wipes the answers typed next
            return
        tab_to(page, f"[name='{name}']")
        options = element.evaluate("e => Array.from(e.options).map(o => o.value)")
        page.keyboard.press("Home")
        htmx_settled(page)
        for _ in range(options.index(value)):
            page.keyboard.press("ArrowDown")
            htmx_settled(page)  # each step is a change the site checks; a person reads it before the next
        assert element.input_value() == value, (name, element.input_value(), value)
        return
    if keyboard:
        tab_to(page, f"[name='{name}']")
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.type(value)
    else:
        element.fill(value)


def fill_form(page, procedures, data, language="ja", keyboard=False):
    """From the application's overview: every form page in order, each question of `data` answered, then
    "Save and continue" to the next page; ends on the attachments page. axe-core on each page."""
    for number, form_page in enumerate(answers.pages(procedures, data)):
        if number == 0:
            activate(page, page.get_by_role("link", name=words(language, form_page.title)), keyboard)
        page.wait_for_url(f"**/form/{form_page.name}")
        assert not (found := axe_violations(page)), (form_page.name, found)
        for section in form_page.sections:
            if answers.is_rows(section):
                assert not data.get(section.name), "rows are not filled by this helper"
                continue
            controlling = controllers(section)
            for field in section.fields:
                if field.name in data:
                    set_answer(page, field.name, data[field.name], keyboard)
                    if field.name in controlling:
                        htmx_settled(page)  # the questions this answer shows are swapped in first
            htmx_settled(page)  # a status question's parts are swapped in before the next section is filled
        activate(page, page.get_by_role("button", name=words(language, "Save and continue")), keyboard)
    page.wait_for_url("**/attachments")


def upload_photo(page, language="ja"):
    assert not (found := axe_violations(page)), found
    page.locator("#upload-photo").set_input_files(
        {"name": "me.jpg", "mimeType": "image/jpeg", "buffer": photo_jpeg()})
    page.locator("#upload-photo-form button[type=submit]").click()
    uploaded = words(language, "Uploaded: %(name)s (%(size)s)").split("%(name)s")[0] + "me.jpg"
    page.get_by_text(uploaded).wait_for(timeout=10000)


def sign_and_submit(page, site, public_id, language, keyboard=False):
    """From the review page (opened here unless the page is on it): sign with the card, the receipt page,
    the status page, the printable copy. Returns the receipt number."""
    if not page.url.endswith(f"/applications/{public_id}/review"):
        page.goto(f"{site.url}/applications/{public_id}/review")
    assert not (found := axe_violations(page)), found
    # the helper's window must show the same (use_card); without it the page says why it cannot be signed
    assert page.locator("#document-digest").count() == 1, page.locator("main").inner_text()[:3000]
    use_card(page, words(language, "Sign with my card and submit"), j.SIGN_PIN, keyboard=keyboard)
    page.wait_for_url(f"**/applications/{public_id}/received")
    number = page.locator("[data-receipt-number]").inner_text()
    assert not (found := axe_violations(page)), found
    status_link = page.get_by_role("link", name=words(language, "See the status of this application"))
    if keyboard:
        status_link.focus()
        page.keyboard.press("Enter")
    else:
        status_link.click()
    page.wait_for_url("**/status")
    assert number in page.content()
    assert not (found := axe_violations(page)), found
    page.goto(f"{site.url}/applications/{public_id}/copy")
    assert number in page.content()
    assert not (found := axe_violations(page)), found
    return number


def assert_receipt_mail(journey, mailbox, number):
    message = journey.wait_for_mail(mailbox)
    assert number in message["Subject"]
    assert number in j.mail_text(message)
