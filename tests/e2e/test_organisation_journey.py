"""An organisation's journey in the browser (Debian's Chromium, virtual authenticators), one site from start to end:
a Tokyo company applies to use the system in Japanese, a Tokyo examiner proposes approval and a supervisor approves
it in the console, the staff member named on the application enrols with a passkey (and signs out and in again),
downloads the N group's extension template, uploads three people with one bad row, sees the row's errors in
Japanese, fixes it in the browser, adds each person's photo (a row is ready only with it), signs the batch once with
the passkey and gets three receipts; the Tokyo examiner's queue lists them and each case page shows the organisation's signature checked.
Nothing an earlier step makes is put into the database by the test; axe-core on every page."""
import re
import sqlite3

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from rules import bulk
from tests.applications.conftest import pdf
from tests.bulk.rows import answers, cells
from tests.e2e.test_console_journey import clean, enrol_at, with_security_key
from tests.support.applications import photo_jpeg
from tests.support.site import LiveSite
from tests.support.submitting import words

pytestmark = pytest.mark.e2e
STAFF_PASSWORD = "our-people-file-2026"
ORGANISATION, STAFF, STAFF_EMAIL = "架空ソフトウェア株式会社", "山田 花子", "hanako@kaku-soft.example.test"
N_EXTENSION = bulk.template("N", (3,))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site reached as localhost: the staff pages' passkeys need a host name as the relying party."""
    live = LiveSite(str(tmp_path_factory.mktemp("organisations")), host="localhost")
    yield live
    live.stop()


def outbox(site, recipient, kind):
    db = sqlite3.connect(site.database)
    try:
        row = db.execute("SELECT text_body FROM outbox WHERE recipient = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                         [recipient, kind]).fetchone()
    finally:
        db.close()
    assert row, f"no {kind} mail to {recipient}"
    return row[0]


@pytest.fixture(scope="module")
def operator(site):
    """The operator's `flask officer` commands on the site's database, run in this process (no second start-up)."""
    from app import create_app
    return create_app({"MODE": "test", "DATABASE": site.database, "SECRET_KEY": site.env["ORAS_SECRET_KEY"],
                       "SITE_ORIGIN": site.url, "CONSOLE_ORIGIN": site.env["ORAS_CONSOLE_ORIGIN"]}).test_cli_runner()


def officer(site, operator, email, name, role):
    """The operator adds a Tokyo officer: (the emailed enrolment link, the code printed once)."""
    added = operator.invoke(args=["officer", "add", email, "--name", name, "--bureau", "tokyo", "--role", role])
    assert added.exit_code == 0, added.output
    link = re.search(r"http://localhost:\d+/console/enrol/\S+", outbox(site, email, "officer_enrolment")).group(0)
    code = re.search(r"one-time enrolment code .*: (\d{8})$", added.output, re.M).group(1)
    return link, code


def apply_to_use_the_system(applicant, site, tmp_path):
    applicant.goto(site.url + "/organisations/")
    clean(applicant)
    applicant.get_by_role("link", name=words("ja", "Apply to use the system")).first.click()
    clean(applicant)
    applicant.locator("#kind").select_option("receiving")
    applicant.locator("#receiving_kind").select_option("company")
    applicant.locator("#name").fill(ORGANISATION)
    applicant.locator("#corporate_number").fill("6010705000725")  # a typo in the check digit first
    applicant.locator("#postal_code").fill("1000001")
    applicant.locator("#prefecture").select_option("13")
    applicant.locator("#municipality").fill("千代田区")
    applicant.locator("#address_rest").fill("千代田１－１")
    applicant.locator("#phone").fill("0312345678")
    applicant.locator("#contact_email").fill("soumu@kaku-soft.example.test")
    applicant.locator("#staff-0-staff_name").fill(STAFF)
    applicant.locator("#staff-0-staff_email").fill(STAFF_EMAIL)
    certificate, pledge = tmp_path / "touki.pdf", tmp_path / "seiyaku.pdf"
    certificate.write_bytes(pdf())
    pledge.write_bytes(pdf())

    def attach():
        applicant.locator("#document-registry_certificate").set_input_files(str(certificate))
        applicant.locator("#document-pledge").set_input_files(str(pledge))
    attach()
    applicant.get_by_role("button", name=words("ja", "Send the use application")).click()
    applicant.locator("#corporate_number-error").wait_for()
    assert "法人番号" in applicant.locator("#corporate_number-error").inner_text()
    clean(applicant)
    applicant.locator("#corporate_number").fill("7010705000725")
    attach()
    applicant.get_by_role("button", name=words("ja", "Send the use application")).click()
    applicant.wait_for_url("**/organisations/applied")
    assert "東京出入国在留管理局" in applicant.content()
    clean(applicant)


def approve_in_the_console(site, operator, new_page):
    """The examiner proposes approval, the supervisor approves; the examiner's page, still signed in."""
    examiner = with_security_key(new_page)
    enrol_at(examiner, officer(site, operator, "kensa.jiro@bureau.example.jp", "審査 次郎", "examiner"),
             "kensa.jiro@bureau.example.jp", "examiner")
    examiner.get_by_role("link", name=words("ja", "Use applications")).click()
    clean(examiner)
    examiner.get_by_role("link", name=ORGANISATION).click()
    examiner.wait_for_url("**/console/organisations/**")
    clean(examiner)
    examiner.get_by_role("button", name=words("ja", "Send for approval")).click()
    examiner.wait_for_url("**done=propose**")
    clean(examiner)

    supervisor = with_security_key(new_page)
    enrol_at(supervisor, officer(site, operator, "kessai.saburo@bureau.example.jp", "決裁 三郎", "supervisor"),
             "kessai.saburo@bureau.example.jp", "supervisor")
    supervisor.goto(examiner.url.split("?")[0])
    supervisor.get_by_role("button", name=words("ja", "Approve")).click()
    supervisor.wait_for_url("**done=approve**")
    clean(supervisor)
    return examiner


def enrol_the_staff_member(site, new_page):
    """The approval's enrolment email: password, then the passkey; signs out and in again."""
    staff = with_security_key(new_page, passkey=True)
    link = re.search(r"http://localhost:\d+/organisations/enrol/\S+",
                     outbox(site, STAFF_EMAIL, "staff_enrolment")).group(0)
    staff.goto(link)
    clean(staff)
    staff.locator("#password").fill(STAFF_PASSWORD)
    staff.locator("#password_again").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name=words("ja", "Next: passkey or security key")).click()
    clean(staff)
    staff.get_by_role("button", name=words("ja", "Use the passkey or security key")).click()
    staff.wait_for_url("**/organisations/home")
    assert ORGANISATION in staff.content()
    clean(staff)
    staff.get_by_role("link", name=words("ja", "Periodic report")).click()
    clean(staff)
    staff.goto(site.url + "/organisations/home")
    staff.get_by_role("button", name=words("ja", "Sign out")).click()
    staff.wait_for_url("**/organisations/signin")
    clean(staff)
    staff.locator("#email").fill(STAFF_EMAIL)
    staff.locator("#password").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name=words("ja", "Next: passkey or security key")).click()
    clean(staff)
    staff.get_by_role("button", name=words("ja", "Use the passkey or security key")).click()
    staff.wait_for_url("**/organisations/home")
    staff.goto(link)  # the enrolment link works once
    assert words("ja", "This link cannot be used") in staff.content()
    clean(staff)
    return staff


