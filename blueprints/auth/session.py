"""Who is logged in: server-side sessions with an inactivity timeout, rotated at login."""
import functools
import logging
import sqlite3
import time

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l

from accounts import records
from store import transaction
from store.flask_db import get_db, note_fault
from store.unavailable import unavailable_state

log = logging.getLogger("oras.session")

TOUCH_EVERY = 30  # seconds: last_seen need not be written on every request
# A status-only session (a lapsed card, a pending change or extension): the cookie names the application it reads.
STATUS_ONLY = "status_only"
# What a status-only session may open: the status pages, the printable copy, logging out, and the pages anyone may.
STATUS_ONLY_BLUEPRINTS = {"status", "guidance", "language", "gate", "helper_download", "static"}
STATUS_ONLY_ENDPOINTS = {"submission.copy", "auth.logout", "auth.session_extend", "static"}
STATUS_ONLY_LIMIT = _l("With an expired card certificate you can only read the status of your application. Renew "
                       "your My Number Card's certificates at your municipality office to use the other services.")
SESSION_ENDED = _l("Your session ended after a period without activity. Log in again to continue; "
                   "what you had saved is kept.")


def idle_seconds():
    return int(current_app.config["SESSION_IDLE_SECONDS"])


def load_account():
    """Before every request: the account of a live session in g.account, or None."""
    g.account = None
    secret = session.get("sid")
    if not secret:
        return
    db = get_db()
    found = records.session_account(db, secret, idle_seconds())
    if found is None:
        session.pop("sid", None)
        g.session_ended = True
        return
    g.account, last_seen = found
    # A short idle limit (tests, kiosks) is not outlived by the write-saving interval.
    if time.time() - last_seen > min(TOUCH_EVERY, idle_seconds() / 10):
        try:
            records.touch_session(db, secret)
        except sqlite3.OperationalError as error:  # bookkeeping: a page that only reads still opens
            if unavailable_state(error) is None:
                raise
            note_fault()
            log.warning("last_seen not written: %s", error)


def keep_status_only():
    """Before every request: a status-only session goes no further than what it may read."""
    public_id = session.get(STATUS_ONLY)
    if not public_id or g.get("account") is None or request.blueprint in STATUS_ONLY_BLUEPRINTS \
            or request.endpoint in STATUS_ONLY_ENDPOINTS:
        return None
    flash(STATUS_ONLY_LIMIT, "warning")
    return redirect(url_for("status.show", public_id=public_id), code=303)


def log_in(account):
    """A fresh session for `account`: the cookie's contents (and the browser id nonces bind to) start anew."""
    language = session.get("lang")
    session.clear()
    with transaction(get_db()) as db:
        session["sid"] = records.start_session(db, account["id"])
    if language:
        session["lang"] = language
    g.account = account


def log_out(everywhere=False):
    db = get_db()
    if everywhere and g.get("account"):
        records.end_all_sessions(db, g.account["id"])
    else:
        records.end_session(db, session.get("sid"))
    session.clear()
    g.account = None


def extend():
    records.touch_session(get_db(), session["sid"])


def login_required(view):
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        if g.get("account") is None:
            if g.get("session_ended"):
                flash(SESSION_ENDED, "warning")
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return guarded
