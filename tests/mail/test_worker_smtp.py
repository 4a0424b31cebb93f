"""The worker against a real SMTP server on loopback: delivered once, retried with backoff, never lost."""
import threading

import pytest

from mail import outbox
from mail.retry import RetryPolicy
from tests.mail.conftest import SENDER, add_message
from tests.support.processes import free_port
from tests.support.smtp import SmtpServer


def status(db, message_id):
    return outbox.get(db, message_id)["status"]


def test_a_japanese_message_arrives_as_proper_mime(db, clock, smtp_server, make_worker):
    message_id = add_message(
        db, clock, to="yamada.taro@example.com", subject="【在留申請オンラインシステム】承認メール",
        text="認証ID: AB12CD34\nhttps://ras.example.jp/password/set?token=x\n",
        html="<p>認証ID: <strong>AB12CD34</strong></p>", language="ja")
    assert make_worker(smtp_server.config()).drain() == 1

    (received,) = smtp_server.handler.received()
    raw = smtp_server.handler.messages[0][1]
    assert smtp_server.handler.messages[0][0] == ["yamada.taro@example.com"]
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert headers.isascii() and b"Subject: =?utf-8?" in headers  # RFC 2047 words, not raw UTF-8
    assert received["Subject"] == "【在留申請オンラインシステム】承認メール"
    assert received["From"] == SENDER and received["To"] == "yamada.taro@example.com"
    assert received["Date"].datetime.timestamp() == int(clock())
    assert received["Message-ID"] == f"<{outbox.get(db, message_id)['message_id']}@ras.example.jp>"
    assert received["Content-Language"] == "ja" and received["Auto-Submitted"] == "auto-generated"
    assert received.get_body(("plain",)).get_content().replace("\r\n", "\n") == "認証ID: AB12CD34\nhttps://ras.example.jp/password/set?token=x\n"
    assert received.get_body(("plain",)).get_content_charset() == "utf-8"
    assert "<strong>AB12CD34</strong>" in received.get_body(("html",)).get_content()
    row = outbox.get(db, message_id)
    assert (row["status"], row["attempts"], row["sent_at"]) == ("sent", 1, clock())


def test_a_chinese_subject_survives_the_trip(db, clock, smtp_server, make_worker):
    add_message(db, clock, subject="【在留申请在线系统】认证信息：您的认证ID", text="您好\n", language="zh")
    make_worker(smtp_server.config()).drain()
    (received,) = smtp_server.handler.received()
    assert received["Subject"] == "【在留申请在线系统】认证信息：您的认证ID"
    assert received["Content-Language"] == "zh-Hans"


def test_no_server_means_retry_with_backoff_then_delivery(db, clock, make_worker):
    server = SmtpServer(free_port())  # nothing listens yet: connection refused
    message_id = add_message(db, clock)
    worker = make_worker(server.config())
    assert worker.drain() == 1
    row = outbox.get(db, message_id)
    assert (row["status"], row["attempts"]) == ("pending", 1)
    assert row["next_attempt_at"] == clock() + 60
    assert "Connection" in row["last_error"] or "refused" in row["last_error"].lower()

    clock.advance(30)  # not due yet
    assert worker.drain() == 0
    clock.advance(30)
    assert worker.drain() == 1
    assert outbox.get(db, message_id)["next_attempt_at"] == clock() + 120  # doubled

    server.start()
    try:
        clock.advance(120)
        assert worker.drain() == 1
        assert status(db, message_id) == "sent"
        assert len(server.handler.received()) == 1
    finally:
        server.stop()


@pytest.mark.parametrize("trouble, value, error", [
    ("data_reply", "451 4.3.0 Try again later", "451"),  # a temporary refusal
    ("drop", True, "Disconnected"),  # hangs up mid-message: not taken as delivered
])
def test_a_server_in_trouble_gets_the_message_again_once(db, clock, smtp_server, make_worker, trouble, value, error):
    setattr(smtp_server.handler, trouble, value)
    message_id = add_message(db, clock)
    worker = make_worker(smtp_server.config())
    worker.drain()
    row = outbox.get(db, message_id)
    assert (row["status"], row["attempts"]) == ("pending", 1) and error in row["last_error"]
    setattr(smtp_server.handler, trouble, type(value)())
    clock.advance(60)
    worker.drain()
    assert status(db, message_id) == "sent"
    assert len(smtp_server.handler.received()) == 1


def test_a_permanent_refusal_stays_visible_as_failed(db, clock, smtp_server, make_worker):
    smtp_server.handler.refused["nobody@example.com"] = "550 5.1.1 No such user"
    bad = add_message(db, clock, to="nobody@example.com")
    good = add_message(db, clock, to="hanako@example.com")
    make_worker(smtp_server.config()).drain()
    failed = outbox.get(db, bad)
    assert failed["status"] == "failed" and "550" in failed["last_error"]
    assert status(db, good) == "sent"
    smtp_server.handler.refused.clear()
    clock.advance(3600)
    make_worker(smtp_server.config()).drain()
    assert status(db, bad) == "failed"  # not retried by itself …
    assert outbox.requeue(db, bad, now=clock())  # … until the operator queues it again
    make_worker(smtp_server.config()).drain()
    assert status(db, bad) == "sent" and status(db, good) == "sent"


def test_after_the_last_try_the_message_is_failed_not_deleted(db, clock, make_worker):
    server = SmtpServer(free_port())
    message_id = add_message(db, clock)
    worker = make_worker(server.config(), policy=RetryPolicy(base_seconds=10, max_seconds=10, max_attempts=3))
    for _ in range(3):
        worker.drain()
        clock.advance(10)
    row = outbox.get(db, message_id)
    assert (row["status"], row["attempts"]) == ("failed", 3)
    assert "gave up after 3 tries" in row["last_error"]


def test_two_workers_at_once_send_each_message_once(db, clock, smtp_server, make_worker):
    ids = [add_message(db, clock, to=f"person{n}@example.com", subject=f"Message {n}") for n in range(40)]
    workers = [make_worker(smtp_server.config(), batch_size=3) for _ in range(4)]
    threads = [threading.Thread(target=worker.drain) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    received = smtp_server.handler.received()
    assert sorted(m["Subject"] for m in received) == sorted(f"Message {n}" for n in range(40))
    assert {status(db, message_id) for message_id in ids} == {"sent"}


def test_a_second_run_sends_nothing_again(db, clock, smtp_server, make_worker):
    add_message(db, clock)
    make_worker(smtp_server.config()).drain()
    assert make_worker(smtp_server.config()).drain() == 0
    assert len(smtp_server.handler.received()) == 1


def test_a_claim_left_by_a_dead_worker_is_sent_after_its_lease(db, clock, smtp_server, make_worker):
    message_id = add_message(db, clock)
    (claimed,) = outbox.claim(db, "dead-worker", now=clock(), lease_seconds=600, limit=10)
    survivor = make_worker(smtp_server.config(), lease_seconds=600)
    assert survivor.drain() == 0  # still leased to the dead worker
    clock.advance(601)
    assert survivor.drain() == 1
    assert status(db, message_id) == "sent"
    # The dead worker waking up cannot overwrite what the survivor recorded.
    assert not outbox.mark_retry(db, message_id, "dead-worker", error="late", next_attempt_at=clock())
    assert status(db, message_id) == "sent"
