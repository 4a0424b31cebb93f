"""Bulk filing in the browser (Debian's Chromium, a virtual authenticator): a staff member of an approved organisation
enrols, downloads the N group's extension template, uploads three people with one bad row, sees the row's errors in
Japanese, fixes it in the browser, adds each person's photo, signs the batch once with the passkey and gets three
receipts. The organisation and its approval are made in the database, as the bureau's approval leaves them (their
own journey is the use application's)."""
import datetime
import pytest
from openpyxl import load_workbook

import store
from organisations import records
from rules import bulk
from tests.bulk.rows import answers, cells
from tests.e2e.test_console_journey import with_security_key
from tests.support.applications import photo_jpeg
from tests.support.site import LiveSite

pytestmark = pytest.mark.e2e

N_EXTENSION = bulk.template("N", (3,))
PASSWORD = "bulk filing journey 7"


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory):
    """A site whose own origin is a host name (localhost): WebAuthn takes no IP address as the relying party."""
    site = LiveSite(str(tmp_path_factory.mktemp("bulk")), host="localhost")
    site.origin = site.url
    yield site
    site.stop()


def enrolment_link(site):
    db = store.migrate(store.connect(site.database))
    try:
        with store.transaction(db):
            organisation = records.create_organisation(
                db, kind="receiving", receiving_kind="company", name="架空商事株式会社",
                corporate_number="7010705000725", postal_code="1600023", address="東京都新宿区西新宿二丁目８番１号",
                bureau="tokyo", contact_email="soumu@example.test", phone="0312345678")
            records.update_organisation(db, organisation["id"], state="approved", approved_at=0, valid_until=(
                datetime.date.today() + datetime.timedelta(days=200)).isoformat())
            member = records.add_staff(db, organisation["id"], name="人事 花子", email="jinji@example.test",
                                       is_admin=True)
            secret = records.issue_link(db, member["id"])
    finally:
        db.conn.close()
    return f"{site.origin}/organisations/enrol/{secret}"


def test_three_people_filed_from_the_template_with_one_signature(staff_site, new_page, tmp_path):
    page = with_security_key(new_page)
    page.goto(enrolment_link(staff_site))
    page.fill("#password", PASSWORD)
    page.fill("#password_again", PASSWORD)
    page.click("button[type=submit]")
    page.click("[data-webauthn-start]")
    page.wait_for_url("**/organisations/home")

    # The template of the N group's extension, as Excel.
    page.goto(f"{staff_site.origin}/organisations/bulk/")
    page.select_option("#letter", "N")
    page.check("#procedure-3")
    with page.expect_download() as download:
        page.click("form.bulk-template button[type=submit]")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    assert book.active["A1"].value == N_EXTENSION.version
    for index in range(3):
        row = cells(N_EXTENSION, answers(index))
        if index == 1:
            row[N_EXTENSION.keys.index("residence_card_number")] = "AB12"
        book.active.append(row)
    filled = tmp_path / "people.xlsx"
    book.save(filled)

    page.set_input_files("#file", str(filled))
    page.click("#file-form button[type=submit]")
    page.wait_for_selector("[data-bulk-summary]")
    bad = page.locator('tr[data-row="5"]')
    assert bad.get_attribute("data-valid") == "no"
    assert "在留カード番号" in bad.inner_text()  # the column's name, in Japanese

    bad.locator("a", has_text="5行目を修正").click()
    page.fill("#residence_card_number", "AB00000001CD")
    page.click("main form button.button[type=submit]")
    page.wait_for_selector('tr[data-row="5"][data-valid="yes"]')

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(photo_jpeg())
    for number in (4, 5, 6):
        row = page.locator(f'tr[data-row="{number}"]')
        row.locator("select[name=kind]").select_option("photo")
        row.locator("input[type=file]").set_input_files(str(photo))
        row.locator("button[type=submit]").click()
        page.wait_for_selector(f'tr[data-row="{number}"] li:has-text("photo.jpg")')

    page.click("[data-bulk-prepare]")
    page.wait_for_selector("#batch-digest")
    page.click("[data-webauthn-start]")
    page.wait_for_selector("[data-receipt]")
    receipts = page.locator("[data-receipt]").all_inner_texts()
    assert len(receipts) == 3 and len(set(receipts)) == 3
    assert "3件中3件を提出しました" in page.inner_text("#bulk-progress")
