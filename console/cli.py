"""The operator's commands: `flask --app app officer add|list|disable` and `flask --app app audit verify|export`."""
import datetime
import json
import os
import sqlite3
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from console import audit, checkpoints, officers
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


# --- signed checkpoints (console/checkpoints.py; docs/audit-log.md) ------------------------------------

def checkpoint_settings(app):
    """(signing key path or None, checkpoint directory, rows between checkpoints). Demo and test make their key
    beside the database (the instance folder) when none is named; production names both."""
    config = app.config
    beside = os.path.join(os.path.dirname(os.path.abspath(database_path(app))), "audit")
    key_path = config.get("AUDIT_SIGNING_KEY") or (os.path.join(beside, "signing-key.pem")
                                                   if config.get("AUDIT_GENERATE_KEY") else None)
    directory = config.get("AUDIT_CHECKPOINT_DIR") or (os.path.join(beside, "checkpoints")
                                                       if config.get("AUDIT_GENERATE_KEY") else None)
    if key_path and config.get("AUDIT_GENERATE_KEY") and not os.path.exists(key_path):
        try:
            checkpoints.generate_key(key_path)
        except FileExistsError:  # another worker made it first
            pass
    return key_path, directory, max(1, int(config.get("AUDIT_CHECKPOINT_EVERY") or 1))


def log_head(db):
    """(size, head hash) of the committed log: its last row's id and hash (GENESIS when empty)."""
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (last[0], last[1]) if last else (0, audit.GENESIS)


def write_checkpoint(app, db, head=None):
    """Sign and write a checkpoint of the log as committed now (or at `head`, a (size, hash) read earlier);
    returns (path, checkpoint)."""
    key_path, directory, _ = checkpoint_settings(app)
    if not key_path or not directory:
        raise checkpoints.CheckpointError("set ORAS_AUDIT_SIGNING_KEY and ORAS_AUDIT_CHECKPOINT_DIR "
                                          "(docs/audit-log.md)")
    size, head = head or log_head(db)
    return checkpoints.write(directory, checkpoints.make(checkpoints.load_private_key(key_path), size, head))


def checkpoint_if_due(app, db):
    """After a request's transactions committed: a new checkpoint once the log grew by the interval."""
    key_path, directory, every = checkpoint_settings(app)
    if not key_path or not directory:
        return None
    size, _ = log_head(db)
    known = app.extensions.get("audit_checkpoint_size")
    if known is None or size - known >= every:  # read the directory only when the cached size says it is due
        known = app.extensions["audit_checkpoint_size"] = checkpoints.latest_size(directory)
    if size - known < every:
        return None
    path, written = write_checkpoint(app, db)
    app.extensions["audit_checkpoint_size"] = written["size"]
    return path, written


def add_officer(db, email, name, office_code, role, *, by=None, address=None):
    """Create the officer and queue their enrolment email, with its audit row: one transaction."""
    policy.check_role(role)
    policy.check_office(office_code)
    with transaction(db):
        if officers.by_email(db, email):
            raise RuleError("exists", N_("An officer with this email address already exists."))
        officer = officers.create(db, email, name, office_code, role)
        audit.append(db, "officer_added", officer=by, office=office_code, address=address,
                     detail={"email": officer["email"], "role": role, "office": office_code})
        secret, code = _send_enrolment(db, officer, by=by, address=address)
    return officer, secret, code


def _send_enrolment(db, officer, *, by=None, address=None):
    """A new one-time enrolment link (earlier ones die) and its email, and the one-time code the administrator
    hands over apart from it (shown once, audited as issued); the caller's transaction. Returns (secret, code)."""
    secret, code = officers.issue_enrolment(db, officer["id"])
    queue(db, "officer_enrolment", officer["email"], OFFICER_LANGUAGE, name=officer["name"],
          office=office(officer["office"]).name, role=policy.ROLE_LABELS[officer["role"]],
          link=console_url(f"/console/enrol/{secret}"),
          expires_at=datetime.datetime.now().timestamp() + officers.ENROLMENT_SECONDS)
    audit.append(db, "officer_enrolment_code_issued", officer=by, office=officer["office"], address=address,
                 detail={"email": officer["email"]})
    return secret, code


AUDITED_AS = {"enable": "officer_enabled", "change_role": "officer_role_changed",
              "resend_enrolment": "officer_enrolment_resent", "reset_key": "officer_key_reset"}


def change_officer(db, officer, action, *, by, role=None, address=None):
    """A bureau administrator's change to an officer of their bureau (rules.console_policy.staff_actions):
    re-enable, change role, resend the enrolment link or reset the security key; checked, done and audited in
    one transaction. Returns the new enrolment (secret, code) where one was sent."""
    policy.check_staff_action(by["id"] if by else None, officer, action)
    if action == "disable":
        return disable_officer(db, officer, by=by, address=address)
    if action == "change_role":
        policy.check_role(role)
    sent = None
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
        elif action == "reset_key":
            officers.forget_key(db, current["id"])
        if action in ("resend_enrolment", "reset_key"):
            sent = _send_enrolment(db, current, by=by, address=address)
        audit.append(db, AUDITED_AS[action], officer=by, office=current["office"], address=address, detail=detail)
    return sent


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
        officer, _, code = add_officer(db, email, name, office_code, role)
    except RuleError as refusal:
        raise click.ClickException(str(refusal)) from None
    except ValueError as error:  # the outbox refuses a malformed address
        raise click.ClickException(str(error)) from None
    finally:
        db.conn.close()
    click.echo(f"officer {officer['email']} ({role}, {office_code}) added; enrolment email queued")
    click.echo(f"one-time enrolment code (hand it over apart from the email; shown only now): {code}")


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
                officer, secret, code = add_officer(db, email, name, "tokyo", role)
            else:
                with transaction(db):
                    secret, code = officers.issue_enrolment(db, officer["id"])
            click.echo(f"  {role:<10} {email}  enrol (password + key): {console_url(f'/console/enrol/{secret}')}"
                       f"  code: {code}")
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
@click.option("--export", "export_file", type=click.File("r", encoding="utf-8"), default=None,
              help="Check a whole export (JSON lines of `audit export`) instead of the database.")
