"""The bureau console in the browser (Debian's Chromium, a virtual authenticator through the DevTools protocol):
an applicant's extension, signed with their card (submitted over HTTP: the applicant's journey in the browser is
test_application_journey.py), is found in the Tokyo examiner's queue,
documents are requested and uploaded in a second browser context, the examiner proposes a grant, the supervisor
approves, the applicant gets the decision email with the fee and checklist, the examiner records the envelope and
the dispatch, and the applicant sees the tracking number. axe-core on every console page."""
import base64
import datetime
import io
import json
import os
import re
import subprocess
import sys
import unittest.mock

import pytest
from PIL import Image

import store
from app import create_app
from applications import records
from simulator import card_file
from tests.card.in_process import document_signature
from tests.conftest import chrome_client
from tests.submission.conftest import post_submit, sign_request
from tests.support import applications as samples, sessions
from tests.support.browser import assert_pdf_viewer, axe_violations
from tests.support.journey import mail_text
from tests.support.site import ROOT
from tests.support.submitting import log_in, words

pytestmark = pytest.mark.e2e
OFFICER_PASSWORD = "desk-work-2026-spring"


def clean(page):
    shots = os.environ.get("ORAS_CONSOLE_SHOTS")  # a folder: keep a screenshot of each page for a person to look at
    if shots:
        clean.count = getattr(clean, "count", 0) + 1
        page.screenshot(path=os.path.join(shots, f"{clean.count:02d}-{page.url.split('/console')[-1].strip('/').replace('/', '_')[:40] or 'x'}.png"), full_page=True)
    violations = axe_violations(page)
    assert not violations, violations


def with_security_key(new_page, passkey=False):
    """A browser context of its own with Chromium's virtual authenticator (user verification on): a USB security
    key, or with `passkey` the computer's own authenticator keeping discoverable credentials."""
    page = new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal" if passkey else "usb", "hasResidentKey": passkey,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}})
    return page


def add_officer(site, email, name, role, journey):
    """The operator's command adds the officer: (the emailed link, the one-time code it printed once)."""
    added = subprocess.run([os.path.join(os.path.dirname(sys.executable), "flask"), "--app", "app", "officer", "add",
                            email, "--name", name, "--bureau", "tokyo", "--role", role], env={**os.environ, **site.env},
                           cwd=ROOT, check=True, capture_output=True, text=True)
    link = re.search(r"http://localhost:\d+/console/enrol/\S+", mail_text(journey.wait_for_mail(email))).group(0)
    code = re.search(r"one-time enrolment code .*: (\d{8})$", added.stdout, re.M).group(1)
    return link, code


def enrol_and_sign_in(page, site, journey, email, name, role, wrong_code_first=False):
    enrol_at(page, add_officer(site, email, name, role, journey), email, role, wrong_code_first)


def enrol_at(page, enrolment, email, role, wrong_code_first=False):
    """Enrol through the enrolment link and the code handed over apart from it (password, then the security key)
    and sign in as the officer does; with wrong_code_first, a mistyped code is refused at its field first."""
    link, code = enrolment
    page.goto(link)
    clean(page)
    if wrong_code_first:
        page.locator("#code").fill("0000 0000" if code != "00000000" else "1111 1111")
        page.locator("#password").fill(OFFICER_PASSWORD)
        page.locator("#password_again").fill(OFFICER_PASSWORD)
        page.get_by_role("button", name=words("ja", "Next: security key")).click()
        page.locator("#code-field.field--error").wait_for()
        clean(page)
    page.locator("#code").fill(code)
    page.locator("#password").fill(OFFICER_PASSWORD)
    page.locator("#password_again").fill(OFFICER_PASSWORD)
    page.get_by_role("button", name=words("ja", "Next: security key")).click()
    clean(page)
    page.get_by_role("button", name=words("ja", "Use the security key")).click()
    page.get_by_role("heading", name=words("ja", "Your officer account is ready")).wait_for()
    clean(page)
    page.get_by_role("link", name=words("ja", "Officer sign-in")).click()
    clean(page)
    page.locator("#email").fill(email)
    page.locator("#password").fill(OFFICER_PASSWORD)
    page.get_by_role("button", name=words("ja", "Next: security key")).click()
    clean(page)
    page.get_by_role("button", name=words("ja", "Use the security key")).click()
    page.wait_for_url("**/console/queue" if role != "admin" else "**/console/audit")
    clean(page)


def open_case(page, site, number):
    page.goto(site.console_url + "/queue")
    page.get_by_role("link", name=number).click()
    page.wait_for_url("**/console/cases/**")
    clean(page)


