"""The outbox is written in the caller's transaction: a rollback leaves nothing, a commit leaves one row."""
import pytest

from mail import outbox
from mail.outbox import NotInTransaction, enqueue
from tests.mail.conftest import add_message


def count(db):
    return db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]


def test_a_rolled_back_event_leaves_no_mail(db):
    db.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(RuntimeError, match="registration failed"):
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO event (name) VALUES ('registration')")
            enqueue(db, "hanako.suzuki@example.com", "Approval", "Your user ID is …", kind="approval",
                    language="ja")
            raise RuntimeError("registration failed after the mail was queued")
    assert count(db) == 0
    assert db.execute("SELECT COUNT(*) FROM event").fetchone()[0] == 0


def test_a_committed_event_leaves_exactly_one_pending_mail(db, clock):
    message_id = add_message(db, clock, subject="承認メール", language="ja")
    row = outbox.get(db, message_id)
    assert count(db) == 1
    assert (row["status"], row["attempts"], row["language"]) == ("pending", 0, "ja")
    assert row["next_attempt_at"] == clock()


def test_enqueue_outside_a_transaction_is_refused(db):
    with pytest.raises(NotInTransaction):
        enqueue(db, "li.wei@example.com", "Subject", "Body", kind="test", language="zh")
    assert count(db) == 0


@pytest.mark.parametrize("address", [
    "", "no-at-sign", "a@b@example.com", "taro@example.com\r\nBcc: victim@example.com",
    "taro@example.com, jiro@example.com", "Taro <taro@example.com>", "taro@localhost",
])
def test_only_one_plain_address_is_accepted(db, address):
    with pytest.raises(ValueError):
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            enqueue(db, address, "Subject", "Body", kind="test", language="en")
    assert count(db) == 0


def test_line_breaks_in_a_subject_cannot_add_headers(db, clock):
    row = outbox.get(db, add_message(db, clock, subject="Hello\r\nBcc: victim@example.com"))
    assert "\n" not in row["subject"] and "\r" not in row["subject"]


def test_a_plain_text_body_is_required(db):
    with pytest.raises(ValueError):
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            enqueue(db, "taro@example.com", "Subject", "  ", kind="test", language="en")


def test_recent_pages_by_id_newest_first(db, clock):
    ids = [add_message(db, clock, subject=f"Message {n}") for n in range(5)]
    first = outbox.recent(db, limit=2)
    assert [row["id"] for row in first] == ids[:-3:-1]
    second = outbox.recent(db, before=first[-1]["id"], limit=2)
    assert [row["id"] for row in second] == [ids[2], ids[1]]


def test_the_claim_query_uses_the_due_index(db):
    plan = " ".join(str(row[-1]) for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE status IN ('pending', 'sending') "
        "AND next_attempt_at <= 1 ORDER BY next_attempt_at LIMIT 10").fetchall())
    assert "outbox_due" in plan
