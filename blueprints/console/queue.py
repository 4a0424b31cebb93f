"""The bureau's queue: counts by state, filters, search, keyset pagination; claim, release and reassign."""
import datetime
import json
import math

from flask import abort, g, render_template, request
from flask_babel import gettext

from blueprints.console import bp, officer_required
from console import desk
from rules import application_states as states
from rules import console_policy as policy
from rules.clock import JAPAN, japan_time, today_in_japan
from rules.numbers import whole_number, whole_number_or_none
from rules.procedures import PROCEDURES
from rules.statuses import BY_CODE as STATUS_BY_CODE
from accounts import nationalities
from i18n import current_language, state_name
from store.flask_db import get_db
from templating import as_list


def _day(name):
    try:
        day = datetime.date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None
    return datetime.datetime.combine(day, datetime.time(), JAPAN).timestamp()


def _after():
    """The keyset cursor `submitted_at:id` of the previous page's last row; a malformed one is a 400."""
    raw = request.args.get("after", "")
    if not raw:
        return None
    at, _, row_id = raw.partition(":")
    try:
        submitted_at, number = float(at[:40]), whole_number(row_id)
    except ValueError:  # NumberRefused is one
        abort(400)
    if not math.isfinite(submitted_at):
        abort(400)
    return submitted_at, number


def _procedure():
    """The procedure filter: one of the procedures' numbers, else no filter."""
    number = whole_number_or_none(request.args.get("procedure", ""), maximum=max(p.number for p in PROCEDURES))
    return number if number in {p.number for p in PROCEDURES} else None


# The queue's filters: the only request arguments its links carry on to the next page.
FILTERS = ("state", "procedure", "assigned", "arrived", "q", "from", "to", "status", "nationality")


EXPIRING_DAYS = 30


def _text_answers(data):
    """The stored form's text answers (the queue reads the expiry date and the passport name)."""
    try:
        found = json.loads(data or "{}")
    except ValueError:
        return {}
    return {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}


@bp.get("/queue")
@officer_required
def queue():
    officer = g.officer
    if not policy.may(officer["role"], "view_queue"):
        abort(404)
    db = get_db()
    offices = policy.offices_seen_by(officer["office"])
    args = request.args
    state = args.get("state") if args.get("state") in states.STATE_BY_CODE else None
    procedure = _procedure()
    rows = desk.queue(db, offices, state=state, procedure=procedure, officer_id=officer["id"],
                      mine=args.get("assigned") == "me", unassigned=args.get("assigned") == "none",
                      arrived=bool(args.get("arrived")), search=args.get("q", "").strip()[:100] or None,
                      received_from=_day("from"), received_to=_day("to"), after=_after(),
                      status_code=args.get("status") if args.get("status") in STATUS_BY_CODE else None,
                      nationality=args.get("nationality", "").strip().upper()[:3] or None)
    more = len(rows) > desk.QUEUE_PAGE
    rows = rows[:desk.QUEUE_PAGE]
    soon = (today_in_japan() + datetime.timedelta(days=EXPIRING_DAYS)).isoformat()
    # Each label translated once per page, not once per row (gettext dominates the page's time otherwise).
    state_names = {s.code: state_name(s.code) for s in states.STATES}
    procedure_names = {p.number: gettext(p.name) for p in PROCEDURES}
    for row in rows:  # the applicant's period of stay as answered: those ending soonest need a decision first
        row["procedures_text"] = as_list(procedure_names[int(n)] for n in row["procedures"].split(",") if n)
        row["state_name"] = state_names[row["state"]]
        answers = _text_answers(row["data"])
        row["expires"] = answers.get("expiry_date")
        row["passport_name"] = answers.get("name")  # a search may have matched it, not the card's name
        row["overdue"] = bool(row["request_deadline"]) and row["request_deadline"] < today_in_japan().isoformat()
        row["expiring"] = bool(row["expires"]) and row["expires"] <= soon
    next_after = f"{rows[-1]['submitted_at']!r}:{rows[-1]['id']}" if more else None
    return render_template(
        "console/queue.html", rows=rows, counts=desk.counts_by_state(db, offices), states=states.STATES[1:],
        state_names=state_names,
        procedures=PROCEDURES, filters=args, statuses=[s for s in STATUS_BY_CODE.values() if s.online],
        nationalities=nationalities.choices(current_language()), next_after=next_after, japan_time=japan_time,
        next_args={k: args[k][:100] for k in FILTERS if args.get(k)})
