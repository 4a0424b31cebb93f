"""The operator's commands: `flask --app app officer add|list|disable` and `flask --app app audit verify|export`."""
import datetime
import sqlite3
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from console import audit, officers
from mail.links import console_url
from mail.messages import queue
from rules import console_policy as policy
from rules.bureaus import office
from rules.errors import RuleError
from rules.i18n_marker import N_
from store import transaction
from store.db import connect
from store.flask_db import database_path

officer_cli = AppGroup("officer", help="Bureau officers: add, list, disable.")
audit_cli = AppGroup("audit", help="The console's audit log: verify the hash chain, export JSON lines.")
OFFICER_LANGUAGE = "ja"  # officers' emails are in Japanese, like the console


def _open():
    return connect(database_path(current_app))


def add_officer(db, email, name, office_code, role, *, by=None, address=None):
    """Create the officer and queue their enrolment email, with its audit row: one transaction."""
    policy.check_role(role)
    policy.check_office(office_code)
    with transaction(db):
        if officers.by_email(db, email):
            raise RuleError("exists", N_("An officer with this email address already exists."))
        officer = officers.create(db, email, name, office_code, role)
        secret = _send_enrolment(db, officer)
        audit.append(db, "officer_added", officer=by, office=office_code, address=address,
                     detail={"email": officer["email"], "role": role, "office": office_code})
    return officer, secret


def _send_enrolment(db, officer):
    """A new one-time enrolment link (earlier ones die) and its email; the caller's transaction."""
    secret = officers.issue_enrolment(db, officer["id"])
    queue(db, "officer_enrolment", officer["email"], OFFICER_LANGUAGE, name=officer["name"],
          office=office(officer["office"]).name, role=policy.ROLE_LABELS[officer["role"]],
          link=console_url(f"/console/enrol/{secret}"),
          expires_at=datetime.datetime.now().timestamp() + officers.ENROLMENT_SECONDS)
    return secret


AUDITED_AS = {"enable": "officer_enabled", "change_role": "officer_role_changed",
              "resend_enrolment": "officer_enrolment_resent", "reset_key": "officer_key_reset"}


def change_officer(db, officer, action, *, by, role=None, address=None):
    """A bureau administrator's change to an officer of their bureau (rules.console_policy.staff_actions):
    re-enable, change role, resend the enrolment link or reset the security key; checked, done and audited in
    one transaction. Returns the new enrolment secret where one was sent."""
    policy.check_staff_action(by["id"] if by else None, officer, action)
    if action == "disable":
        return disable_officer(db, officer, by=by, address=address)
    if action == "change_role":
        policy.check_role(role)
    secret = None
    with transaction(db):
        current = officers.by_id(db, officer["id"])
        policy.check_staff_action(by["id"] if by else None, current, action)  # again, under the write lock
        _keep_an_administrator(db, action, current, role)
        detail = {"email": current["email"]}
        if action == "enable":
            officers.enable(db, current["id"])
        elif action == "change_role":
            officers.set_role(db, current["id"], role)
            detail.update(role_before=current["role"], role=role)
        elif action == "resend_enrolment":
            secret = _send_enrolment(db, current)
        elif action == "reset_key":
            officers.forget_key(db, current["id"])
            secret = _send_enrolment(db, current)
        audit.append(db, AUDITED_AS[action], officer=by, office=current["office"], address=address, detail=detail)
    return secret


def _keep_an_administrator(db, action, target, role=None):
    """Inside the change's write transaction: two administrators removing each other at once leave one."""
    policy.check_administrators_left(action, target, officers.enabled_admins(db, policy.bureau_offices(target["office"])),
                                     role)


def disable_officer(db, officer, *, by=None, address=None):
    with transaction(db):
        _keep_an_administrator(db, "disable", officers.by_id(db, officer["id"]))
        officers.disable(db, officer["id"])
        audit.append(db, "officer_disabled", officer=by, office=officer["office"], address=address,
                     detail={"email": officer["email"]})


