"""`flask --app app organisation-reminders [--today YYYY-MM-DD]`: the organisations' daily job. Approvals whose
last valid day has passed become lapsed (staff read but do not file), and the reminders 30 and 7 days before the
end go to each organisation's administrators. Run it once a day beside `send-reminders` (the oras-reminders
timer runs both); idempotent like it: each reminder is recorded in the transaction that queues its mail."""
import click
from flask import current_app
from flask.cli import with_appcontext

from organisations import steps
from rules.clock import today_in_japan
from store.db import connect
from store.flask_db import database_path


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


def init_app(app):
    app.cli.add_command(organisation_reminders)
