"""Issue 10's last applicant features in the real browser, in ja and zh, axe-core clean: the 特定技能 category with
the status, the re-entry permit's collection (the office swapped in with the counter, only the routed one), and a
second application refused at the start with a link to the pending one."""
import os

import pytest
from playwright.sync_api import expect

import store
from tests.e2e.test_status_sections import logged_in_page, start
from tests.support.browser import axe_violations, htmx_settled

pytestmark = pytest.mark.e2e
SHOTS = os.environ.get("ORAS_SHOTS")  # a folder: keep screenshots for a person to look at


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name + ".png"), full_page=True)


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_category_collection_and_pending_refusal(live_site, new_page, language):
    page = logged_in_page(new_page, live_site, language, card="UV12345678WX")
    overview = start(page, live_site, 3, "engineer_specialist", addons=(6,))
    page.goto(overview + "/form/applicant")
    assert page.locator("#status_subcategory").count() == 0
    page.locator("#current_status").select_option("specified_skilled_worker")
    htmx_settled(page)
    page.locator("#status_subcategory").wait_for(timeout=10000)
    page.locator("#status_subcategory").select_option("ssw_2")
    htmx_settled(page)  # the desired period follows the category: 2号 is 6 months, 1, 2 or 3 years
    expect(page.locator("#desired_period option[value]:not([value=''])")).to_have_count(4, timeout=10000)
    assert not axe_violations(page)
    shot(page, f"applicant-ssw-{language}")

    page.goto(overview + "/form/procedure")
    assert page.locator("#permit_office").count() == 0
    page.locator("#permit_collection").select_option("counter")
    page.locator("#permit_office").wait_for(timeout=10000)
    assert not axe_violations(page)
    shot(page, f"procedure-reentry-{language}")
    page.locator("#permit_collection").select_option("post")
    page.locator("#permit_office").wait_for(state="detached", timeout=10000)

    # the extension is now under examination (as if submitted): a second one is refused at the start
    public_id = overview.rstrip("/").rsplit("/", 1)[-1]
    db = store.connect(live_site.database)
    try:
        with store.transaction(db):
            db.execute("UPDATE application SET state = 'received', receipt_number = ? WHERE public_id = ?",
                       [f"TOK-2026-00000{9 if language == 'ja' else 8}", public_id])
    finally:
        db.conn.close()
    page.goto(live_site.url + "/applications/new")
    page.locator("#main-3").check()
    page.locator("#status").select_option("engineer_specialist")
    page.locator("#current_period").select_option("1y")
    page.locator("form[action$='/applications/new'] button[type=submit]").click()
    link = page.locator("#pending-application")
    link.wait_for(timeout=10000)
    assert link.get_attribute("href").endswith(f"/applications/{public_id}/status")
    assert not axe_violations(page)
    shot(page, f"new-pending-{language}")
