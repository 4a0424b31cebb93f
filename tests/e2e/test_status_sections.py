"""Every status letter's parts, the acquisition page and the procedure page (blanket or individual permission,
other workplaces) in the real browser, in ja and zh: axe-core clean, and a conditional question swapped in by
htmx as its controlling answer changes."""
import datetime

import pytest

import store
from accounts import records as account_records
from tests.support.accounts import create_account
from tests.support.browser import axe_violations, htmx_settled

pytestmark = pytest.mark.e2e

# One status per part (U's part differs by status).
STATUSES = ("professor", "artist", "religious_activities", "journalist", "business_manager", "entertainer",
            "trainee", "official", "legal_accounting_services", "medical_services", "designated_activities",
            "technical_intern_training", "student", "spouse_of_japanese", "specified_skilled_worker")
SCREENSHOTS = {"ja": "specified_skilled_worker", "zh": "technical_intern_training"}


def logged_in_page(new_page, site, language, card="MN12345678OP"):
    """A browser holding a live login session (a session row and its signed cookie; the card login has its own
    journeys); each test of the session's site passes its own residence card number (an account of its own)."""
    from app import create_app
    card = card if language == "ja" else card[:2][::-1] + card[2:]
    account = create_account(site.database, (f"auth-{card}".encode(), f"sign-{card}".encode()),
                             name="試験\u3000五郎", email=f"goro.{card.lower()}@example.jp", residence_card_number=card)
    db = store.connect(site.database)
    try:
        with store.transaction(db):
            secret = account_records.start_session(db, account["id"])
    finally:
        db.conn.close()
    app = create_app({"MODE": "test", "SECRET_KEY": "e2e-only-secret", "DATABASE": site.database})
    cookie = app.session_interface.get_signing_serializer(app).dumps({"sid": secret})
    page = new_page()
    page.context.add_cookies([{"name": "oras_session", "value": cookie, "url": site.url},
                              {"name": "lang", "value": language, "url": site.url}])
    return page


def start(page, site, main, status, addons=()):
    page.goto(site.url + "/applications/new")
    with page.expect_response("**/applications/new/status?*"):  # the status question as this procedure means it
        page.locator(f"#main-{main}").check()
    htmx_settled(page)
    for addon in addons:
        page.locator(f"#addon-{addon}").check()
    if 6 in addons:
        page.locator("#reentry_kind-single").check()
    page.locator("#status").select_option(status)
    if main == 3:
        page.locator("#current_period").select_option("1y")
        page.locator("#expiry_date").fill((datetime.date.today() + datetime.timedelta(days=40)).isoformat())
    page.locator("form[action$='/applications/new'] button[type=submit]").click()
    page.wait_for_url("**/applications/*")
    return page.url


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_every_status_part_and_new_procedure_page_is_accessible(live_site, new_page, language, tmp_path):
    page = logged_in_page(new_page, live_site, language)
    overview = start(page, live_site, 3, "engineer_specialist", addons=(6, 7))
    page.goto(overview + "/form/applicant")
    assert page.locator("html").get_attribute("lang") == ("ja" if language == "ja" else "zh-Hans")
    for status in STATUSES:
        page.locator("#current_status").select_option(status)
        htmx_settled(page)
        first_part = page.locator("#status-parts fieldset.form-section").first
        first_part.wait_for(timeout=10000)
        assert not axe_violations(page), (language, status)
        if status == SCREENSHOTS[language]:
            page.screenshot(path=str(tmp_path / f"{status}-{language}.png"), full_page=True)
    # a conditional question comes with its controlling answer (htmx), and goes again
    page.locator("#current_status").select_option("technical_intern_training")
    htmx_settled(page)
    page.locator("#training_type").select_option("supervised")
    page.locator("#supervising_name").wait_for(timeout=10000)
    assert not axe_violations(page)
    page.locator("#training_type").select_option("company")
    page.locator("#supervising_name").wait_for(state="detached", timeout=10000)
    # the legal representative's questions come with the answer "legal representative"
    page.locator("#filed_by").select_option("legal_representative")
    page.locator("#legal_representative_name").wait_for(timeout=10000)
    assert not axe_violations(page)
    page.goto(overview + "/form/procedure")
    assert not axe_violations(page)
    page.locator("#permission_kind").select_option("individual")
    page.locator("#workplace_name").wait_for(timeout=10000)
    assert not axe_violations(page)
    page.screenshot(path=str(tmp_path / f"procedure-{language}.png"), full_page=True)
    acquisition = start(page, live_site, 4, "dependent")
    page.goto(acquisition + "/form/applicant")
    assert page.locator("#acquisition_reason").count() == 1 and page.locator("#current_status").count() == 0
    assert not axe_violations(page)
    page.screenshot(path=str(tmp_path / f"acquisition-{language}.png"), full_page=True)
