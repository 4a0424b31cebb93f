"""Filing for someone else in the browser, on the real card stack (pcscd, the helper, the virtual cards), axe-core
on every page: a wife (in Chinese) files her husband's extension while he is in hospital, saying why with a
medical certificate, after the table refused a relative's filing for a healthy adult in its own words; a Japanese
mother (a Japanese national's card, no residence card) files her newborn's acquisition of status as the legal
representative. The gyoseishoshi's filing for two clients is the end of their journey in test_agent_journey.py,
which uses this module's start_for, extension_for and upload_document."""
import datetime

import pytest

import store
from applications import records
from tests.applications.conftest import pdf
from tests.support import applications as samples
from tests.support.accounts import create_account
from tests.support.browser import axe_violations, htmx_settled
from tests.support.submitting import (
    activate, assert_receipt_mail, fill_form, log_in, set_answer, sign_and_submit, upload_photo, words)

pytestmark = pytest.mark.e2e
RELATIVE_REFUSAL = ("A relative may file only for an applicant under 16 or one who cannot file because of illness or "
                    "a similar reason. Otherwise the applicant files it themself (from 15), or a legal representative, "
                    "a lawyer or gyoseishoshi.")


def start_for(page, site, language, filed_by, expiry=None, main=3, status="engineer_specialist"):
    """My page → a new application (an extension unless `main` says otherwise), answering who fills it in;
    returns its public id."""
    page.goto(site.url + "/my")
    activate(page, page.get_by_role("link", name=words(language, "Your applications")), False)
    activate(page, page.get_by_role("link", name=words(language, "Start a new application")), False)
    page.wait_for_url("**/applications/new")
    set_answer(page, "main", str(main))
    htmx_settled(page)
    set_answer(page, "filed_by", filed_by)
    set_answer(page, "status", status)
    if expiry:
        set_answer(page, "current_period", "1y")
        set_answer(page, "expiry_date", expiry)
    assert not axe_violations(page)
    activate(page, page.get_by_role("button", name=words(language, "Start the application")), False)
    page.wait_for_url(lambda url: "/applications/" in url and not url.endswith("/new"))
    page.wait_for_load_state()
    return page.url.rstrip("/").rsplit("/", 1)[1]


def upload_document(page, requirement, name):
    page.locator("#upload-document").set_input_files({"name": name, "mimeType": "application/pdf", "buffer": pdf()})
    page.locator("#upload-requirement").select_option(requirement)
    page.locator("#upload-document-form button[type=submit]").click()
    page.locator("ul.attachment-list li", has_text=name).wait_for(timeout=10000)


def stored(site, public_id):
    """The application's row as the site stored it."""
    db = store.connect(site.database)
    try:
        return records.by_public_id(db, public_id)
    finally:
        db.conn.close()


def extension_for(name, birth_date, card, mailbox, expiry, **filer):
    data = {k: v for k, v in samples.extension_with_reentry().items()
            if k in samples.sample_answers((3,), "engineer_specialist")}
    data.update(name=name, birth_date=birth_date, has_residence_card="yes", residence_card_number=card,
                notification_email=mailbox, expiry_date=expiry, current_period="1y", receipt_method="post", **filer)
    data.pop("receiving_office", None)
    return data


def test_a_wife_files_her_husbands_extension_while_he_is_in_hospital(journey, journey_site, new_page):
    card, account = journey.member(journey_site, "試験\u3000美玲", "meiling.shiken@example.jp", "WF11223344ZH",
                                   "filing-spouse.json")
    journey.insert(card)
    page = new_page(locale="zh-CN")
    mailbox = "meiling.for.husband@example.jp"
    expiry = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    log_in(page, journey_site, account, "zh")
    public_id = start_for(page, journey_site, "zh", "relative", expiry)
    # The table's refusal first: a relative who says the applicant (an adult) is under 16.
    page.goto(f"{journey_site.url}/applications/{public_id}/form/applicant")
    set_answer(page, "birth_date", "1984-05-06")
    htmx_settled(page)
    set_answer(page, "relative_relationship", "husband")
    set_answer(page, "cannot_file_reason", "under_16")
    activate(page, page.get_by_role("button", name=words("zh", "Save and continue")), False)
    page.locator("#filed_by-error").wait_for(timeout=10000)
    assert words("zh", RELATIVE_REFUSAL) in page.locator("#filed_by-error").inner_text()
    assert not axe_violations(page)
    # In hospital: the reason with its document, and the table admits it.
    page.goto(f"{journey_site.url}/applications/{public_id}")
    fill_form(page, (3,), extension_for("SHIKEN HAORAN", "1984-05-06", "HR55667788ZH", mailbox, expiry,
                                        filed_by="relative", relative_relationship="husband",
                                        cannot_file_reason="illness"), language="zh")
    upload_photo(page, "zh")
    upload_document(page, "cannot_file", "medical-certificate.pdf")
    number = sign_and_submit(page, journey_site, public_id, "zh")
    assert_receipt_mail(journey, mailbox, number)
    row = stored(journey_site, public_id)
    assert (row["filer_kind"], row["applicant_name"], row["account_id"]) == ("relative", "SHIKEN HAORAN", account["id"])


def newborn(mailbox):
    """A newborn's acquisition of status (birth five days ago, no passport yet), filed by the mother."""
    born = (datetime.date.today() - datetime.timedelta(days=5)).isoformat()
    data = samples.sample_answers((4,), "spouse_of_japanese", overrides={"acquisition_page1": {
        "desired_status": "spouse_of_japanese", "birth_date": born, "acquisition_date": born,
        "acquisition_reason": "birth", "name": "NIHON HARUTO", "nationality": "US", "has_passport": "no",
        "passport_missing_reason": "A newborn: no passport yet."}})
    data.update(filed_by="legal_representative", legal_representative_name="日本\u3000花子",
                legal_representative_relationship="mother", legal_representative_address="東京都新宿区西新宿二丁目8番1号",
                legal_representative_phone="09012345678", notification_email=mailbox)
    return data


def test_a_japanese_mother_files_her_newborns_acquisition(journey, journey_site, new_page):
    name, born = "日本\u3000花子", datetime.date(1992, 8, 8)
    card = journey.issue_card(name=name, birth_date=born, file_name="japanese-mother.json")
    account = create_account(journey_site.database, journey.certificates(card), name=name, birth_date=born.isoformat(),
                             email="hanako.nihon@example.jp", residence_card_number=None, kind="japanese_national",
                             nationality="JP")
    journey.insert(card)
    page = new_page(locale="ja-JP")
    mailbox = "hanako.for.haruto@example.jp"
    log_in(page, journey_site, account, "ja")
    public_id = start_for(page, journey_site, "ja", "legal_representative", main=4, status="spouse_of_japanese")
    fill_form(page, (4,), newborn(mailbox), language="ja")
    number = sign_and_submit(page, journey_site, public_id, "ja")  # a newborn: no photo
    assert_receipt_mail(journey, mailbox, number)
    row = stored(journey_site, public_id)
    assert (row["filer_kind"], row["applicant_name"], row["applicant_residence_card_number"]) == (
        "legal_representative", "NIHON HARUTO", "")
