"""The bureau's queue: counts by state, filters, search, sortable columns, keyset pages both ways with a total and
the page's number, a supervisor's proposals awaiting approval, saved filters, bulk claim and assignment, and the
"next case" button."""
import datetime
import json
import math
import urllib.parse

from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext as _l

from blueprints.console import bp, officer_required
from blueprints.console.cases import _case as visible_case  # another bureau's case: a 404 and an audit row
from console import actions, desk, officers
from rules import application_states as states
from rules import casework, due_dates
from rules import console_policy as policy
from rules.clock import japan_day_start, japan_time, today_in_japan
from rules.errors import RuleError
from rules.numbers import whole_number, whole_number_or_none
from rules.procedures import PROCEDURES
from rules.statuses import BY_CODE as STATUS_BY_CODE
from accounts import nationalities
from i18n import current_language, say, state_name
from store import transaction
from store.flask_db import get_db
from templating import as_list

# The queue's filters and its order: the only request arguments its links (pages, sorting, saved filters, the
# bulk and "next case" forms) carry on, each rebuilt from its parsed value.
FILTERS = ("state", "procedure", "assigned", "arrived", "q", "from", "to", "status", "nationality", "view")
ORDER = ("sort", "dir")
MAX_PAGE = 10 ** 6
CURSOR_KEY_LIMIT = 200  # characters of a sort column's value in a cursor (a name, a date, a state's code)

DONE = {
    "claimed": _l("%(n)s cases are assigned to you."),
    "assigned": _l("%(n)s cases were assigned."),
    "saved": _l("The filter is saved: it is listed under \"Saved filters\"."),
    "deleted": _l("The saved filter was deleted."),
    "none_next": _l("No unassigned case matches these filters now. Change the filters, or check back later."),
}
TAKEN = _l("%(taken)s were taken by another officer first; they are not yours.")
NOT_CLAIMABLE = _l("%(refused)s cannot be assigned in their present status.")
NOTHING_SELECTED = _l("Tick the cases first (the boxes in the first column), then choose the action again.")
NO_OFFICER = _l("Choose the officer of your bureau to assign the cases to.")


def _day(text):
    try:
        day = datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None
    return japan_day_start(day)


def _cursor(raw, sort):
    """A keyset cursor (after: the previous page's last row; before: the next page's first), as
    `[value:]submitted_at:id` under `sort`; a malformed one is a 400."""
    if not raw:
        return None
    parts = raw.rsplit(":", 2) if desk.SORTS[sort] else raw.split(":")
    if len(parts) != len(desk.SORTS[sort]) + 2:
        abort(400)
    *value, at, row_id = parts
    try:
        submitted_at, number = float(at[:40]), whole_number(row_id)
    except ValueError:  # NumberRefused is one
        abort(400)
    if not math.isfinite(submitted_at) or any(len(v) > CURSOR_KEY_LIMIT for v in value):
        abort(400)
    return (*value, submitted_at, number)


def _cursor_text(sort, row):
    *value, at, row_id = desk.sort_key(sort, row)
    return ":".join([*value, repr(at), str(row_id)])


def _procedure():
    """The procedure filter: one of the procedures' numbers, else no filter."""
    number = whole_number_or_none(request.args.get("procedure", ""), maximum=max(p.number for p in PROCEDURES))
    return number if number in {p.number for p in PROCEDURES} else None


def awaits_approval(officer):
    """The supervisor's view of proposals awaiting their approval (others see the whole queue)."""
    return request.args.get("view") == "approval" and policy.may(officer["role"], "approve", "under_review")


def queue_filters(officer):
    """(the filters for console.desk, their arguments for links): from the request's query, each argument parsed
    (an unknown value is no filter) and carried on as parsed, never as sent."""
    state = request.args.get("state") if request.args.get("state") in states.STATE_BY_CODE else None
    assigned = request.args.get("assigned") if request.args.get("assigned") in ("me", "none") else None
    status = request.args.get("status") if request.args.get("status") in STATUS_BY_CODE else None
    search = request.args.get("q", "").strip()[:100] or None
    nationality = request.args.get("nationality", "").strip().upper()[:3] or None
    filters = dict(state=state, procedure=_procedure(), mine=assigned == "me", unassigned=assigned == "none",
                   arrived=bool(request.args.get("arrived")), search=search,
                   received_from=_day(request.args.get("from", "")), received_to=_day(request.args.get("to", "")),
                   status_code=status, nationality=nationality, awaiting_approval=awaits_approval(officer))
    shown = {"state": state, "procedure": str(filters["procedure"] or "") or None, "assigned": assigned,
             "arrived": "1" if filters["arrived"] else None, "q": search,
             "from": request.args.get("from", "")[:10] if filters["received_from"] is not None else None,
             "to": request.args.get("to", "")[:10] if filters["received_to"] is not None else None,
             "status": status, "nationality": nationality, "view": "approval" if filters["awaiting_approval"] else None}
    return filters, {k: v for k, v in shown.items() if v}


