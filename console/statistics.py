"""A bureau's figures (SQL only): received and decided per week, backlog by state, median days from receipt
to decision per procedure, overdue document requests, open cases by age and each officer's open cases."""
import datetime
import statistics

from rules import console_policy as policy
from rules import due_dates
from rules.clock import JAPAN, japan_day_start

DECIDED = ("granted", "refused")
WEEKS = 12


def _week(ts):
    day = datetime.datetime.fromtimestamp(ts, JAPAN).date()
    return (day - datetime.timedelta(days=day.weekday())).isoformat()


def weekly(db, offices, today):
    """[(week start, received, decided)] for the last WEEKS weeks, oldest first."""
    start_day = today - datetime.timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    start = japan_day_start(start_day)
    marks = ",".join("?" * len(offices))
    weeks = {(start_day + datetime.timedelta(days=7 * i)).isoformat(): [0, 0] for i in range(WEEKS)}
    for (at,) in db.execute(f"SELECT submitted_at FROM application WHERE bureau IN ({marks}) AND submitted_at >= ?",
                            [*offices, start]):
        weeks.setdefault(_week(at), [0, 0])[0] += 1
    for (at,) in db.execute(f"SELECT e.at FROM application_event e JOIN application a ON a.id = e.application_id "
                            f"WHERE a.bureau IN ({marks}) AND e.to_state IN ('granted', 'refused') AND e.at >= ?",
                            [*offices, start]):
        weeks.setdefault(_week(at), [0, 0])[1] += 1
    return [(week, r, d) for week, (r, d) in sorted(weeks.items())]


def median_days(db, offices):
    """{procedures (as stored, e.g. "3"): median days from receipt to decision}."""
    marks = ",".join("?" * len(offices))
    found = {}
    for procedures, submitted, decided in db.execute(
            f"SELECT a.procedures, a.submitted_at, MIN(e.at) FROM application a JOIN application_event e "
            f"ON e.application_id = a.id AND e.to_state IN ('granted', 'refused') WHERE a.bureau IN ({marks}) "
            f"GROUP BY a.id", list(offices)):
        found.setdefault(procedures, []).append((decided - submitted) / 86400)
    return {key: round(statistics.median(values), 1) for key, values in sorted(found.items())}


def ageing(db, offices, today):
    """[(bucket label, open cases received that many Japan-time days ago)] (rules.due_dates.AGEING_BUCKETS): each
    open state of each office read from its index (bureau, state, submitted_at), nothing else of the rows."""
    ranges = due_dates.ageing_ranges(today)
    sums = ", ".join("SUM(submitted_at < ?" + ("" if oldest is None else " AND submitted_at >= ?") + ")"
                     for _, oldest, _ in ranges)
    bounds = [b for _, oldest, newest in ranges for b in ([newest] if oldest is None else [newest, oldest])]
    totals = [0] * len(ranges)
    for office in offices:
        for state in sorted(policy.OPEN):
            found = db.execute(f"SELECT {sums} FROM application WHERE bureau = ? AND state = ?",
                               [*bounds, office, state]).fetchone()
            totals = [t + (n or 0) for t, n in zip(totals, found)]
    return [(label, n) for (label, _, _), n in zip(ranges, totals)]


def workload(db, offices):
    """[(officer's name, {open state: cases}, total)] of the officers with open cases, most first: the open
    cases of each office (its state index) and their desks, not the bureau's history."""
    marks = ",".join("?" * len(policy.OPEN))
    found = {}
    for office in offices:
        for officer_id, name, state, n in db.execute(
                f"SELECT d.assigned_to, o.name, a.state, COUNT(*) FROM application a JOIN case_desk d "
                f"ON d.application_id = a.id JOIN officer o ON o.id = d.assigned_to WHERE a.bureau = ? "
                f"AND a.state IN ({marks}) GROUP BY d.assigned_to, a.state", [office, *sorted(policy.OPEN)]):
            entry = found.setdefault(officer_id, (name, {}))
            entry[1][state] = entry[1].get(state, 0) + n
    rows = [(name, by_state, sum(by_state.values())) for name, by_state in found.values()]
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def chart_svg(rows, title):
    """A bar chart of received / decided per week drawn on the server (no client chart library)."""
    width, height, pad = 720, 240, 32
    top = max([max(r, d) for _, r, d in rows] + [1])
    step = (width - 2 * pad) / max(len(rows), 1)
    bars = []
    for i, (week, received, decided) in enumerate(rows):
        x = pad + i * step
        for j, (value, cls) in enumerate(((received, "received"), (decided, "decided"))):
            h = (height - 2 * pad) * value / top
            bars.append(f'<rect class="bar bar--{cls}" x="{x + j * step / 2.5:.1f}" y="{height - pad - h:.1f}" '
                        f'width="{step / 2.5:.1f}" height="{h:.1f}"><title>{week}: {value}</title></rect>')
        bars.append(f'<text x="{x:.1f}" y="{height - 8}" class="axis">{week[5:]}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{title}">'
            f'<text x="{pad}" y="16" class="axis">{top}</text>' + "".join(bars) + "</svg>")
