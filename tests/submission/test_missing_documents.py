"""The review page warns when a required document of the list has no attached file assigned to it, names each in
the applicant's language, and stops warning once every one is attached; signing is still possible."""
import os
import re

import store
from applications import records
from tests.submission.test_status import pdf_bytes


EMPLOYMENT_ZH = "在职证明或雇佣合同（写明工作内容、报酬和期间）"
TAX_ZH = "最近1年的居民税课税（或非课税）证明书和纳税证明书"


def missing(client, public_id):
    page = client.get(f"/applications/{public_id}/review").text
    found = re.search(r'<ul id="missing-documents">(.*?)</ul>', page, re.S)
    return page, re.findall(r"<li>(.*?)</li>", found.group(1)) if found else []


def attach(database, draft, requirement):
    db = store.connect(database)
    try:
        with store.transaction(db):
            sha = records.add_blob(db, os.path.join(os.path.dirname(database), "blobs"), pdf_bytes(), "application/pdf")
            records.attach(db, draft["id"], sha, "document", f"{requirement}.pdf", requirement=requirement)
    finally:
        db.conn.close()


def test_the_review_page_warns_of_each_missing_required_document(member, draft, database):
    member.set_cookie("lang", "zh")
    page, names = missing(member, draft["public_id"])
    assert "缺少必需的材料" in page and names == [EMPLOYMENT_ZH, TAX_ZH]
    attach(database, draft, "employment")
    attach(database, draft, "other")
    page, names = missing(member, draft["public_id"])
    assert names == [TAX_ZH]
    assert 'id="document-digest"' in page  # a warning, not a refusal: the application can still be signed
    attach(database, draft, "tax")
    page, names = missing(member, draft["public_id"])
    assert names == [] and "缺少必需的材料" not in page
