"""`flask --app app application show RECEIPT_NUMBER` and `… application transition RECEIPT_NUMBER STATE [--note]`:
the operator's way to move an application until the bureau console exists, through the same state machine;
`… application name-keys` and `… person-keys` write the console's name search keys and people's keys of applications
stored before they were kept; `… application staff-applicants` the applicant's columns of an organisation's."""

import click
from flask import current_app
from flask.cli import with_appcontext

from applications import lifecycle, parties, records
from applications.facts import facts_of
from rules import application_states as states
from rules.clock import japan_time
from store import transaction
from store.db import connect
from store.flask_db import database_path


def _open():
    return connect(database_path(current_app))


def _found(db, receipt_number):
    application = records.by_receipt_number(db, receipt_number)
    if application is None:
        raise click.ClickException(f"no submitted application has the receipt number {receipt_number}")
    return application


@click.command("show")
@click.argument("receipt_number")
@with_appcontext
def show(receipt_number):
    """Print an application's state, bureau, events and the states it may move to."""
    db = _open()
    try:
        application = _found(db, receipt_number)
        facts = facts_of(db, application)
        click.echo(f"receipt number: {application['receipt_number']}")
        click.echo(f"procedures:     {', '.join(str(n) for n in application['procedures'])}")
        click.echo(f"bureau:         {application['bureau']}")
        click.echo(f"state:          {application['state']}")
        click.echo(f"submitted at:   {japan_time(application['submitted_at'])}")
        click.echo(f"digest:         {application['digest']}")
        for event in records.events(db, application["id"]):
            note = f"  ({event['note']})" if event["note"] else ""
            click.echo(f"  {japan_time(event['at'])}  {event['from_state'] or '-'} → {event['to_state']}  "
                       f"by {event['actor']}{note}")
        click.echo(f"may become:     {', '.join(facts.next_states) if facts.next_states else '(final)'}")
    finally:
        db.conn.close()


@click.command("transition")
@click.argument("receipt_number")
@click.argument("state")
@click.option("--note", default=None, help="Shown to the applicant (e.g. which documents are requested).")
@with_appcontext
def transition(receipt_number, state, note):
    """Move an application to STATE as an officer; only the state machine's allowed moves succeed."""
    db = _open()
    try:
        application = _found(db, receipt_number)
        facts = facts_of(db, application)
        try:
            moved = lifecycle.change_state(db, application, state, states.OFFICER, note=note, facts=facts)
        except states.InvalidTransition as error:
            allowed = facts.next_states
            raise click.ClickException(
                f"{application['state']} → {state} is not allowed ({error.code}); from "
                f"{application['state']} an officer may choose: {', '.join(allowed) or 'nothing (final state)'}")
        except lifecycle.StateConflict:
            raise click.ClickException("the application changed meanwhile; run `application show` and try again")
        click.echo(f"{moved['receipt_number']}: {application['state']} → {moved['state']}"
                   + (" (email queued)" if states.sends_email(application["state"], state) else ""))
    finally:
        db.conn.close()


def _write_keys(batch, missing, write):
    """Write the keys of the submitted applications `missing(db, after_id, batch)` names, batch by batch (one
    transaction each), with `write(db, application_id, facts)`: how many."""
    db = _open()
    written, after = 0, 0
    try:
        while True:
            ids = missing(db, after, batch)
            if not ids:
                break
            with transaction(db):
                for application_id in ids:
                    write(db, application_id, facts_of(db, records.by_id(db, application_id)))
            written, after = written + len(ids), ids[-1]
    finally:
        db.conn.close()
    return written


@click.command("name-keys")
@click.option("--batch", default=500, show_default=True, help="Applications written per transaction.")
@with_appcontext
def name_keys(batch):
    """Write the name search keys of submitted applications stored without them (before migration 7)."""
    written = _write_keys(batch, records.without_name_keys, lambda db, application_id, facts: records.save_name_keys(
        db, application_id, lifecycle.search_keys(facts.applicant, facts.normalised) or ["-"]))  # "-": no name
    click.echo(f"name search keys written for {written} application(s)")


@click.command("person-keys")
@click.option("--batch", default=500, show_default=True, help="Applications written per transaction.")
@with_appcontext
def person_keys(batch):
    """Write the keys of the people submitted applications are about (the console's related cases), for those
    stored without them (before migration 18)."""
    written = _write_keys(batch, records.without_person_keys, lambda db, application_id, facts: (
        records.save_person_keys(db, application_id, lifecycle.people(facts.normalised))))
    click.echo(f"people's keys written for {written} application(s)")


@click.command("staff-applicants")
@click.option("--batch", default=500, show_default=True, help="Applications written per transaction.")
@with_appcontext
def staff_applicants(batch):
    """Write the applicant's columns (the key that finds a person's applications whoever filed them, the person's
    own account) of applications an organisation's staff filed before migration 23, from their answers."""
    db = _open()
    written, after = 0, 0
    try:
        while ids := records.staff_filed_without_applicant(db, after, batch):
            with transaction(db):
                for application in (records.by_id(db, application_id) for application_id in ids):
                    found = parties.of(db, None, application["procedures"], application["data"] or {})
                    if found["applicant_key"] or found["applicant_account_id"] is not None:
                        records.save_parties(db, application["id"], found)
                        written += 1
            after = ids[-1]
    finally:
        db.conn.close()
    click.echo(f"applicant's columns written for {written} application(s)")
