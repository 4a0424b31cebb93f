"""The console names each attachment as the required document the applicant said it is."""
import os

from applications import records
from store import transaction
from tests.console.test_cases import case_url, received, by_post  # noqa: F401  (fixtures)
from tests.submission.test_status import pdf_bytes


def test_the_case_page_names_the_required_document_an_attachment_is(make_officer, received, db, database):
    with transaction(db):
        sha = records.add_blob(db, os.path.join(os.path.dirname(database), "blobs"), pdf_bytes(), "application/pdf")
        records.attach(db, received["id"], sha, "document", "tax.pdf", requirement="tax")
    page = make_officer("kinds@bureau.example.jp").page(case_url(received)).text
    row = page.split('translate="no">tax.pdf</td>')[1].split("</tr>")[0]
    assert "<td>Your resident tax certificates for the latest year" in row
    passport = page.split('translate="no">passport.pdf</td>')[1].split("</tr>")[0]
    assert "<td>Document</td>" in passport  # an upload from before the choice keeps its kind
