"""The organisations' storage contract (migration 15): what the staff filing and bulk filing build on."""
import sqlite3

import pytest

from organisations import records
from store.db import connect, migrate, transaction


@pytest.fixture
def db(tmp_path):
    database = migrate(connect(str(tmp_path / "oras.db")))
    yield database
    database.conn.close()


def organisation(db, **overrides):
    fields = dict(kind="receiving", receiving_kind="company", name="架空商事株式会社",
                  corporate_number="7010705000725", postal_code="1000001", address="東京都千代田区千代田1-1",
                  bureau="tokyo", contact_email="soumu@example.test")
    with transaction(db):
        return records.create_organisation(db, **{**fields, **overrides})


def test_an_organisation_is_applied_with_a_public_id(db):
    row = organisation(db)
    assert row["state"] == "applied" and len(row["public_id"]) >= 16
    assert records.organisation_by_public_id(db, row["public_id"])["id"] == row["id"]


def test_a_receiving_organisation_needs_its_sub_kind(db):
    with pytest.raises(sqlite3.IntegrityError):
        organisation(db, receiving_kind=None)
    with pytest.raises(sqlite3.IntegrityError):
        organisation(db, kind="public_interest", receiving_kind="school")


def test_one_active_member_per_email(db):
    first, second = organisation(db), organisation(db, name="架空学園")
    with transaction(db):
        member = records.add_staff(db, first["id"], name="山田 花子", email="hanako@example.test")
    with pytest.raises(sqlite3.IntegrityError), transaction(db):
        records.add_staff(db, second["id"], name="山田 花子", email="hanako@example.test")
    with transaction(db):
        records.remove_staff(db, member["id"])
        records.add_staff(db, second["id"], name="山田 花子", email="hanako@example.test")
    assert records.emails_in_use(db, ["hanako@example.test", "x@example.test"]) == {"hanako@example.test"}


def test_removal_ends_sessions_links_and_ceremonies_at_once(db):
    row = organisation(db)
    with transaction(db):
        member = records.add_staff(db, row["id"], name="佐藤 一郎", email="ichiro@example.test")
        secret = records.start_session(db, member["id"])
        link = records.issue_link(db, member["id"])
        handle = records.begin_ceremony(db, member["id"], "signin", "challenge")
    assert records.live_session(db, secret, 600)[0]["id"] == member["id"]
    with transaction(db):
        records.remove_staff(db, member["id"])
    assert records.live_session(db, secret, 600) is None
    with pytest.raises(records.LinkError):
        records.peek_link(db, link)
    assert records.take_ceremony(db, handle, "signin") is None


def test_four_eyes_in_the_table(db):
    row = organisation(db)
    officer = db.execute("INSERT INTO officer (email, name, office, role, created_at) VALUES "
                         "('kakari@example.test', '審査 太郎', 'tokyo', 'examiner', 0)").lastrowid
    with transaction(db):
        proposal = records.propose(db, row["id"], officer, "approve")
    with pytest.raises(sqlite3.IntegrityError), transaction(db):
        records.decide_proposal(db, proposal, officer, "approved")
    with pytest.raises(sqlite3.IntegrityError), transaction(db):
        records.propose(db, row["id"], officer, "refuse", "重複")  # one open proposal at a time


def test_reminders_are_recorded_once_per_period_and_day(db):
    row = organisation(db)
    with transaction(db):
        records.update_organisation(db, row["id"], state="approved", valid_until="2027-03-31")
        assert records.record_reminder(db, row["id"], "2027-03-31", 30)
        assert not records.record_reminder(db, row["id"], "2027-03-31", 30)
    assert records.reminder_candidates(db, "2027-03-01", "2027-03-31") == [(row["id"], "2027-03-31", 30)]
    with transaction(db):
        assert records.lapse_due(db, "2027-04-01") == [row["id"]]
    assert records.organisation_by_id(db, row["id"])["state"] == "lapsed"


def test_a_deleted_draft_leaves_a_blob_an_organisations_document_uses(db, tmp_path):
    """The same bytes as a draft's attachment and an organisation's document: deleting the draft keeps the blob (its
    row would otherwise go, and the organisation's document with it, or the delete fail on the foreign key)."""
    from applications import records as applications
    from tests.support.accounts import create_account
    account = create_account(db.conn.execute("PRAGMA database_list").fetchone()[2], (b"auth-o", b"sign-o"))
    row = organisation(db)
    with transaction(db):
        sha = applications.add_blob(db, str(tmp_path / "blobs"), b"%PDF-1.4\n%shared\n", "application/pdf")
        records.add_document(db, row["id"], sha, "pledge", "pledge.pdf")
        draft = applications.create_draft(db, account["id"], (3,))
        applications.attach(db, draft["id"], sha, "document", "same.pdf")
    with transaction(db):
        deleted = applications.delete_draft(db, draft["public_id"], account["id"])
    assert deleted.freed == ()
    assert [d["sha256"] for d in records.documents(db, row["id"])] == [sha]


def test_an_organisations_trail_is_read_from_its_index(db):
    row = organisation(db)
    with transaction(db):
        from console import audit
        audit.append(db, "organisation_applied", office="tokyo", detail={"organisation": row["public_id"]})
        audit.append(db, "case_opened", office="tokyo", detail={"n": 1})
    assert [r["action"] for r in records.trail(db, row["public_id"])] == ["organisation_applied"]
    plan = " ".join(str(step) for step in db.execute("EXPLAIN QUERY PLAN " + records.TRAIL, ["x"]).fetchall())
    assert "USING INDEX audit_log_organisation" in plan
