"""A bureau's figures (SQL only): received and decided per week, backlog by state, median days from receipt
to decision per procedure, overdue document requests."""
import datetime
import statistics

from rules.clock import JAPAN

DECIDED = ("granted", "refused")
WEEKS = 12


def _week(ts):
    day = datetime.datetime.fromtimestamp(ts, JAPAN).date()
    return (day - datetime.timedelta(days=day.weekday())).isoformat()


def weekly(db, offices, today):
    """[(week start, received, decided)] for the last WEEKS weeks, oldest first."""
    start_day = today - datetime.timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    start = datetime.datetime.combine(start_day, datetime.time(), JAPAN).timestamp()
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
