"""`flask send-reminders`: the 30- and 7-day reminders, each once, through the outbox and a real SMTP server."""
import datetime
import os

import pytest

import store
from accounts import records
from app import create_app
from tests.support.accounts import create_account
from tests.support.smtp import smtp_server  # noqa: F401  (fixture)

TODAY = datetime.date(2027, 3, 1)


def set_on_for(days_left, today=TODAY):
    """The password-set date that leaves `days_left` days before expiry on `today`."""
    return (today + datetime.timedelta(days=days_left)).replace(year=today.year - 1)


@pytest.fixture
def site(tmp_path, smtp_server):  # noqa: F811
    return create_app({"MODE": "test", "DATABASE": str(tmp_path / "oras.db"), "SITE_ORIGIN": "https://ras.example.jp",
                       **smtp_server.config()})


def account(site, email, days_left=None, language="ja", password=True):
    number = f"RM{abs(hash(email)) % 10**8:08d}AA"
    return create_account(site.config["DATABASE"], (os.urandom(32), os.urandom(32)), email=email,
                          residence_card_number=number, language=language, password="x" * 16 if password else None,
                          password_set_at=set_on_for(days_left) if days_left is not None else None)


def run(site, command, *args):
    result = site.test_cli_runner().invoke(args=[command, *args])
    assert result.exit_code == 0, result.output
    return result.output


def send(site, today=TODAY):
    output = run(site, "send-reminders", "--today", today.isoformat())
    run(site, "mail-worker", "--once")
    return output


def inbox(smtp_server):  # noqa: F811
    return [(m["To"], m["Subject"]) for m in smtp_server.handler.received()]


def test_reminders_at_30_and_7_days_each_sent_once(site, smtp_server):  # noqa: F811
    account(site, "thirty@example.jp", 30)
    account(site, "seven@example.jp", 7)
    account(site, "twenty@example.jp", 20)  # inside the 30-day window: the run that missed day 30 catches up
    account(site, "thirtyone@example.jp", 31)
    account(site, "expired@example.jp", 0)
    account(site, "long-expired@example.jp", -40)
    account(site, "no-password@example.jp", password=False)
    assert "3 reminder(s) queued for 2027-03-01" in send(site)
    assert "0 reminder(s) queued" in send(site)  # the same day again: nothing new
    received = inbox(smtp_server)
    assert sorted(to for to, _ in received) == ["seven@example.jp", "thirty@example.jp", "twenty@example.jp"]
    subjects = dict(received)
    assert "2027-03-31" in subjects["thirty@example.jp"] and "2027-03-08" in subjects["seven@example.jp"]


def test_the_7_day_reminder_follows_the_30_day_one(site, smtp_server):  # noqa: F811
    account(site, "hanako@example.jp", 30)
    send(site)
    for day in range(1, 30):  # a daily timer, every day until the password expires
        send(site, TODAY + datetime.timedelta(days=day))
    assert [to for to, _ in inbox(smtp_server)] == ["hanako@example.jp"] * 2
    db = store.connect(site.config["DATABASE"])
    assert [row[0] for row in db.execute("SELECT days_before FROM password_reminder ORDER BY sent_at")] == [30, 7]


def test_a_new_password_starts_its_own_reminders(site, smtp_server):  # noqa: F811
    member = account(site, "renewed@example.jp", 7)
    send(site)
    db = store.connect(site.config["DATABASE"])
    with store.transaction(db):
        records.update_account(db, member["id"], password_set_at=set_on_for(30).isoformat())
    send(site)
    assert [to for to, _ in inbox(smtp_server)] == ["renewed@example.jp"] * 2


def test_mail_in_the_account_language_with_the_login_link(site, smtp_server):  # noqa: F811
    account(site, "li.hua@example.jp", 7, language="zh")
    send(site)
    (message,) = smtp_server.handler.received()
    text = message.get_body(("plain",)).get_content()
    assert message["Content-Language"] == "zh-Hans"
    assert "https://ras.example.jp/login" in text and "2027-03-08" in text


def test_reminder_and_mail_are_one_transaction(site, monkeypatch):
    """A failure while queueing the mail leaves no reminder recorded, so the next run sends it."""
    account(site, "atomic@example.jp", 7)
    import accounts.reminders as reminders

    def broken(*args, **kwargs):
        raise RuntimeError("outbox unavailable")
    monkeypatch.setattr(reminders, "queue", broken)
    result = site.test_cli_runner().invoke(args=["send-reminders", "--today", TODAY.isoformat()])
    assert result.exit_code != 0
    db = store.connect(site.config["DATABASE"])
    assert db.execute("SELECT COUNT(*) FROM password_reminder").fetchone()[0] == 0
    monkeypatch.undo()
    assert "1 reminder(s) queued" in run(site, "send-reminders", "--today", TODAY.isoformat())
    assert db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 1


def test_two_runs_at_once_send_one_mail(site):
    """Both runs read the same due reminder; the record's key lets only one queue it."""
    member = account(site, "race@example.jp", 7)
    from accounts.reminders import send_due
    first, second = (store.connect(site.config["DATABASE"]) for _ in range(2))
    with site.app_context():
        import accounts.reminders as reminders
        due = reminders.due_today(first, TODAY)
        assert [r.account_id for r in due] == [member["id"]]
        assert send_due(second, TODAY, "https://ras.example.jp/login") == 1
        # The first run, holding its stale list, now tries the same reminder.
        original = reminders.due_today
        reminders.due_today = lambda db, today: due
        try:
            assert send_due(first, TODAY, "https://ras.example.jp/login") == 0
        finally:
            reminders.due_today = original
    assert first.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 1
