"""An application signed in an older canonical format is still verified with that format's rules (the stored digest
tells which), and shown as such on the console's case page; a changed answer fails whatever the format."""
import base64
import re

import pytest

import store
from applications import canonical, records
from tests.card.in_process import document_signature
from tests.console.test_cases import case_url


def resign(database, public_id, card_state, version):
    """The received application's digest and signature as if it had been signed in `version`."""
    db = store.connect(database)
    try:
        row = records.by_public_id(db, public_id)
        attachments = records.list_attachments(db, row["id"])
        user_id = db.execute("SELECT user_id FROM account WHERE id = ?", [row["account_id"]]).fetchone()[0]
        value, _ = canonical.digest(row, attachments, user_id, version=version)
        signed = document_signature(card_state, value)
        with store.transaction(db):
            db.execute("UPDATE application SET digest = ?, signature = ? WHERE id = ?",
                       [value.hex(), base64.b64decode(signed["signature"]), row["id"]])
        return row
    finally:
        db.conn.close()


def signature_section(page):
    return re.sub(r"<[^>]+>", " ", page[page.index("Document hash (stored)"):page.index("Certificate subject")])


@pytest.mark.parametrize("version", canonical.FORMATS)
def test_each_format_is_verified_with_its_own_rules(make_officer, submitted, database, card_state, version):
    row = resign(database, submitted["public_id"], card_state, version)
    page = make_officer(f"formats-{len(version)}@bureau.example.jp").page(case_url(row)).text
    assert "The signature check FAILED" not in page
    assert version in signature_section(page) and "MISMATCH" not in page


def test_a_changed_answer_fails_in_every_format(make_officer, submitted, database, card_state):
    row = resign(database, submitted["public_id"], card_state, canonical.FORMAT_1)
    db = store.connect(database)
    with store.transaction(db):
        data = {**row["data"], "occupation": "Changed after signing"}
        db.execute("UPDATE application SET data = json(?) WHERE id = ?", [__import__("json").dumps(data), row["id"]])
    db.conn.close()
    page = make_officer("tamper@bureau.example.jp").page(case_url(row)).text
    assert "The signature check FAILED" in page and "MISMATCH" in page
    assert "none reproduces the stored hash" in signature_section(page)
