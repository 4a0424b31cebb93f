"""`flask --app app organisation-reminders [--today YYYY-MM-DD]`: the organisations' daily job. Approvals whose
last valid day has passed become lapsed (staff read but do not file), and the reminders 30 and 7 days before the
end go to each organisation's administrators. Run it once a day beside `send-reminders` (the oras-reminders
timer runs both); idempotent like it: each reminder is recorded in the transaction that queues its mail.

`flask --app app bulk-worker [--once]`: receives the drafts of signed bulk batches that their page is not driving
(the staff member closed it), beside the pages' own polls; the oras-bulk-worker service runs it."""
import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from applications import bulk_records
from organisations import bulk_filing, steps
from rules.clock import today_in_japan
from store.db import connect
from store.flask_db import database_path
from worker_process import log_with_time, stop_when_asked


@click.command("organisation-reminders")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Judge as on this date (Japan time) instead of today.")
@with_appcontext
def organisation_reminders(today):
    """Lapse ended approvals and queue the validity reminders due today; safe to run any number of times."""
    day = today.date() if today else today_in_japan()
    db = connect(database_path(current_app._get_current_object()))
    try:
        lapsed, reminded = steps.daily(db, day)
        click.echo(f"organisation-reminders: {lapsed} lapsed, {reminded} reminder(s) queued for {day.isoformat()}")
    finally:
        db.conn.close()


def drive_all(db, lease_seconds, budget=None):
    """Every batch being submitted driven until none of its drafts waits unclaimed (or for `budget` seconds each);
    returns how many drafts were received and how many stayed drafts."""
    received = kept = 0
    for batch in bulk_records.submitting(db):
        done = bulk_filing.drive(db, batch, lease_seconds=lease_seconds, budget=budget)
        received, kept = received + done.received, kept + done.kept
    return received, kept


@click.command("bulk-worker")
@click.option("--once", is_flag=True, help="Receive what waits now, then exit.")
@with_appcontext
def bulk_worker(once):
    """Receive the drafts of signed bulk batches, a few claimed at a time (safe beside the pages and other workers)."""
    log_with_time()
    app = current_app._get_current_object()
    lease, poll = float(app.config["BULK_LEASE_SECONDS"]), float(app.config["BULK_WORKER_POLL_SECONDS"])
    db = connect(database_path(app))
    try:
        if once:
            received, kept = drive_all(db, lease)
            click.echo(f"bulk-worker: {received} received, {kept} kept as drafts")
            return
        # SIGTERM lets the current slice finish (a few seconds): its unreceived claims are freed for the next driver.
        stop = stop_when_asked()
        log = logging.getLogger("oras.bulk")
        while not stop.is_set():
            received, kept = drive_all(db, lease, budget=poll)
            if received or kept:
                log.info("received %d, kept %d as drafts", received, kept)
            else:
                stop.wait(poll)
    finally:
        db.conn.close()


def init_app(app):
    app.cli.add_command(organisation_reminders)
    app.cli.add_command(bulk_worker)
