"""applications.records: drafts, versioned saves, keyset lists, content-addressed attachments, events."""
import os

import pytest

import store
from applications import records
from tests.support.accounts import create_account


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "oras.db")
    first = create_account(path, (b"auth-1", b"sign-1"))
    second = create_account(path, (b"auth-2", b"sign-2"), email="hanako@example.jp",
                            residence_card_number="EF12345678GH")
    database = store.migrate(store.connect(path))
    database.accounts = (first["id"], second["id"])
    yield database
    database.conn.close()


def test_create_draft_has_random_public_id_and_decoded_columns(db):
    mine, _ = db.accounts
    with store.transaction(db):
        one = records.create_draft(db, mine, (6, 3), reentry_kind="single", status_code="student")
        two = records.create_draft(db, mine, (5,))
    assert one["procedures"] == (3, 6) and one["data"] == {} and one["version"] == 1
    assert one["state"] == "draft" and one["reentry_kind"] == "single"
    assert one["public_id"] != two["public_id"] and len(one["public_id"]) >= 16


def test_another_applicants_application_is_none(db):
    mine, theirs = db.accounts
    with store.transaction(db):
        draft = records.create_draft(db, mine, (3,))
    assert records.get_for_account(db, draft["public_id"], mine)["id"] == draft["id"]
    assert records.get_for_account(db, draft["public_id"], theirs) is None
    assert records.get_for_account(db, "no-such-id", mine) is None
    with pytest.raises(LookupError):
        records.save_draft(db, draft["public_id"], theirs, {"name": "X"}, 1)


def test_versioned_save_refuses_a_stale_version(db):
    mine, _ = db.accounts
    with store.transaction(db):
        draft = records.create_draft(db, mine, (3,))
    assert records.save_draft(db, draft["public_id"], mine, {"name": "TARO"}, 1) == 2
    with pytest.raises(records.StaleDraft) as stale:
        records.save_draft(db, draft["public_id"], mine, {"name": "OLD TAB"}, 1)
    assert stale.value.current_version == 2
    row = records.get_for_account(db, draft["public_id"], mine)
    assert row["data"] == {"name": "TARO"} and row["version"] == 2
    assert records.save_draft(db, draft["public_id"], mine, {"name": "T"}, 2, status_code="student") == 3
    assert records.get_for_account(db, draft["public_id"], mine)["status_code"] == "student"


def test_submitted_application_cannot_be_saved_as_draft(db):
    mine, _ = db.accounts
    with store.transaction(db):
        draft = records.create_draft(db, mine, (3,))
        assert records.transition(db, draft["id"], "draft", "received", "applicant", now=5.0)
        assert not records.transition(db, draft["id"], "draft", "received", "applicant")
    with pytest.raises(records.NotADraft):
        records.save_draft(db, draft["public_id"], mine, {}, 1)
    assert [(e["from_state"], e["to_state"], e["actor"]) for e in records.events(db, draft["id"])] == [
        ("draft", "received", "applicant")]


def test_list_is_keyset_paginated_newest_first(db):
    mine, theirs = db.accounts
    with store.transaction(db):
        made = [records.create_draft(db, mine, (3,), now=100.0 + (i // 2)) for i in range(5)]
        records.create_draft(db, theirs, (3,))
    seen, after = [], None
    while True:
        page = records.list_for_account(db, mine, limit=2, after=after)
        if not page:
            break
        assert "data" not in page[0]
        seen += [row["id"] for row in page]
        after = records.page_cursor(page[-1])
    assert seen == [m["id"] for m in sorted(made, key=lambda m: (m["updated_at"], m["id"]), reverse=True)]
    plan = " ".join(str(r) for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM application WHERE account_id = ? AND (updated_at < ? OR "
        "(updated_at = ? AND id < ?)) ORDER BY updated_at DESC, id DESC LIMIT 2", [mine, 1, 1, 1]).fetchall())
    assert "application_account" in plan and "TEMP B-TREE" not in plan


def test_blobs_are_content_addressed_and_written_before_the_row(db, tmp_path):
    mine, _ = db.accounts
    blobs = str(tmp_path / "blobs")
    with store.transaction(db):
        draft = records.create_draft(db, mine, (3,))
        sha = records.add_blob(db, blobs, b"%PDF-1.7 test", "application/pdf")
        assert os.path.exists(records.blob_path(blobs, sha))  # on disk before the commit
        first = records.attach(db, draft["id"], sha, "document", "a.pdf")
        again = records.add_blob(db, blobs, b"%PDF-1.7 test", "application/pdf")
        records.attach(db, draft["id"], again, "document", "copy.pdf")
    assert again == sha and records.blob_path(blobs, sha).endswith(os.path.join(sha[:2], sha))
    assert not [n for n in os.listdir(os.path.dirname(records.blob_path(blobs, sha))) if n.startswith(".upload-")]
    assert records.attachment_totals(db, draft["id"]) == (2, 26)
    with store.transaction(db):
        other = records.add_blob(db, blobs, b"\xff\xd8\xff photo", "image/jpeg")
        assert records.replace(db, draft["id"], first, other, "photo.jpg")
    listed = records.list_attachments(db, draft["id"])
    assert [(a["id"], a["file_name"], a["media_type"]) for a in listed][0] == (first, "photo.jpg", "image/jpeg")
    assert records.read_blob(blobs, other) == b"\xff\xd8\xff photo"
    with store.transaction(db):
        assert records.detach(db, draft["id"], first)
        assert not records.detach(db, draft["id"], first)
    assert records.attachment_totals(db, draft["id"]) == (1, 13)


def test_a_failed_transaction_leaves_no_row(db, tmp_path):
    mine, _ = db.accounts
    blobs = str(tmp_path / "blobs")
    with store.transaction(db):
        draft = records.create_draft(db, mine, (3,))
    with pytest.raises(RuntimeError):
        with store.transaction(db):
            sha = records.add_blob(db, blobs, b"content", "application/pdf")
            records.attach(db, draft["id"], sha, "document", "x.pdf")
            raise RuntimeError("crash before commit")
    assert records.attachment_totals(db, draft["id"]) == (0, 0)
    assert db.execute("SELECT COUNT(*) FROM attachment_blob").fetchone()[0] == 0


def test_delete_draft_only_for_its_owner(db):
    mine, theirs = db.accounts
    with store.transaction(db):
        draft = records.create_draft(db, mine, (3,))
        assert not records.delete_draft(db, draft["public_id"], theirs)
        assert records.delete_draft(db, draft["public_id"], mine)
    assert records.get_for_account(db, draft["public_id"], mine) is None