SCAN_BLUE, PDF_ORANGE = (30, 110, 190), (230, 120, 20)  # colours a screenshot can find again


def pdf_like_scan():
    out = io.BytesIO()
    Image.new("RGB", (400, 560), SCAN_BLUE).save(out, "JPEG")
    return out.getvalue()


def coloured_pdf():
    out = io.BytesIO()
    Image.new("RGB", (595, 842), PDF_ORANGE).save(out, "PDF")
    return out.getvalue()


def share_of_colour(png, colour, tolerance=24):
    """The share of a screenshot's pixels within `tolerance` of `colour`: a file that displays shows its colour."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = image.getcolors(maxcolors=image.width * image.height)
    return sum(n for n, p in counts if all(abs(a - b) <= tolerance for a, b in zip(p, colour))) / (image.width * image.height)


def view_inline(examiner, file_hint):
    """Click an attachment's View link as the officer does (it opens a tab); return the tab, the console messages
    logged while it loaded (a CSP violation is one) and any download it started instead of displaying."""
    logged, downloads = [], []

    def on_console(message):
        logged.append(f"{message.type}: {message.text}")

    def on_page(opened):
        opened.on("download", lambda download: downloads.append(download))

    examiner.context.on("console", on_console)
    examiner.context.on("page", on_page)
    try:
        row = examiner.locator("#attachments tbody tr", has_text=file_hint)
        assert_pdf_viewer(examiner)
        with examiner.context.expect_page() as opened:
            row.get_by_role("link", name=words("ja", "View")).click()
        viewer = opened.value
        viewer.wait_for_load_state("load")
        viewer.wait_for_timeout(1500)  # the PDF viewer draws the page after load
    finally:
        examiner.context.remove_listener("console", on_console)
        examiner.context.remove_listener("page", on_page)
    return viewer, [m for m in logged if not m.startswith(("log:", "debug:", "info:"))
                    and "status of 404" not in m], downloads


def check_attachments_inline_and_downloaded(examiner):
    """The scan (JPEG) and the PDF display inline under the sandboxing policy, with no CSP report and no
    download; the Download link downloads the file as it was uploaded."""
    image, logged, downloads = view_inline(examiner, "contract")
    assert image.evaluate("document.contentType") == "image/jpeg"
    assert image.evaluate("document.images.length === 1 && document.images[0].naturalWidth === 400")
    assert share_of_colour(image.screenshot(), SCAN_BLUE) > 0.05
    assert not logged and not downloads, (logged, downloads)
    image.close()
    pdf, logged, downloads = view_inline(examiner, "pdf")
    assert pdf.evaluate("document.contentType") == "application/pdf"
    assert share_of_colour(pdf.screenshot(), PDF_ORANGE) > 0.05  # Chromium's PDF viewer drew the page
    assert not logged and not downloads, (logged, downloads)
    pdf.close()
    row = examiner.locator("#attachments tbody tr", has_text="pdf")
    with examiner.expect_download() as started:
        row.get_by_role("link", name=words("ja", "Download")).click()
    download = started.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"


def upload_requested(applicant_page, status_url, files):
    """The applicant uploads the requested `files` [(name, media type, bytes)] on the status page and says so."""
    applicant_page.goto(status_url)
    for name, media_type, content in files:
        applicant_page.locator("input[type=file]").set_input_files(
            {"name": name, "mimeType": media_type, "buffer": content})
        applicant_page.locator("form[enctype] button[type=submit]").first.click()
        applicant_page.wait_for_url("**#requested")
    applicant_page.get_by_role("button", name=words("ja", "I have uploaded all the documents")).click()
    applicant_page.wait_for_load_state()


def submitted_extension(site, member, mailbox, **receipt):
    """The member's extension of period of stay (an engineer's, 1 year), with `receipt` (the card by post or at the
    counter), submitted without the browser: made as a draft in the site's database, signed by the member's virtual
    card in this process and posted to the site as its own page would, for the console's tests (the applicant's
    own journey in the browser: test_application_journey.py). Returns (public id, receipt number)."""
    card, account = member
    data = samples.sample_answers((3,), "engineer_specialist")
    data.update({k: v for k, v in samples.extension_with_reentry().items() if k in data and k != "receiving_office"})
    data.update(notification_email=mailbox, current_period="1y", **receipt,
                expiry_date=(datetime.date.today() + datetime.timedelta(days=40)).isoformat())
    # Each journey's applicant is their own person (name and birth date key one pending application per person):
    # a shared sample name made the second journey's extension wait for the first's.
    data["name"] = " ".join(part.upper() for part in mailbox.split("@")[0].split("."))
    data["residence_card_number"] = account["residence_card_number"]  # their own card (related cases match it)
    draft = samples.create_draft(site.database, account["id"], (3,), data, status_code="engineer_specialist")
    with unittest.mock.patch.dict(os.environ, site.env):  # the site's own settings: its CA, origin and key
        app = create_app()
    client = sessions.log_in(chrome_client(app), site.database, account)
    digest = base64.b64decode(sign_request(client, draft["public_id"])["digest"])
    signature = json.dumps(document_signature(card_file.load(card), digest))
    assert post_submit(client, draft["public_id"], signature).status_code == 303
    db = store.connect(site.database)
    try:
        return draft["public_id"], records.by_public_id(db, draft["public_id"])["receipt_number"]
    finally:
        db.conn.close()


@pytest.fixture(scope="module")
def applicant(journey, journey_site):
    return journey.member(journey_site, "試験\u3000五郎", "goro.shiken@example.jp", "QR55667788ST", "console-journey.json")


@pytest.mark.full_chromium  # the examiner views the PDF inline
def test_the_bureau_journey_from_queue_to_card_sent(journey, journey_site, applicant, new_page):
    site = journey_site
    mailbox = "goro.console@example.jp"
    public_id, number = submitted_extension(site, applicant, mailbox, receipt_method="post")
    journey.insert(applicant[0])
    applicant_page = new_page()  # the applicant's own browser, logged in with the card and password
    log_in(applicant_page, site, applicant[1], "ja")

    examiner = with_security_key(new_page)
    enrol_and_sign_in(examiner, site, journey, "kensa.hanako@bureau.example.jp", "審査 花子", "examiner",
                      wrong_code_first=True)
    assert number in examiner.content()
    open_case(examiner, site, number)
    assert words("ja", "verified") in examiner.content()
    examiner.get_by_role("button", name=words("ja", "Assign to me")).click()
    examiner.wait_for_url("**done=claim**")
    clean(examiner)
    examiner.get_by_text(words("ja", "Request documents")).click()
    examiner.get_by_label(words("ja", "Employment contract")).check()
    examiner.locator("#request-message").fill("雇用契約書の写しを提出してください。")
    examiner.get_by_role("button", name=words("ja", "Send the request")).click()
    examiner.wait_for_url("**done=request**")
    clean(examiner)

    # The applicant, in their own browser context, uploads on the status page.
    request_mail = mail_text(journey.wait_for_mail(mailbox, count=3))  # receipt, under review, documents requested
    assert "雇用契約書" in request_mail
    status_url = f"{site.url}/applications/{public_id}/status"
    upload_requested(applicant_page, status_url, [("contract.jpg", "image/jpeg", pdf_like_scan()),
                                                  ("payslip.pdf", "application/pdf", coloured_pdf())])

    examiner.goto(site.console_url + "/queue?arrived=1")
    assert number in examiner.content()
    clean(examiner)
    open_case(examiner, site, number)
    check_attachments_inline_and_downloaded(examiner)
    examiner.get_by_text(words("ja", "Propose a decision")).click()
    # Only the chosen outcome's fields show: a grant's period, or a refusal's reason and text.
    assert examiner.locator("#propose-period").is_visible() and not examiner.locator("#propose-reason").is_visible()
    # A refusal without its reason comes back as typed: the panel open, the text kept, the focus at the reason.
    examiner.locator("#outcome-refuse").check()
    assert examiner.locator("#propose-reason").is_visible() and not examiner.locator("#propose-period").is_visible()
    examiner.locator("#propose-text").fill("在職の証明が不足")
    examiner.get_by_role("button", name=words("ja", "Send for approval")).click()
    examiner.locator("#propose-reason-error").wait_for()
    assert examiner.locator("#propose-panel").evaluate("d => d.open")
    assert examiner.locator("#propose-text").input_value() == "在職の証明が不足"
    assert examiner.locator("#outcome-refuse").is_checked()
    assert examiner.evaluate("document.activeElement.id") == "propose-reason"
    assert words("ja", "Choose the reason for the refusal.") in examiner.locator("#propose-panel").inner_text()
    clean(examiner)
    examiner.locator("#outcome-grant").check()
    examiner.get_by_role("button", name=words("ja", "Send for approval")).click()
    examiner.wait_for_url("**done=propose**")
    clean(examiner)

    supervisor = with_security_key(new_page)
    enrol_and_sign_in(supervisor, site, journey, "kessai.taro@bureau.example.jp", "決裁 太郎", "supervisor")
    open_case(supervisor, site, number)
    previewed = supervisor.locator("#mail-preview .mail-preview__text")  # the email before it is sent
    assert previewed.is_visible() and number in previewed.inner_text()
    previewed_text = previewed.inner_text()
    # The printable case summary: the summary and the answers, without the console's navigation and forms.
    supervisor.emulate_media(media="print")
    assert supervisor.locator("#summary").is_visible() and not supervisor.locator(".console-header").is_visible()
    assert not supervisor.locator(".case-nav").is_visible()
    supervisor.emulate_media(media="screen")
    supervisor.get_by_role("button", name=words("ja", "Approve")).click()
    supervisor.wait_for_url("**done=approve**")
    clean(supervisor)

    decision = mail_text(journey.wait_for_mail(mailbox, count=5))  # … under review again, granted
    assert " ".join(previewed_text.split()) in " ".join(decision.split())
    assert "手数料" in decision and "円" in decision and "在留カード" in decision
    applicant_page.goto(status_url)
    assert words("ja", "Receiving your residence card by post") in applicant_page.content()

    open_case(examiner, site, number)
    assert examiner.get_by_role("button", name=words("ja", "Card handed over at the counter")).count() == 0  # by post
    examiner.get_by_role("button", name=words("ja", "Envelope arrived (old card, revenue stamps)")).click()
    examiner.wait_for_url("**done=envelope**")
    envelope_mail = mail_text(journey.wait_for_mail(mailbox, count=6))  # in the applicant's language (ja)
    assert "郵送物" in envelope_mail and "在留カード" in envelope_mail
    examiner.locator("#tracking-number").fill("1234-5678-9013")
    examiner.get_by_role("button", name=words("ja", "Record the dispatch")).click()
    examiner.wait_for_url("**done=dispatch**")
    clean(examiner)
    examiner.goto(site.console_url + "/statistics")
    clean(examiner)

    applicant_page.goto(status_url)
    assert "1234-5678-9013" in applicant_page.content()
    assert "1234-5678-9013" in mail_text(journey.wait_for_mail(mailbox, count=7))

    admin = with_security_key(new_page)
    enrol_and_sign_in(admin, site, journey, "kanri@bureau.example.jp", "管理 次郎", "admin")
    assert "card_dispatched" in admin.content()
    # The audit log by officer: the examiner's rows, with the case's receipt number, not an internal id.
    admin.locator("#audit-officer").select_option(label="審査 花子")
    admin.get_by_role("button", name=words("ja", "Apply filters")).click()
    admin.wait_for_url("**officer=**")
    assert number in admin.locator("#main table.data-table tbody").inner_text()
    assert "決裁 太郎" not in admin.locator("#main table.data-table tbody").inner_text()
    clean(admin)
    admin.goto(site.console_url + "/officers")
    clean(admin)
    result = subprocess.run([os.path.join(os.path.dirname(sys.executable), "flask"), "--app", "app", "audit",
                             "verify"], env={**os.environ, **site.env}, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def counter_applicant(journey, journey_site):
    return journey.member(journey_site, "試験\u3000六郎", "rokuro.shiken@example.jp", "QR55667799ST", "console-counter.json")


def test_a_card_collected_at_the_counter_offers_only_the_handover(journey, journey_site, counter_applicant, new_page):
    site = journey_site
    _, number = submitted_extension(site, counter_applicant, "rokuro.console@example.jp",
                                    receipt_method="counter", receiving_office="tokyo")

    examiner = with_security_key(new_page)
    enrol_and_sign_in(examiner, site, journey, "madoguchi.ex@bureau.example.jp", "窓口 審査", "examiner")
    open_case(examiner, site, number)
    examiner.get_by_role("button", name=words("ja", "Assign to me")).click()
    examiner.wait_for_url("**done=claim**")
    examiner.get_by_text(words("ja", "Propose a decision")).click()
    examiner.get_by_role("button", name=words("ja", "Send for approval")).click()
    examiner.wait_for_url("**done=propose**")
    supervisor = with_security_key(new_page)
    enrol_and_sign_in(supervisor, site, journey, "madoguchi.sv@bureau.example.jp", "窓口 決裁", "supervisor")
    open_case(supervisor, site, number)
    supervisor.get_by_role("button", name=words("ja", "Approve")).click()
    supervisor.wait_for_url("**done=approve**")

    open_case(examiner, site, number)
    for by_post in ("Envelope arrived (old card, revenue stamps)", "Record the dispatch"):
        assert examiner.get_by_role("button", name=words("ja", by_post)).count() == 0
    examiner.get_by_role("button", name=words("ja", "Card handed over at the counter")).click()
    examiner.wait_for_url("**done=handover**")
    clean(examiner)
