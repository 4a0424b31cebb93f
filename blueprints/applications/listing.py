"""The applicant's list of applications, newest first, a page at a time."""
import math

from flask import abort, g, render_template, request

from applications import records
from blueprints.applications import bp
from blueprints.applications.views import procedure_names
from blueprints.auth.session import login_required
from i18n import state_name
from rules.clock import japan_time
from rules.numbers import NumberRefused, whole_number
from store.flask_db import get_db

LIST_PAGE_SIZE = 20


@bp.get("")
@login_required
def index():
    after = _cursor(request.args.get("after", ""))
    rows = records.list_for_account(get_db(), g.account["id"], LIST_PAGE_SIZE + 1, after)
    more = len(rows) > LIST_PAGE_SIZE
    rows = rows[:LIST_PAGE_SIZE]
    next_after = "{}:{}".format(*records.page_cursor(rows[-1])) if more else None
    return render_template("applications/index.html", rows=rows, next_after=next_after,
                           names=procedure_names, updated=japan_time,
                           state_label=state_name)


def _cursor(text):
    stamp, _, last_id = text.partition(":")
    try:
        return (_stamp(stamp), whole_number(last_id)) if text else None
    except ValueError:  # NumberRefused included
        abort(400)


def _stamp(text):
    stamp = float(text)
    if not math.isfinite(stamp) or not 0 <= stamp < 1e11:  # seconds since 1970, as records store them
        raise NumberRefused("not a time stamp")
    return stamp
