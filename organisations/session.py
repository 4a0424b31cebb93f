"""Which staff member is signed in: server-side staff sessions (staff_session), read before every request into
g.staff and g.organisation; `staff_required` and `may_file` guard the organisation's pages.

A staff session lives in the site's cookie under its own key, apart from an applicant's login: signing in as
staff ends any applicant session in that browser and the other way round."""
import datetime
import functools
import time

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l

from i18n import say
from organisations import records
from rules import organisations as rules
from rules.clock import today_in_japan
from store import transaction
from store.flask_db import get_db

STAFF_SID = "staff_sid"
TOUCH_EVERY = 30  # seconds between writes of last_seen
SESSION_ENDED = _l("Your session ended after a period without activity, or was ended by your organisation's "
                   "administrator. Sign in again to continue.")


def idle_seconds():
    return int(current_app.config["SESSION_IDLE_SECONDS"])


def current_staff():
    """The signed-in staff member (a row), reading the session once per request; None if there is none. Sets
    g.staff, g.organisation and g.standing (rules.organisations.Standing for today in Japan)."""
    if "staff" in g:
        return g.staff
    g.staff = g.organisation = g.standing = None
    secret = session.get(STAFF_SID)
    if not secret:
        return None
    db = get_db()
    found = records.live_session(db, secret, idle_seconds())
    if found is None:
        session.pop(STAFF_SID, None)
        g.staff_session_ended = True
        return None
    g.staff, g.organisation, last_seen = found
    valid_until = g.organisation["valid_until"]
    g.standing = rules.standing(g.organisation["state"], _day(valid_until), today_in_japan())
    if time.time() - last_seen > min(TOUCH_EVERY, idle_seconds() / 10):
        with transaction(db):
            records.touch_session(db, secret)
    return g.staff


def _day(iso):
    return datetime.date.fromisoformat(iso) if iso else None


def sign_in(staff):
    """A fresh session for `staff` (the cookie starts anew, keeping only the language)."""
    language = session.get("lang")
    session.clear()
    with transaction(get_db()) as db:
        session[STAFF_SID] = records.start_session(db, staff["id"])
    if language:
        session["lang"] = language
    g.pop("staff", None)


def sign_out():
    db = get_db()
    with transaction(db):
        records.end_session(db, session.get(STAFF_SID))
    session.clear()
    g.staff = g.organisation = g.standing = None


def staff_required(view):
    """The page needs a signed-in staff member of an organisation that may at least read (approved or lapsed)."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        if current_staff() is None:
            if g.get("staff_session_ended"):
                flash(SESSION_ENDED, "warning")
            return redirect(url_for("organisations.signin", next=request.full_path.rstrip("?")))
        if not g.standing.may_read:  # not approved (yet): the session ends, or sign-in would send it back here
            refusal = say(g.standing.refusal)
            sign_out()
            flash(refusal, "warning")
            return redirect(url_for("organisations.signin"))
        return view(*args, **kwargs)
    return guarded


def admin_required(view):
    """The page needs the organisation's administrator."""
    @functools.wraps(view)
    @staff_required
    def guarded(*args, **kwargs):
        if not g.staff["is_admin"]:
            flash(_l("Only your organisation's administrator can do this. Ask them."), "warning")
            return redirect(url_for("organisations.home"), code=303)
        return view(*args, **kwargs)
    return guarded


def may_file(view):
    """The page files something: a lapsed organisation is refused, with what to do, and sent to its home."""
    @functools.wraps(view)
    @staff_required
    def guarded(*args, **kwargs):
        if not g.standing.may_file:
            flash(say(g.standing.refusal), "warning")
            return redirect(url_for("organisations.home"), code=303)
        return view(*args, **kwargs)
    return guarded