def queue_order():
    sort = request.args.get("sort") if request.args.get("sort") in desk.SORTS else "received"
    return sort, request.args.get("dir") == "desc"


def order_args(sort, descending):
    """The order's arguments that links, redirects and saved filters carry: only what differs from the default
    (received, oldest first)."""
    return {k: v for k, v in {"sort": sort if sort != "received" else None,
                              "dir": "desc" if descending else None}.items() if v}


def case_due(row, today, days_by_code):
    """The open case's due date (rules.due_dates) from the row's receipt, procedures and requests; None once
    the case is no longer being examined."""
    if row["state"] not in policy.OPEN:
        return None
    pauses = [tuple(pause) for pause in json.loads(row["pauses"] or "[]")]
    return due_dates.due(row["submitted_at"], row["procedures"].split(","), pauses, today, days_by_code)


def _shown_rows(rows):
    day = today_in_japan()
    soon = casework.expiring_by(day).isoformat()
    today = day.isoformat()
    days_by_code = due_dates.standards(current_app.config)
    # Each label translated once per page, not once per row (gettext dominates the page's time otherwise).
    state_names = {s.code: state_name(s.code) for s in states.STATES}
    procedure_names = {p.number: gettext(p.name) for p in PROCEDURES}
    for row in rows:  # the applicant's period of stay as answered: those ending soonest need a decision first
        row["procedures_text"] = as_list(procedure_names[int(n)] for n in row["procedures"].split(",") if n)
        row["state_name"] = state_names[row["state"]]
        row["expires"] = row["stay_expires"] or None
        row["overdue"] = bool(row["request_deadline"]) and row["request_deadline"] < today
        row["expiring"] = bool(row["expires"]) and row["expires"] <= soon
        row["due"] = case_due(row, day, days_by_code)
    return state_names


def _done_notice():
    """The notice of the action just taken (a redirect's arguments, bounded numbers only)."""
    done = request.args.get("done")
    if done not in DONE:
        return None
    figures = {name: whole_number_or_none(request.args.get(name, ""), maximum=casework.BULK_MAX) or 0
               for name in ("n", "taken", "refused")}
    parts = [gettext(DONE[done], n=figures["n"])]
    if figures["taken"]:
        parts.append(gettext(TAKEN, taken=figures["taken"]))
    if figures["refused"]:
        parts.append(gettext(NOT_CLAIMABLE, refused=figures["refused"]))
    return " ".join(parts)


def queue_officer():
    """The signed-in officer if they work a queue (a bureau administrator has none: 404)."""
    if not policy.may(g.officer["role"], "view_queue"):
        abort(404)
    return g.officer


def _queue_page(error=None, status=200):
    officer = queue_officer()
    db = get_db()
    offices = policy.offices_seen_by(officer["office"])
    filters, filter_args = queue_filters(officer)
    sort, descending = queue_order()
    cursor_sort = desk.effective_sort(sort, filters)
    after = _cursor(request.args.get("after", ""), cursor_sort)
    before = _cursor(request.args.get("before", ""), cursor_sort)
    page = whole_number_or_none(request.args.get("page", ""), minimum=1, maximum=MAX_PAGE) or 1
    rows = desk.queue(db, offices, sort=sort, descending=descending, after=None if before else after, before=before,
                      officer_id=officer["id"], **filters)
    more = len(rows) > desk.QUEUE_PAGE
    rows = rows[:desk.QUEUE_PAGE]
    if before:
        rows.reverse()  # read nearest first going back: shown in the queue's order
    paged_back = before is not None
    has_next = (more and not paged_back) or (paged_back and bool(rows))
    has_previous = (more and paged_back) or (not paged_back and (after is not None or page > 1) and bool(rows))
    state_names = _shown_rows(rows)
    counts = desk.counts_by_state(db, offices)
    total, exact = desk.count(db, offices, officer_id=officer["id"], by_state=counts, **filters)
    link_args = {**filter_args, **order_args(sort, descending)}
    return render_template(
        "console/queue.html", rows=rows, counts=counts, states=states.STATES[1:],
        state_names=state_names, filters=filter_args,
        # The filters' choices as (value, words) pairs: select_options writes them escaped once per list.
        state_choices=[(s.code, state_names[s.code]) for s in states.STATES[1:]],
        procedure_choices=[(str(p.number), gettext(p.name)) for p in PROCEDURES],
        status_choices=[(status.code, gettext(status.name)) for status in STATUS_BY_CODE.values() if status.online],
        nationalities=nationalities.choices(current_language()), japan_time=japan_time,
        sort=sort, descending=descending, filter_args=filter_args, link_args=link_args,
        sort_links={code: url_for("console.queue", sort=code if code != "received" else None,
                                  dir="desc" if code == sort and not descending else None, **filter_args)
                    for code in desk.SORTS}, page=page, total=total,
        exact=exact, count_cap=desk.COUNT_CAP,
        next_link=url_for("console.queue", after=_cursor_text(cursor_sort, rows[-1]), page=page + 1, **link_args)
        if has_next else None,
        previous_link=url_for("console.queue", before=_cursor_text(cursor_sort, rows[0]), page=max(page - 1, 1),
                              **link_args) if has_previous else None,
        saved=desk.saved_filters(db, officer["id"]), saved_links=_saved_links,
        colleagues=officers.colleagues(db, offices) if policy.may(officer["role"], "reassign", "received") else [],
        approval_view=filters["awaiting_approval"], may_approve=policy.may(officer["role"], "approve", "under_review"),
        done=_done_notice(), error=error), status