def file_three_people(site, staff, tmp_path):
    """From the organisation's home to the batch's three receipt numbers."""
    staff.goto(site.url + "/organisations/home")
    staff.get_by_role("link", name=words("ja", "Bulk filing")).click()
    staff.wait_for_url("**/organisations/bulk/")
    clean(staff)
    staff.select_option("#letter", "N")
    staff.check("#procedure-3")
    with staff.expect_download() as download:
        staff.get_by_role("button", name=words("ja", "Download the template")).click()
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

    staff.set_input_files("#file", str(filled))
    staff.click("#file-form button[type=submit]")
    staff.wait_for_selector("[data-bulk-summary]")
    clean(staff)
    bad = staff.locator('tr[data-row="5"]')
    assert bad.get_attribute("data-valid") == "no"
    assert "在留カード番号" in bad.inner_text()  # the column's name, in Japanese

    bad.locator("a", has_text="5行目を修正").click()
    clean(staff)
    staff.fill("#residence_card_number", "AB00000001CD")
    staff.get_by_role("button", name=words("ja", "Save the row")).click()
    staff.wait_for_selector("[data-bulk-summary]")
    assert bad.locator('li[data-column="residence_card_number"]').count() == 0
    assert "写真を添付してください" in bad.inner_text()  # what is left: the person's photo

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(photo_jpeg())
    for number in (4, 5, 6):
        row = staff.locator(f'tr[data-row="{number}"]')
        row.locator("select[name=kind]").select_option("photo")
        row.locator("input[type=file]").set_input_files(str(photo))
        row.get_by_role("button", name=words("ja", "Add"), exact=True).click()
        staff.wait_for_selector(f'tr[data-row="{number}"] li:has-text("photo.jpg")')
    for number in (4, 5, 6):
        assert staff.locator(f'tr[data-row="{number}"]').get_attribute("data-valid") == "yes"
    clean(staff)

    staff.click("[data-bulk-prepare]")
    staff.wait_for_selector("#batch-digest")
    clean(staff)
    staff.click("[data-webauthn-start]")
    expect(staff.locator("[data-receipt]")).to_have_count(3, timeout=30_000)  # what the page shows, however sent
    receipts = staff.locator("[data-receipt]").all_inner_texts()
    assert len(set(receipts)) == 3
    assert "3件中3件を提出しました" in staff.inner_text("#bulk-progress")
    assert staff.locator("tr[data-row] [data-submitted]").count() == 3  # each row says it was filed
    clean(staff)
    return receipts


def test_an_organisation_applies_is_approved_and_its_staff_file_three_people_signed_with_a_passkey(
        site, operator, new_page, tmp_path):
    apply_to_use_the_system(new_page(), site, tmp_path)
    examiner = approve_in_the_console(site, operator, new_page)
    staff = enrol_the_staff_member(site, new_page)
    receipts = file_three_people(site, staff, tmp_path)

    # The examiner, signed in since the approval: the queue lists the three, each signed by the staff member.
    examiner.goto(site.console_url + "/queue")
    clean(examiner)
    queue = examiner.locator("main").inner_text()
    assert all(number in queue for number in receipts), (receipts, queue)
    signed_by = words("ja", "Signed by %(staff)s of %(organisation)s with a security key") % {
        "staff": STAFF, "organisation": ORGANISATION}
    for number in receipts:
        examiner.get_by_role("link", name=number).click()
        examiner.wait_for_url("**/console/cases/**")
        if number == receipts[0]:
            clean(examiner)  # axe-core on the case page once: the other two are the same page
        assert examiner.locator("#signed-by").inner_text() == signed_by
        assert examiner.locator("#signature .badge--good").count() == 1
        examiner.go_back()
