"""The developing guide's table of field counts per status letter is the one generated from rules/forms/."""
import pathlib
import re

from rules.forms.counts import table
from rules.forms.status_letters import STATUS_LETTERS

GUIDE = pathlib.Path(__file__).resolve().parents[2] / "docs" / "developing.md"


def test_the_guide_table_matches_the_form_definitions():
    text = GUIDE.read_text(encoding="utf-8")
    found = re.search(r"<!-- field-counts:start -->\n(.*?)\n<!-- field-counts:end -->", text, re.S)
    assert found, "docs/developing.md lacks the field-counts table"
    assert found.group(1).strip() == table(), "run bin/field-counts and paste its output into docs/developing.md"


def test_one_row_per_letter_with_the_letter_first():
    rows = table().splitlines()[2:]
    assert [row.split("|")[1].strip() for row in rows] == [entry.letter for entry in STATUS_LETTERS]
    assert all(int(row.split("|")[4]) > 0 for row in rows)