def _saved_links(query):
    """A saved filter's link, rebuilt from the whitelist (what was stored is never trusted as a URL)."""
    kept = {k: v[:100] for k, v in urllib.parse.parse_qsl(query) if k in FILTERS + ORDER}
    return url_for("console.queue", **kept)


@bp.get("/queue")
@officer_required
def queue():
    return _queue_page()[0]


def _back_to_queue(**notice):
    """The queue as it was (its filters and order, page one) with the action's notice."""
    filters, filter_args = queue_filters(g.officer)
    return redirect(url_for("console.queue", **filter_args, **order_args(*queue_order()), **notice) + "#result",
                    code=303)


def _selected():
    """The ticked cases [(application, desk version the page showed)]; a malformed choice is a 400 (nothing done)."""
    chosen = request.form.getlist("cases")
    if len(chosen) > casework.BULK_MAX:
        abort(400)
    found, seen = [], set()
    for value in chosen:
        public_id, _, version = value.partition(":")
        number = whole_number_or_none(version)
        if number is None or not public_id or len(public_id) > 64:
            abort(400)
        if public_id in seen:
            continue
        seen.add(public_id)
        found.append((visible_case(public_id), number))
    return found


@bp.post("/queue/claim")
@officer_required
def bulk_claim():
    """Claim the ticked cases, or (a supervisor) assign them to one officer: each its own claim, one winner each."""
    officer = queue_officer()
    db = get_db()
    selected = _selected()
    if not selected:
        return _queue_page(str(NOTHING_SELECTED), 400)
    to_officer = None
    if request.form.get("assign"):  # the assignment's button, not the claim's
        if not policy.may(officer["role"], "reassign", "received"):
            abort(403)
        to_officer = officers.by_id(db, whole_number_or_none(request.form.get("officer", "")))
        if (to_officer is None or to_officer["disabled_at"] or to_officer["role"] == policy.ADMIN
                or not policy.sees_case(officer["office"], to_officer["office"])):
            return _queue_page(str(NO_OFFICER), 400)
    try:
        counts = actions.claim_many(db, officer, selected, request.remote_addr, to_officer=to_officer)
    except policy.Refused as refusal:
        return _queue_page(say(refusal), 403)
    return _back_to_queue(done="assigned" if to_officer else "claimed", **{k: v for k, v in counts.items() if v})


@bp.post("/queue/next")
@officer_required
def next_case():
    """Claim the oldest unassigned open case the current filters show, and open it."""
    officer = queue_officer()
    if not policy.may(officer["role"], "claim", "received"):
        abort(403)
    db = get_db()
    filters, _ = queue_filters(officer)
    filters.update(unassigned=True, mine=False)
    offices = policy.offices_seen_by(officer["office"])
    candidates = []
    for state in policy.next_case_states(filters["state"]):  # each from its own index; the oldest of them first
        candidates += desk.queue(db, offices, officer_id=officer["id"], limit=4, **dict(filters, state=state))
    candidates.sort(key=lambda row: (row["submitted_at"], row["id"]))
    found = actions.claim_next(db, officer, candidates, request.remote_addr)
    if found is None:
        return _back_to_queue(done="none_next")
    return redirect(url_for("console.case", public_id=found["public_id"], done="claim") + "#result", code=303)


@bp.post("/queue/filters")
@officer_required
def save_filter():
    """Save the queue's current filters and order (the form's query) under a name of the officer's choosing."""
    officer = queue_officer()
    db = get_db()
    _, filter_args = queue_filters(officer)
    kept = {**filter_args, **order_args(*queue_order())}
    try:
        with transaction(db):
            name = casework.filter_name(request.form.get("name"), desk.count_saved_filters(db, officer["id"]))
            desk.save_filter(db, officer["id"], name, urllib.parse.urlencode(sorted(kept.items())))
    except RuleError as refusal:
        return _queue_page(say(refusal), 400)
    return _back_to_queue(done="saved")


@bp.post("/queue/filters/<int:filter_id>/delete")
@officer_required
def delete_filter(filter_id):
    officer = queue_officer()
    with transaction(get_db()) as db:
        if not desk.delete_filter(db, officer["id"], filter_id):
            abort(404)
    return _back_to_queue(done="deleted")
