"""The site's emails rendered in the recipient's language, queued, and sent by `flask mail-worker --once`."""
import time
from datetime import date

import pytest

from mail import outbox
from mail.messages import TEMPLATES, queue, render
from rules.clock import japan_time
from store.flask_db import get_db

LINK = "https://ras.example.jp/password/set?token=Zx9-made-up&lang=ja"
CONTEXTS = {
    "approval": {"user_id": "QW12ER34", "link": LINK, "expires_at": 1_800_000_000},
    "password_reset": {"link": LINK, "expires_at": 1_800_000_000},
    "user_id": {"user_id": "QW12ER34", "link": "https://ras.example.jp/login"},
    "email_change": {"link": LINK, "expires_at": 1_800_000_000},
    "password_expiry": {"expires_on": date(2027, 3, 31), "days_left": 30, "link": "https://ras.example.jp/login"},
    "receipt": {"receipt_number": "TOK-2026-0000123", "procedures": ["Extension of Period of Stay"],
                "office": "Tokyo Regional Immigration Services Bureau", "submitted_at": 1_800_000_000,
                "link": "https://ras.example.jp/applications/Zx9-made-up/status?lang=ja&x=1"},
    "status_change": {"receipt_number": "TOK-2026-0000123", "state": "Documents requested", "previous": "Under review",
                      "target": "documents_requested", "note": "Your employment contract.",
                      "link": "https://ras.example.jp/applications/Zx9-made-up/status?lang=ja&x=1"},
    "envelope_arrived": {"receipt_number": "TOK-2026-0000123", "arrived_at": 1_800_000_000,
                         "link": "https://ras.example.jp/applications/Zx9-made-up/status?lang=ja&x=1"},
    "officer_enrolment": {"name": "佐藤 花子", "office": "Tokyo Regional Immigration Services Bureau",
                          "role": "Examiner", "link": "http://localhost:5000/console/enrol/Zx9-made-up",
                          "expires_at": 1_800_000_000},
    "agent_decision": {"state": "refused", "bureau": "Tokyo Regional Immigration Services Bureau",
                       "reason": "The filing-agent number is not on the bureau's list.",
                       "link": "https://ras.example.jp/my"},
}


def test_japan_time_is_what_a_reader_in_japan_sees():
    assert japan_time(0) == "1970-01-01 09:00"


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_each_email_renders_in_each_language(app, kind, language):
    with app.app_context():
        subject, text, html = render(kind, language, **CONTEXTS[kind])
    assert subject and "\n" not in subject
    assert CONTEXTS[kind]["link"] in text  # the link stays clickable: not escaped in plain text
    assert "&amp;" not in text and "{{" not in text and "{%" not in text
    lang = {"zh": "zh-Hans"}.get(language, language)
    assert f'<html lang="{lang}">' in html
    assert CONTEXTS[kind]["link"].replace("&", "&amp;") in html


def test_the_approval_email_carries_user_id_link_and_deadline(app):
    with app.app_context():
        subject, text, html = render("approval", "en", **CONTEXTS["approval"])
    assert subject == "[Demonstration] [Online Residence Application System (demo)] Approval email: your user ID"
    assert "User ID: QW12ER34" in text
    assert "valid until 2027-01-15 17:00 (Japan time) and can be used only once" in text
    assert "User ID: QW12ER34" in html and f'<a href="{LINK.replace("&", "&amp;")}">' in html


def test_markup_in_data_is_escaped_in_html_only(app):
    with app.app_context():
        _, text, html = render("approval", "en", **dict(CONTEXTS["approval"], user_id="<b>x</b>"))
    assert "<b>x</b>" in text and "&lt;b&gt;x&lt;/b&gt;" in html


def test_the_expiry_reminder_names_the_date(app):
    with app.app_context():
        subject, text, _ = render("password_expiry", "en", **CONTEXTS["password_expiry"])
    assert "2027-03-31" in subject and "Your password expires on 2027-03-31." in text


def test_queue_then_mail_worker_once_delivers_over_smtp(make_app, smtp_server):
    app = make_app(SITE_ORIGIN="https://ras.example.jp", **smtp_server.config())  # the links of CONTEXTS
    with app.app_context():
        db = get_db()
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            message_id = queue(db, "approval", "chen.jing@example.com", "zh", **CONTEXTS["approval"])
    result = app.test_cli_runner().invoke(args=["mail-worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "handled 1 message" in result.output
    (received,) = smtp_server.handler.received()
    assert received["To"] == "chen.jing@example.com" and received["Content-Language"] == "zh-Hans"
    assert LINK in received.get_body(("plain",)).get_content()
    with app.app_context():
        row = outbox.get(get_db(), message_id)
    assert (row["status"], row["kind"], row["language"]) == ("sent", "approval", "zh")


def test_mail_retry_requeues_only_a_failed_message(make_app):
    app = make_app()
    with app.app_context():
        db = get_db()
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            message_id = outbox.enqueue(db, "a.b@example.com", "S", "T", kind="test", language="en")
        runner = app.test_cli_runner()
        assert runner.invoke(args=["mail-retry", str(message_id)]).exit_code != 0  # pending, not failed
        db.execute("UPDATE outbox SET status = 'failed', attempts = 12 WHERE id = ?", [message_id])
        result = runner.invoke(args=["mail-retry", str(message_id)])
        assert result.exit_code == 0, result.output
        row = outbox.get(db, message_id)
        assert (row["status"], row["attempts"]) == ("pending", 0)
        assert row["next_attempt_at"] <= time.time()