@click.option("--checkpoints", "directory", default=None, help="Checkpoint directory (default: the setting).")
@click.option("--public-key", "public_key_path", default=None,
              help="The audit key's public half, PEM (default: read from ORAS_AUDIT_SIGNING_KEY).")
def verify(export_file, directory, public_key_path):
    """Recompute the hash chain, then check it against the signed checkpoints and these against each other;
    exit 1 naming the first broken row or each problem."""
    key_path, default_directory, every = checkpoint_settings(current_app)
    try:
        found = checkpoints.read_all(directory or default_directory)
        public_key = checkpoints.load_public_key(public_key_path or key_path) if (public_key_path or key_path) \
            else None
    except checkpoints.CheckpointError as error:
        click.echo(f"audit log NOT VERIFIED: {error}", err=True)
        sys.exit(1)
    if export_file is not None:
        count, broken, heads = audit.verify_rows(_export_rows(export_file), checkpoints.heads_wanted(found))
    else:
        db = _open()
        try:
            count, broken, heads = audit.verify_rows(audit.rows(db), checkpoints.heads_wanted(found))
        finally:
            db.conn.close()
    if broken:
        click.echo(f"audit log BROKEN at row {broken[0]}: {broken[1]} ({count} row(s) read)", err=True)
        sys.exit(1)
    if public_key is None:
        click.echo("audit log NOT VERIFIED: no audit key to check the checkpoints with (set ORAS_AUDIT_SIGNING_KEY "
                   "or give --public-key)", err=True)
        sys.exit(1)
    wrong = checkpoints.problems(count, heads, found, public_key, every, export=export_file is not None)
    if wrong:
        for problem in wrong:
            click.echo(f"audit log BROKEN: {problem}", err=True)
        sys.exit(1)
    latest = max(c["size"] for c in found if c["size"] <= count)
    click.echo(f"audit log intact: {count} row(s), chain verified, {len(found)} signed checkpoint(s) hold "
               f"(latest signs {latest} row(s))")


def _export_rows(lines):
    """The rows of an export read back; a line that is not JSON stands as a row that cannot be read."""
    for number, line in enumerate(lines, start=1):
        try:
            row = json.loads(line)
        except ValueError:
            row = {"id": f"line {number}", "previous_hash": None}
        yield row if isinstance(row, dict) else {"id": f"line {number}", "previous_hash": None}


@audit_cli.command("checkpoint")
def checkpoint():
    """Sign a checkpoint of the log as it is now (size, head hash, time) and print it as JSON."""
    db = _open()
    try:
        path, written = write_checkpoint(current_app, db)
    except checkpoints.CheckpointError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.conn.close()
    click.echo(json.dumps({k: v for k, v in written.items() if k != "file"}, sort_keys=True))
    click.echo(f"written to {path}", err=True)


@audit_cli.command("public-key")
def public_key():
    """Print the audit key's public half (PEM), for whoever checks the checkpoints elsewhere."""
    key_path, _, _ = checkpoint_settings(current_app)
    if not key_path:
        raise click.ClickException("set ORAS_AUDIT_SIGNING_KEY (docs/audit-log.md)")
    try:
        click.echo(checkpoints.public_pem(checkpoints.load_public_key(key_path)), nl=False)
    except checkpoints.CheckpointError as error:
        raise click.ClickException(str(error)) from None


@audit_cli.command("export")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="First day (UTC), YYYY-MM-DD.")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-")
def export(since, output):
    """Write the log as JSON lines (and audit the export itself)."""
    db = _open()
    try:
        start = since.replace(tzinfo=datetime.timezone.utc).timestamp() if since else None
        signing = bool(checkpoint_settings(current_app)[0])
        head = log_head(db)  # rows up to it never change (append-only): the export ends at its checkpoint
        if signing:
            write_checkpoint(current_app, db, head)
        count = 0
        for row in audit.rows(db, since=start, up_to=head[0]):
            output.write(audit.export_line(row) + "\n")
            count += 1
        with transaction(db):
            audit.append(db, "audit_exported", detail={"since": since.date().isoformat() if since else None,
                                                       "rows": count, "by": "operator"})
        if signing:
            write_checkpoint(current_app, db)  # and the export's own row is signed too
    except checkpoints.CheckpointError as error:
        raise click.ClickException(str(error)) from None
    except sqlite3.DatabaseError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.conn.close()


def init_app(app):
    app.cli.add_command(officer_cli)
    app.cli.add_command(audit_cli)
