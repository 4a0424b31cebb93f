"""docs/dated-rules.md lists every date the rules' data starts or ends on."""
import pathlib

from rules import fees, filers, periods, statuses
from rules.forms import sections_for
from rules.forms.status_parts import PARTS_BY_LETTER

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "dated-rules.md"


def dates_in_the_data():
    found = {s.effective_from for s in fees.SCHEDULES}
    found |= {r.effective_from for r in periods.PERIOD_RULES if r.effective_from != periods.date.min}
    found |= {s.new_entries_end for s in statuses.STATUSES if s.new_entries_end}
    found |= {r.since for r in filers.ROWS}
    sections = [s for parts in PARTS_BY_LETTER.values() for s in parts] + list(sections_for((2, 6, 7)))
    for section in sections:
        for field in section.fields:
            found |= {d.day for d in (field.required_from, field.asked_from, field.asked_until) if d}
            for choice in field.choices:
                found |= {d for d in (choice.since, choice.until) if d}
    return found


def test_every_date_of_the_data_is_listed_with_its_source():
    text = DOC.read_text(encoding="utf-8")
    missing = sorted(d.isoformat() for d in dates_in_the_data() if d.isoformat() not in text)
    assert not missing, f"add these to docs/dated-rules.md: {missing}"
    assert dates_in_the_data() >= {periods.SSW_MONTHLY_FROM, statuses.SKILL_DEVELOPMENT_FROM}
