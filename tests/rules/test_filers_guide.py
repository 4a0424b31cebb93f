"""docs/filers.md is generated from the table of who may file what (rules.filers) and says what it says."""
import pathlib

from rules import filers
from rules.filers_guide import guide

GUIDE = pathlib.Path(__file__).resolve().parents[2] / "docs" / "filers.md"


def test_the_guide_matches_the_table():
    assert GUIDE.read_text(encoding="utf-8") == guide(), "run bin/filers-guide"


def test_the_guide_names_every_kind_and_every_row_with_its_source():
    text = guide()
    for kind in filers.KINDS:
        assert f"| {kind.number} {kind.name} |" in text
    for row in filers.ROWS:
        assert f"| `{row.code}` |" in text and f"<{row.source}>" in text


def test_the_developers_guide_links_it():
    developing = (GUIDE.parent / "developing.md").read_text(encoding="utf-8")
    assert "(filers.md)" in developing and "`rules/filers.py`" in developing