@officer_cli.command("add")
@click.argument("email")
@click.option("--name", required=True, help="The officer's name as colleagues know it.")
@click.option("--bureau", "office_code", required=True, help="Office code of rules/bureaus.py (tokyo, osaka, …).")
@click.option("--role", required=True, type=click.Choice(policy.ROLES))
def add(email, name, office_code, role):
    """Create an officer; they get an enrolment email with a one-time link (password + security key)."""
    db = _open()
    try:
        officer, _ = add_officer(db, email, name, office_code, role)
    except RuleError as refusal:
        raise click.ClickException(str(refusal)) from None
    except ValueError as error:  # the outbox refuses a malformed address
        raise click.ClickException(str(error)) from None
    finally:
        db.conn.close()
    click.echo(f"officer {officer['email']} ({role}, {office_code}) added; enrolment email queued")


DEMO_OFFICERS = (("examiner@tokyo.demo.example", "審査 花子（デモ）", "examiner"),
                 ("supervisor@tokyo.demo.example", "決裁 太郎（デモ）", "supervisor"))


@officer_cli.command("demo")
def demo():
    """Demo mode only: a Tokyo examiner and supervisor, and a fresh enrolment link for each, printed."""
    if not current_app.config["CONSOLE_DEMO_OFFICERS"]:
        raise click.ClickException("demo officers exist only in demo mode (ORAS_MODE=demo)")
    db = _open()
    try:
        for email, name, role in DEMO_OFFICERS:
            officer = officers.by_email(db, email)
            if officer is None:
                officer, secret = add_officer(db, email, name, "tokyo", role)
            else:
                with transaction(db):
                    secret = officers.issue_enrolment(db, officer["id"])
            click.echo(f"  {role:<10} {email}  enrol (password + key): {console_url(f'/console/enrol/{secret}')}")
    finally:
        db.conn.close()
    click.echo("  Officers sign in at " + console_url("/console/") + " with the password they chose and a security "
               "key. Without a key: Chromium DevTools → ⋮ → More tools → WebAuthn → \"Enable virtual authenticator "
               "environment\" → Add (ctap2, supports user verification), before enrolling and signing in.")


@officer_cli.command("list")
@click.option("--bureau", "office_code", default=None)
def list_officers(office_code):
    """Every officer with office, role and whether they are enrolled, locked or disabled."""
    db = _open()
    try:
        for row in officers.listing(db, office_code):
            enrolled = "enrolled" if officers.credentials(db, row["id"]) and row["password_hash"] else "not enrolled"
            state = "disabled" if row["disabled_at"] else enrolled
            click.echo(f"{row['email']}\t{row['name']}\t{row['office']}\t{row['role']}\t{state}")
    finally:
        db.conn.close()


@officer_cli.command("disable")
@click.argument("email")
def disable(email):
    """Disable an officer: their console sessions end at once."""
    db = _open()
    try:
        officer = officers.by_email(db, email)
        if officer is None:
            raise click.ClickException(f"no officer has the email address {email}")
        disable_officer(db, officer)
    except RuleError as refusal:
        raise click.ClickException(str(refusal)) from None
    finally:
        db.conn.close()
    click.echo(f"officer {officer['email']} disabled; their sessions are ended")


@audit_cli.command("verify")
def verify():
    """Recompute the hash chain; exit 1 naming the first row that breaks it."""
    db = _open()
    try:
        count, broken = audit.verify(db)
    finally:
        db.conn.close()
    if broken:
        click.echo(f"audit log BROKEN at row {broken[0]}: {broken[1]} ({count} row(s) read)", err=True)
        sys.exit(1)
    click.echo(f"audit log intact: {count} row(s), chain verified")


@audit_cli.command("export")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="First day (UTC), YYYY-MM-DD.")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-")
def export(since, output):
    """Write the log as JSON lines (and audit the export itself)."""
    db = _open()
    try:
        start = since.replace(tzinfo=datetime.timezone.utc).timestamp() if since else None
        count = 0
        for row in audit.rows(db, since=start):
            output.write(audit.export_line(row) + "\n")
            count += 1
        with transaction(db):
            audit.append(db, "audit_exported", detail={"since": since.date().isoformat() if since else None,
                                                       "rows": count, "by": "operator"})
    except sqlite3.DatabaseError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.conn.close()


def init_app(app):
    app.cli.add_command(officer_cli)
    app.cli.add_command(audit_cli)
