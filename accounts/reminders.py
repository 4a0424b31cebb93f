"""`flask --app app send-reminders [--today YYYY-MM-DD]`: password-expiry reminder emails, 30 and 7 days before.

Run it once a day from a timer (a systemd timer or cron line such as
`15 9 * * * cd /srv/oras && .venv/bin/flask --app app send-reminders`). It is idempotent: each reminder
is recorded in `password_reminder` in the same transaction that puts its email in the outbox, so a
second run the same day, a run on two servers at once or a run after a crash sends nothing twice.
A day the timer missed is caught up by the next run while the reminder's window lasts (30: 30 to 8
days left; 7: 7 to 1 days left). Only accounts whose password was set within the few days that can
be due are read (the account_password_set index), so a run costs the same at any number of accounts.
The mail worker (`flask --app app mail-worker`) sends what this queues.
"""
import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from accounts import password_expiry, records
from mail.links import site_url
from mail.messages import queue
from rules.clock import today_in_japan
from store import transaction
from store.db import connect
from store.flask_db import database_path


def due_today(db, today):
    """The Reminders due `today` (accounts.password_expiry decides; this only reads the candidates)."""
    first, last = password_expiry.candidate_set_dates(today)
    accounts, already_sent = {}, set()
    for account_id, set_at, days_before in records.reminder_candidates(db, first.isoformat(), last.isoformat()):
        set_on = datetime.date.fromisoformat(set_at)
        accounts[account_id] = set_on
        if days_before is not None:
            already_sent.add((account_id, set_on, days_before))
    return password_expiry.due_reminders(accounts.items(), already_sent, today)


def send_due(db, today, login_link):
    """Queue each due reminder with its record, one transaction per account; returns how many were queued."""
    queued = 0
    for reminder in due_today(db, today):
        with transaction(db):
            account = records.account_by_id(db, reminder.account_id)
            # The password may have changed since the read: the reminder belongs to the one set on set_on.
            if account["password_set_at"] != reminder.set_on.isoformat():
                continue
            if not records.record_reminder(db, account["id"], account["password_set_at"], reminder.days_before):
                continue  # another run got there first
            queue(db, "password_expiry", account["email"], account["language"], expires_on=reminder.expires_on,
                  days_left=(reminder.expires_on - today).days, link=login_link)
            queued += 1
    return queued


@click.command("send-reminders")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Judge as on this date (Japan time) instead of today.")
@with_appcontext
def send_reminders(today):
    """Queue the password-expiry reminder emails due today; safe to run any number of times."""
    app = current_app._get_current_object()
    day = today.date() if today else today_in_japan()
    login_link = site_url("auth.login")
    db = connect(database_path(app))
    try:
        click.echo(f"send-reminders: {send_due(db, day, login_link)} reminder(s) queued for {day.isoformat()}")
    finally:
        db.conn.close()


def init_app(app):
    app.cli.add_command(send_reminders)
