"""`flask --app app mail-worker [--once]` and `flask --app app mail-retry ID`."""

import click
from flask import current_app
from flask.cli import with_appcontext

from mail import outbox
from mail.retry import RetryPolicy
from mail.smtp import SmtpSender
from mail.worker import MailWorker
from store.db import connect
from store.flask_db import database_path
from worker_process import log_with_time, stop_when_asked


def build_worker(app, db):
    config = app.config
    return MailWorker(db, SmtpSender.from_config(config), mail_from=config["MAIL_SENDER"],
                      policy=RetryPolicy.from_config(config), batch_size=int(config["MAIL_BATCH_SIZE"]),
                      lease_seconds=float(config["MAIL_LEASE_SECONDS"]))


@click.command("mail-worker")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
@with_appcontext
def mail_worker(once):
    """Send the outbox over SMTP, retrying failures with backoff."""
    log_with_time()
    app = current_app._get_current_object()
    db = connect(database_path(app))
    try:
        worker = build_worker(app, db)
        if once:
            click.echo(f"mail-worker: handled {worker.drain()} message(s)")
            return
        # SIGTERM lets the current message finish and be marked before the worker exits.
        stop = stop_when_asked()
        worker.run_forever(float(app.config["MAIL_POLL_SECONDS"]), stop)
    finally:
        db.conn.close()


@click.command("mail-retry")
@click.argument("message_id", type=int)
@with_appcontext
def mail_retry(message_id):
    """Queue a message that failed for good once more (after its cause was fixed)."""
    db = connect(database_path(current_app))
    try:
        if not outbox.requeue(db, message_id):
            raise click.ClickException(f"no failed message with id {message_id}")
        click.echo(f"mail {message_id} queued again")
    finally:
        db.conn.close()
