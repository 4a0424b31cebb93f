"""The bureau's statistics (server-side SVG chart, CSV export) and the administrator's audit log with filters."""
import csv
import datetime
import io

from flask import Response, abort, g, render_template, request, url_for
from flask_babel import gettext
from markupsafe import Markup, escape

from blueprints.console import bp, officer_required, record
from console import audit, audit_actions, desk, officers, statistics
from rules import application_states as states
from rules import console_policy as policy
from rules.clock import japan_day_start, japan_time, today_in_japan
from rules.numbers import whole_number_or_none
from store import transaction
from store.flask_db import get_db


def _figures():
    db = get_db()
    offices = policy.offices_seen_by(g.officer["office"])
    today = today_in_japan()
    return {"weekly": statistics.weekly(db, offices, today), "backlog": desk.counts_by_state(db, offices),
            "median": statistics.median_days(db, offices),
            "overdue": desk.overdue_requests(db, offices, today.isoformat()),
            "ageing": statistics.ageing(db, offices, today), "workload": statistics.workload(db, offices)}


@bp.get("/statistics", endpoint="statistics")
@officer_required
def statistics_page():
    figures = _figures()
    chart = Markup(statistics.chart_svg(figures["weekly"], escape(gettext("Received and decided per week"))))
    return render_template("console/statistics.html", chart=chart, states=states.STATES[1:],
                           open_states=[s for s in states.STATES if s.code in policy.OPEN], **figures)



@bp.get("/statistics.csv")
@officer_required
def statistics_csv():
    figures = _figures()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["week", "received", "decided"])
    writer.writerows(figures["weekly"])
    writer.writerow([])
    writer.writerow(["state", "backlog"])
    writer.writerows(sorted(figures["backlog"].items()))
    writer.writerow([])
    writer.writerow(["procedures", "median_days_to_decision"])
    writer.writerows(figures["median"].items())
    writer.writerow([])
    writer.writerow(["overdue_document_requests", figures["overdue"]])
    writer.writerow([])
    writer.writerow(["open_cases_received_days_ago", "cases"])
    writer.writerows((gettext(label), n) for label, n in figures["ageing"])
    writer.writerow([])
    writer.writerow(["officer", *sorted(policy.OPEN), "open_cases"])
    writer.writerows([name, *(by_state.get(s, 0) for s in sorted(policy.OPEN)), total]
                     for name, by_state, total in figures["workload"])
    with transaction(get_db()) as db:
        record(db, "statistics_exported")
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=statistics-{g.officer['office']}.csv"})


@bp.get("/audit")
@officer_required
def audit_log():
    if not policy.may(g.officer["role"], "view_bureau_audit"):
        abort(404)
    office = g.officer["office"]
    db = get_db()
    action = request.args.get("action") if request.args.get("action") in audit_actions.LABELS else None
    colleagues = officers.listing(db, office)
    officer_id = whole_number_or_none(request.args.get("officer", ""))
    officer_id = officer_id if officer_id in {o["id"] for o in colleagues} else None
    try:
        since = japan_day_start(datetime.date.fromisoformat(request.args["since"])) if request.args.get("since") \
            else None
    except ValueError:
        since = None
    rows, newer, older = audit.page(db, office, action=action, officer_id=officer_id, since=since,
                                    before_id=whole_number_or_none(request.args.get("before", "")),
                                    after_id=whole_number_or_none(request.args.get("after", "")))
    # Paging links from the whitelist of the filters in force (never the request's arguments as they came).
    kept = {k: v for k, v in (("action", action), ("officer", officer_id),
                              ("since", request.args.get("since") if since else None)) if v is not None}
    links = {"newer": url_for(".audit_log", **kept, after=rows[0]["id"]) if newer and rows else None,
             "older": url_for(".audit_log", **kept, before=rows[-1]["id"]) if older and rows else None,
             "newest": url_for(".audit_log", **kept) if newer else None}
    return render_template("console/audit.html", rows=rows, japan_time=japan_time, filters=request.args,
                           action=action, officer_id=officer_id, colleagues=colleagues, links=links,
                           audit_actions=list(audit_actions.LABELS))
