"""A day at the bureau's desk in the browser (Debian's Chromium, a virtual authenticator): from the queue to a
decision by keyboard alone (skip link, "?" overlay, "/" search, "n" next case, the related cases, "p" the proposal,
focus at each result), the due date's clock paused while documents are awaited, the sticky case head never covering the case
navigation, and the supervisor's view of proposals awaiting approval, sorting, a saved filter and a bulk assignment."""
import pytest

from tests.e2e.test_console_journey import (clean, enrol_and_sign_in, pdf_like_scan, submitted_extension,
                                            upload_requested, with_security_key)
from tests.support.submitting import log_in, words

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def desk_applicant(journey, journey_site):
    return journey.member(journey_site, "試験\u3000七子", "nanako.shiken@example.jp", "QR55668800ST", "console-desk.json")


def tab_to(page, selector, limit=100):
    """Press Tab until `selector` has the focus (the keyboard's way to a control); fail past `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def earlier_applications(site, account, public_id):
    """The applicant's earlier applications (the residence card number the application gives): a granted one in
    Tokyo, one pending in Osaka."""
    import store
    from applications import records
    from tests.console.test_related_cases import file_application
    db = store.connect(site.database)
    card = records.by_public_id(db, public_id)["data"]["residence_card_number"]
    with store.transaction(db):
        for public_id, receipt, bureau, state in (("pub-earlier-901", "TKY-2025-0000901", "tokyo", "granted"),
                                                  ("pub-earlier-902", "OSA-2025-0000902", "osaka", "received")):
            file_application(db, account["id"], public_id, receipt, bureau,
                             {"residence_card_number": card}, state=state)
    db.conn.close()


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_from_the_queue_to_a_decision_by_keyboard_alone(journey, journey_site, desk_applicant, new_page):
    site = journey_site
    public_id, number = submitted_extension(site, desk_applicant, "nanako.console@example.jp",
                                            receipt_method="post")
    earlier_applications(site, desk_applicant[1], public_id)
    examiner = with_security_key(new_page)
    enrol_and_sign_in(examiner, site, journey, "keyboard.ex@bureau.example.jp", "鍵盤 審査", "examiner")

    # The skip links: the second goes to the applications, past the filters.
    examiner.keyboard.press("Tab")
    examiner.keyboard.press("Tab")
    assert examiner.evaluate("document.activeElement.getAttribute('href')") == "#results"
    examiner.keyboard.press("Enter")
    assert focused_id(examiner) == "results"
    # "?" lists the shortcuts; Escape closes the list.
    examiner.keyboard.press("?")
    help_dialog = examiner.locator("#shortcut-help")
    help_dialog.wait_for(state="visible")
    assert words("ja", "Claim the next case and open it") in help_dialog.inner_text()
    clean(examiner)
    examiner.keyboard.press("Escape")
    help_dialog.wait_for(state="hidden")

    # "/" searches; "n" claims the oldest unassigned case the search shows and opens it, focus at the result.
    examiner.keyboard.press("/")
    assert focused_id(examiner) == "q"
    examiner.keyboard.type(number)
    examiner.keyboard.press("Enter")
    examiner.wait_for_url("**q=*")
    examiner.keyboard.press("n")
    examiner.wait_for_url("**done=claim**")
    assert focused_id(examiner) == "result"
    assert words("ja", "The case is assigned to you.") in examiner.locator("#result").inner_text()
    # Its related cases (the same residence card number): this bureau's a link the keyboard reaches (axe below).
    related = examiner.locator(".related-cases").inner_text()
    assert "TKY-2025-0000901" in related and "OSA-2025-0000902" in related
    assert words("ja", "Same person (residence card number)") in related
    tab_to(examiner, ".related-cases a")
    assert examiner.evaluate("document.activeElement.textContent") == "TKY-2025-0000901"

    # The case head stays on screen as the page scrolls, and never covers the case navigation or a section's title.
    examiner.keyboard.press("t")
    examiner.wait_for_function("location.hash === '#timeline'")
    boxes = examiner.evaluate("""() => {
        const r = s => document.querySelector(s).getBoundingClientRect();
        return {bar: r('.identity-bar'), nav: r('.case-nav'), head: r('.case-head'), title: r('#timeline h2, #timeline')};
    }""")
    assert boxes["head"]["top"] == 0 and boxes["nav"]["top"] >= boxes["bar"]["bottom"] - 0.5
    assert boxes["title"]["top"] >= boxes["head"]["bottom"] - 0.5, boxes
    clean(examiner)

    # Documents requested (by keyboard too): in the queue the due date's clock is paused, not overdue.
    examiner.keyboard.press("a")
    tab_to(examiner, "#request-panel > summary")
    examiner.keyboard.press("Enter")
    tab_to(examiner, "input[name=items][value=bank_statement]")
    examiner.keyboard.press("Space")
    tab_to(examiner, "#request-panel button[type=submit]")
    examiner.keyboard.press("Enter")
    examiner.wait_for_url("**done=request**")
    assert focused_id(examiner) == "result"
    examiner.keyboard.press("q")
    examiner.wait_for_url("**/console/queue")
    row = examiner.locator("tr", has_text=number)
    paused = row.locator("td.due").inner_text()
    assert words("ja", "Clock paused") in paused
    clean(examiner)
    # The applicant logs in, uploads and says so: the clock runs again, the same day paused for no day at all.
    journey.insert(desk_applicant[0])
    applicant_page = new_page()
    log_in(applicant_page, site, desk_applicant[1], "ja")
    upload_requested(applicant_page, f"{site.url}/applications/{public_id}/status",
                     [("statement.jpg", "image/jpeg", pdf_like_scan())])
    examiner.reload()
    running = examiner.locator("tr", has_text=number).locator("td.due").inner_text()
    assert words("ja", "Clock paused") not in running and running.split()[0] == paused.split()[0]

    # Back to the case by j and Enter; "p" opens the proposal; Tab to its button.
    examiner.keyboard.press("/")
    examiner.keyboard.type(number)
    examiner.keyboard.press("Enter")
    examiner.wait_for_url("**q=*")
    examiner.keyboard.press("j")
    assert examiner.evaluate("document.activeElement.textContent.trim()") == number
    examiner.keyboard.press("x")
    assert examiner.locator(f"input[name=cases][value^='{examiner.evaluate('document.activeElement.pathname').split('/')[-1]}:']").is_checked()
    examiner.keyboard.press("Enter")
    examiner.wait_for_url("**/console/cases/**")
    examiner.keyboard.press("p")
    assert examiner.locator("#propose-panel").evaluate("d => d.open")
    tab_to(examiner, "#outcome-grant")  # the documents arrived: grant is possible again, and chosen
    assert examiner.locator("#outcome-grant").is_checked()
    tab_to(examiner, "#propose-panel button[type=submit]")
    examiner.keyboard.press("Enter")
    examiner.wait_for_url("**done=propose**")
    assert focused_id(examiner) == "result"
    clean(examiner)

    # The supervisor: awaiting my approval, sorted by the stay's expiry, saved as a filter; approve by keyboard.
    supervisor = with_security_key(new_page)
    enrol_and_sign_in(supervisor, site, journey, "keyboard.sv@bureau.example.jp", "鍵盤 決裁", "supervisor")
    tab_to(supervisor, "a[href$='view=approval']")
    supervisor.keyboard.press("Enter")
    supervisor.wait_for_url("**view=approval**")
    assert number in supervisor.locator("#results").inner_text()
    supervisor.get_by_role("link", name=words("ja", "Stay expires")).click()
    supervisor.wait_for_url("**sort=expiry**")
    assert supervisor.locator("th[aria-sort=ascending]").inner_text().startswith(words("ja", "Stay expires"))
    supervisor.locator("#filter-name").fill("決裁待ち（期限順）")
    supervisor.keyboard.press("Enter")
    supervisor.wait_for_url("**done=saved**")
    assert focused_id(supervisor) == "result"
    saved = supervisor.get_by_role("link", name="決裁待ち（期限順）")
    assert "view=approval" in saved.get_attribute("href") and "sort=expiry" in saved.get_attribute("href")
    clean(supervisor)
    supervisor.keyboard.press("j")
    supervisor.keyboard.press("Enter")
    supervisor.wait_for_url("**/console/cases/**")
    supervisor.keyboard.press("a")
    tab_to(supervisor, "form[action$='/approve'] button")
    supervisor.keyboard.press("Enter")
    supervisor.wait_for_url("**done=approve**")
    assert focused_id(supervisor) == "result"
    clean(supervisor)

    # The granted case ticked in the queue and assigned in bulk (one case here), to the supervisor this time.
    supervisor.keyboard.press("q")
    supervisor.wait_for_url("**/console/queue")
    supervisor.keyboard.press("/")
    supervisor.keyboard.type(number)
    supervisor.keyboard.press("Enter")
    supervisor.wait_for_url("**q=*")
    supervisor.keyboard.press("j")
    supervisor.keyboard.press("x")
    supervisor.locator("#bulk-officer").select_option(label="鍵盤 決裁")
    supervisor.get_by_role("button", name=words("ja", "Assign"), exact=True).click()
    supervisor.wait_for_url("**done=assigned**")
    assert focused_id(supervisor) == "result"
    assert words("ja", "%(n)s cases were assigned.") % {"n": 1} in supervisor.locator("#result").inner_text()
    assert "鍵盤 決裁" in supervisor.locator("tr", has_text=number).inner_text()
