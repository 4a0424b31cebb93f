"""An organisation's start in the browser (Debian's Chromium, virtual authenticators): a Tokyo company applies to
use the system in Japanese, a Tokyo examiner proposes approval and a supervisor approves it in the console, and
the staff member named on the application enrols with a passkey and reaches the organisation's home. axe-core on
every page; the member signs out and in again with password and passkey."""
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from tests.applications.conftest import pdf
from tests.e2e.test_console_journey import clean, enrol_at, with_security_key
from tests.support.site import ROOT, LiveSite
from tests.support.submitting import words

pytestmark = pytest.mark.e2e
STAFF_PASSWORD = "our-people-file-2026"


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


def officer(site, email, name, role):
    """The operator adds a Tokyo officer: (the emailed enrolment link, the code printed once)."""
    added = subprocess.run([os.path.join(os.path.dirname(sys.executable), "flask"), "--app", "app", "officer", "add",
                            email, "--name", name, "--bureau", "tokyo", "--role", role], env={**os.environ, **site.env},
                           cwd=ROOT, check=True, capture_output=True, text=True)
    link = re.search(r"http://localhost:\d+/console/enrol/\S+", outbox(site, email, "officer_enrolment")).group(0)
    code = re.search(r"one-time enrolment code .*: (\d{8})$", added.stdout, re.M).group(1)
    return link, code


def test_an_organisation_applies_is_approved_and_its_staff_enrols_with_a_passkey(site, new_page, tmp_path):
    applicant = new_page()
    applicant.goto(site.url + "/organisations/")
    clean(applicant)
    applicant.get_by_role("link", name=words("ja", "Apply to use the system")).first.click()
    clean(applicant)
    applicant.locator("#kind").select_option("receiving")
    applicant.locator("#receiving_kind").select_option("company")
    applicant.locator("#name").fill("架空ソフトウェア株式会社")
    applicant.locator("#corporate_number").fill("6010705000725")  # a typo in the check digit first
    applicant.locator("#postal_code").fill("1000001")
    applicant.locator("#prefecture").select_option("13")
    applicant.locator("#municipality").fill("千代田区")
    applicant.locator("#address_rest").fill("千代田１－１")
    applicant.locator("#phone").fill("0312345678")
    applicant.locator("#contact_email").fill("soumu@kaku-soft.example.test")
    applicant.locator("#staff-0-staff_name").fill("山田 花子")
    applicant.locator("#staff-0-staff_email").fill("hanako@kaku-soft.example.test")
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

    examiner = with_security_key(new_page)
    enrol_at(examiner, officer(site, "kensa.jiro@bureau.example.jp", "審査 次郎", "examiner"),
             "kensa.jiro@bureau.example.jp", "examiner")
    examiner.get_by_role("link", name=words("ja", "Use applications")).click()
    clean(examiner)
    examiner.get_by_role("link", name="架空ソフトウェア株式会社").click()
    examiner.wait_for_url("**/console/organisations/**")
    clean(examiner)
    examiner.get_by_role("button", name=words("ja", "Send for approval")).click()
    examiner.wait_for_url("**done=propose**")
    clean(examiner)

    supervisor = with_security_key(new_page)
    enrol_at(supervisor, officer(site, "kessai.saburo@bureau.example.jp", "決裁 三郎", "supervisor"),
             "kessai.saburo@bureau.example.jp", "supervisor")
    supervisor.goto(examiner.url.split("?")[0])
    supervisor.get_by_role("button", name=words("ja", "Approve")).click()
    supervisor.wait_for_url("**done=approve**")
    clean(supervisor)

    staff = with_security_key(new_page, passkey=True)
    link = re.search(r"http://localhost:\d+/organisations/enrol/\S+",
                     outbox(site, "hanako@kaku-soft.example.test", "staff_enrolment")).group(0)
    staff.goto(link)
    clean(staff)
    staff.locator("#password").fill(STAFF_PASSWORD)
    staff.locator("#password_again").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name=words("ja", "Next: passkey or security key")).click()
    clean(staff)
    staff.get_by_role("button", name=words("ja", "Use the passkey or security key")).click()
    staff.wait_for_url("**/organisations/home")
    assert "架空ソフトウェア株式会社" in staff.content()
    clean(staff)
    staff.get_by_role("link", name=words("ja", "Periodic report")).click()
    clean(staff)
    staff.goto(site.url + "/organisations/home")
    staff.get_by_role("button", name=words("ja", "Sign out")).click()
    staff.wait_for_url("**/organisations/signin")
    clean(staff)
    staff.locator("#email").fill("hanako@kaku-soft.example.test")
    staff.locator("#password").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name=words("ja", "Next: passkey or security key")).click()
    clean(staff)
    staff.get_by_role("button", name=words("ja", "Use the passkey or security key")).click()
    staff.wait_for_url("**/organisations/home")
    staff.goto(link)  # the enrolment link works once
    assert words("ja", "This link cannot be used") in staff.content()
    clean(staff)
