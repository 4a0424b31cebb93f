"""Outgoing mail: an outbox filled in the caller's transaction, sent over SMTP by `flask mail-worker`."""
from mail.outbox import enqueue  # noqa: F401


def init_app(app):
    from mail.cli import mail_retry, mail_worker

    app.cli.add_command(mail_worker)
    app.cli.add_command(mail_retry)
